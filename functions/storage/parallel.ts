/**
 * Many requests of one operation (an import's transactions, a read's batches), a few at a
 * time: enough to hide each round trip, few enough not to throttle a new table.
 */
export const requestsInFlight = 8;

/**
 * Runs `work` for every chunk, `requestsInFlight` at a time, and waits for all of them to
 * settle even when one fails, so that the caller knows exactly what was done before it
 * repairs or completes the operation. Chunks touch disjoint items, so order does not matter.
 */
export async function settleInParallel<T>(chunks: readonly T[][], work: (chunk: T[]) => Promise<unknown>): Promise<{ done: T[][]; failures: { chunk: T[]; error: unknown }[] }> {
  const done: T[][] = [];
  const failures: { chunk: T[]; error: unknown }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      try {
        await work(chunk);
        done.push(chunk);
      } catch (error) {
        failures.push({ chunk, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(requestsInFlight, chunks.length) }, worker));
  return { done, failures };
}
