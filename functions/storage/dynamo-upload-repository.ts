/**
 * Uploads in the table: one item per upload (`TENANT#t#UPLOAD#id`, `#HEAD`), listed per
 * class (a registry table uploaded for a whole unit: per unit) in the byParent index by
 * upload id (time-ordered). A file of a batch is also written, in the same transaction,
 * as a member item in the batch's own partition (`TENANT#t#UPLOAD-BATCH#b`,
 * `UPLOAD#id`): the batch's files are found by one consistent query of that partition,
 * wherever (whichever class) they were uploaded, never by a scan. The validation result is
 * written over the item only when it is about a later object than the one recorded
 * (S3's sequencer), so a duplicated or late event never replaces a newer result.
 */
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AlreadyExistsError } from '../../domain/errors.js';
import type { Upload, UploadResult } from '../../domain/uploads/upload.js';
import type { UploadBatch } from '../../domain/uploads/batches.js';
import { StaleRevisionError } from '../../domain/errors.js';
import { failedTransactionConditions, isConditionalCheckFailed } from './dynamo-errors.js';
import { readInBatches } from './reading.js';
import { putIfAbsent } from './put-if-absent.js';
import { keys, type Storage } from './table.js';

export const uploadKeys = {
  upload: (tenantId: string, uploadId: string) => `TENANT#${tenantId}#UPLOAD#${uploadId}`,
  uploadsOfClass: (tenantId: string, classId: string) => `TENANT#${tenantId}#CLASS#${classId}#UPLOADS`,
  uploadsOfUnit: (tenantId: string, unitId: string) => `TENANT#${tenantId}#UNIT#${unitId}#UPLOADS`,
  batch: (tenantId: string, batchId: string) => `TENANT#${tenantId}#UPLOAD-BATCH#${batchId}`,
  /** A file of the batch, in the batch's partition (sort key). */
  batchMember: (uploadId: string) => `UPLOAD#${uploadId}`,
};

/** What recording a result did: written, the same object's result was there already, or a newer object's is. */
export type Recorded = 'written' | 'same-object' | 'newer-object';

export class DynamoUploadRepository {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    storage: Storage,
    private readonly tableName: string,
  ) {
    this.client = storage.table.getDocumentClient();
  }

  /** Records the upload, and for a file of a batch its member item with it (both or neither). */
  async create(upload: Upload): Promise<void> {
    const listedUnder = upload.classId !== undefined ? uploadKeys.uploadsOfClass(upload.tenantId, upload.classId) : uploadKeys.uploadsOfUnit(upload.tenantId, upload.unitId);
    const item = { pk: uploadKeys.upload(upload.tenantId, upload.uploadId), sk: keys.head, gsi1pk: listedUnder, gsi1sk: upload.uploadId, upload };
    if (upload.batchId === undefined) {
      if (!(await putIfAbsent(this.client, this.tableName, item))) throw new AlreadyExistsError('upload', upload.uploadId, []);
      return;
    }
    const member = { pk: uploadKeys.batch(upload.tenantId, upload.batchId), sk: uploadKeys.batchMember(upload.uploadId), uploadId: upload.uploadId };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [item, member].map((Item) => ({ Put: { TableName: this.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } })),
        }),
      );
    } catch (error) {
      if ((failedTransactionConditions(error) ?? []).length > 0) throw new AlreadyExistsError('upload', upload.uploadId, []);
      throw error;
    }
  }

  /** Every file of the batch, whichever class or unit it was uploaded for: its member items (one consistent query), then the uploads themselves, read consistently. */
  async membersOfBatch(tenantId: string, batchId: string): Promise<Upload[]> {
    const ids: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
          ExpressionAttributeValues: { ':pk': uploadKeys.batch(tenantId, batchId), ':member': uploadKeys.batchMember('') },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      ids.push(...(page.Items ?? []).map((item) => item['uploadId'] as string));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return readInBatches(ids, async (batch) => {
      const answer = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: batch.map((id) => ({ pk: uploadKeys.upload(tenantId, id), sk: keys.head })), ConsistentRead: true } } }),
      );
      return { items: (answer.Responses?.[this.tableName] ?? []).map((item) => item['upload'] as Upload), unread: Object.keys(answer.UnprocessedKeys ?? {}).length > 0 };
    });
  }

  async get(tenantId: string, uploadId: string): Promise<Upload | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: uploadKeys.upload(tenantId, uploadId), sk: keys.head }, ConsistentRead: true }));
    return Item === undefined ? undefined : (Item['upload'] as Upload);
  }

  /** Records the result of validating one object of the upload, unless a later (or the same) object's is recorded. */
  async recordResult(tenantId: string, uploadId: string, result: UploadResult): Promise<Recorded> {
    const key = { pk: uploadKeys.upload(tenantId, uploadId), sk: keys.head };
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET #upload.#result = :result, #sequencer = :sequencer',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#sequencer) OR #sequencer < :sequencer)',
          ExpressionAttributeNames: { '#upload': 'upload', '#result': 'result', '#sequencer': 'sequencer' },
          ExpressionAttributeValues: { ':result': result, ':sequencer': result.sequencer },
        }),
      );
      return 'written';
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      return Item?.['sequencer'] === result.sequencer ? 'same-object' : 'newer-object';
    }
  }

  async listOfClass(tenantId: string, classId: string, page: { limit: number; exclusiveStartKey?: Record<string, unknown> | undefined }) {
    const answer = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byParent',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': uploadKeys.uploadsOfClass(tenantId, classId) },
        Limit: page.limit,
        ExclusiveStartKey: page.exclusiveStartKey,
      }),
    );
    return { items: (answer.Items ?? []).map((item) => item['upload'] as Upload), lastEvaluatedKey: answer.LastEvaluatedKey };
  }

  /** Every upload of the class, from the index (which may lag a write by a moment). */
  async allOfClass(tenantId: string, classId: string): Promise<Upload[]> {
    const all: Upload[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.listOfClass(tenantId, classId, { limit: 100, exclusiveStartKey: start });
      all.push(...page.items);
      start = page.lastEvaluatedKey;
    } while (start !== undefined);
    return all;
  }

  async createBatch(batch: UploadBatch): Promise<void> {
    const item = { pk: uploadKeys.batch(batch.tenantId, batch.batchId), sk: keys.head, batch, version: batch.version };
    if (!(await putIfAbsent(this.client, this.tableName, item))) throw new AlreadyExistsError('upload batch', batch.batchId, []);
  }

  async getBatch(tenantId: string, batchId: string): Promise<UploadBatch | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: uploadKeys.batch(tenantId, batchId), sk: keys.head }, ConsistentRead: true }));
    return Item === undefined ? undefined : (Item['batch'] as UploadBatch);
  }

  /** Stores the batch's next version over the one read. @throws StaleRevisionError */
  async putBatch(next: UploadBatch): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: uploadKeys.batch(next.tenantId, next.batchId), sk: keys.head, batch: next, version: next.version },
          ConditionExpression: 'version = :previous',
          ExpressionAttributeValues: { ':previous': next.version - 1 },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw new StaleRevisionError('upload batch', next.version - 1, { cause: error });
      throw error;
    }
  }
}
