/** Below DynamoDB's 4 MB per transaction, with room for the keys and attribute names. */
export const transactionBytes = 3 * 1024 * 1024;

/**
 * Items in transaction-sized chunks: at most `perTransaction` each, and at most
 * `transactionBytes` by `bytesOf` (an item's JSON size with room for its keys, times the
 * items it writes).
 */
export function transactionChunks<T>(items: readonly T[], perTransaction: number, bytesOf: (item: T) => number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = bytesOf(item);
    if (current.length > 0 && (current.length === perTransaction || bytes + size > transactionBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

