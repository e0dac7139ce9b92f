/**
 * How the repositories read more than one item: whole lists page after page, and items by
 * key in batches, so that neither a 1 MB page nor a throttled batch passes for "that's all".
 */
import type { BatchGetRequest } from 'dynamodb-toolbox/entity/actions/batchGet';
import { BatchGetCommand, execute as executeBatchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import { StorageBusyError } from './dynamo-errors.js';
import { settleInParallel } from './parallel.js';
import type { Storage } from './table.js';

/** For a query's `maxPages`: lists read whole are read to their end, never just the first 1 MB. */
export const everyPage = Number.POSITIVE_INFINITY;

/** DynamoDB reads at most 100 keys per BatchGetItem. */
const batchGetLimit = 100;

/**
 * Keys read 100 a request, several requests at once: `read` answers a request's items and
 * whether DynamoDB left keys unread (throttling), which fails the whole read (503, retry)
 * rather than reading as "absent".
 */
export async function readInBatches<K, T>(keys: readonly K[], read: (batch: K[]) => Promise<{ readonly items: readonly T[]; readonly unread: boolean }>): Promise<T[]> {
  const found: T[] = [];
  const batches: K[][] = [];
  for (let start = 0; start < keys.length; start += batchGetLimit) batches.push(keys.slice(start, start + batchGetLimit));
  const { failures } = await settleInParallel(batches, async (batch) => {
    const { items, unread } = await read(batch);
    if (unread) throw new StorageBusyError();
    found.push(...items);
  });
  if (failures.length > 0) throw failures[0]!.error;
  return found;
}

/** The items found for `keys` through the table's entities, read consistently (`readInBatches`). */
export function readByKeys<K>(table: Storage['table'], keys: readonly K[], request: (key: K) => BatchGetRequest): Promise<Record<string, unknown>[]> {
  return readInBatches(keys, async (batch) => {
    const requests = batch.map(request) as [BatchGetRequest, ...BatchGetRequest[]];
    const command = table.build(BatchGetCommand).requests(...requests).options({ consistent: true });
    const { Responses, UnprocessedKeys } = await executeBatchGet({ maxAttempts: 5 }, command);
    const items = (Responses?.[0] ?? []).filter((item) => item !== undefined) as Record<string, unknown>[];
    return { items, unread: UnprocessedKeys !== undefined && Object.keys(UnprocessedKeys).length > 0 };
  });
}
