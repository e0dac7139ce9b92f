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
 * The items found for `keys`, read consistently, 100 keys a request, several requests at once. Keys DynamoDB leaves
 * unread (throttling) fail the read (503, retry) rather than read as "absent".
 */
export async function readByKeys<K>(table: Storage['table'], keys: readonly K[], request: (key: K) => BatchGetRequest): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  const batches: K[][] = [];
  for (let start = 0; start < keys.length; start += batchGetLimit) batches.push(keys.slice(start, start + batchGetLimit));
  const { failures } = await settleInParallel(batches, async (batch) => {
    const requests = batch.map(request) as [BatchGetRequest, ...BatchGetRequest[]];
    const command = table.build(BatchGetCommand).requests(...requests).options({ consistent: true });
    const { Responses, UnprocessedKeys } = await executeBatchGet({ maxAttempts: 5 }, command);
    if (UnprocessedKeys !== undefined && Object.keys(UnprocessedKeys).length > 0) throw new StorageBusyError();
    for (const item of Responses?.[0] ?? []) if (item !== undefined) found.push(item as Record<string, unknown>);
  });
  if (failures.length > 0) throw failures[0]!.error;
  return found;
}
