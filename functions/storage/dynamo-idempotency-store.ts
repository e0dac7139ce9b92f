import { DeleteItemCommand } from 'dynamodb-toolbox/entity/actions/delete';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import type { IdempotencyClaim, IdempotencyStore, StoredResponse } from '../http/kit/idempotency.js';
import { isConditionalCheckFailed } from './dynamo-errors.js';
import type { Storage } from './table.js';

/** How long a completed request is remembered (24 h, as common APIs do), and how long a claim holds. */
const rememberSeconds = 24 * 60 * 60;
const lockSeconds = 30;
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(private readonly storage: Storage) {}

  async claim(recordKey: string, fingerprint: string, now: Date): Promise<IdempotencyClaim> {
    const nowSeconds = seconds(now);
    try {
      await this.storage.idempotencyRecord
        .build(PutItemCommand)
        .item({ recordKey, fingerprint, state: 'in-progress', lockedUntil: nowSeconds + lockSeconds, expiresAt: nowSeconds + rememberSeconds })
        .options({
          // Free, expired (TTL deletes lazily), or an abandoned claim.
          condition: {
            or: [
              { attr: 'pk', exists: false },
              { attr: 'expiresAt', lt: nowSeconds },
              { and: [{ attr: 'state', eq: 'in-progress' }, { attr: 'lockedUntil', lt: nowSeconds }] },
            ],
          },
        })
        .send();
      return { outcome: 'claimed' };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    const { Item } = await this.storage.idempotencyRecord.build(GetItemCommand).key({ recordKey }).options({ consistent: true }).send();
    // Released between our put and this read: the holder failed; the client's next retry claims it.
    if (Item === undefined) return { outcome: 'in-progress', fingerprint };
    if (Item.state === 'completed' && Item.response !== undefined) {
      return { outcome: 'completed', fingerprint: Item.fingerprint, response: Item.response as StoredResponse };
    }
    return { outcome: 'in-progress', fingerprint: Item.fingerprint };
  }

  async complete(recordKey: string, fingerprint: string, response: StoredResponse, now: Date): Promise<void> {
    const nowSeconds = seconds(now);
    await this.storage.idempotencyRecord
      .build(PutItemCommand)
      .item({ recordKey, fingerprint, state: 'completed', lockedUntil: nowSeconds, response, expiresAt: nowSeconds + rememberSeconds })
      .options({ condition: { and: [{ attr: 'state', eq: 'in-progress' }, { attr: 'fingerprint', eq: fingerprint }] } })
      .send();
  }

  async release(recordKey: string): Promise<void> {
    try {
      await this.storage.idempotencyRecord
        .build(DeleteItemCommand)
        .key({ recordKey })
        .options({ condition: { attr: 'state', eq: 'in-progress' } })
        .send();
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}
