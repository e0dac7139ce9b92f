/**
 * Error paths of a batch's member items that DynamoDB Local will not produce on demand
 * (simulated with aws-sdk-client-mock): keys a BatchGetItem leaves unread under throttling,
 * and a cancelled transaction when an upload's id is taken.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AlreadyExistsError } from '../../domain/errors.js';
import type { Upload } from '../../domain/uploads/upload.js';
import { StorageBusyError } from '../../functions/storage/dynamo-errors.js';
import { DynamoUploadRepository } from '../../functions/storage/dynamo-upload-repository.js';
import type { Storage } from '../../functions/storage/table.js';

const documentClient = mockClient(DynamoDBDocumentClient);
afterAll(() => documentClient.restore());
beforeEach(() => documentClient.reset());

const storage = { table: { getDocumentClient: () => DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })) } } as unknown as Storage;
const repository = new DynamoUploadRepository(storage, 'xuewu-unit');
const upload: Upload = { tenantId: 't', uploadId: 'u1', purpose: 'change-evidence', classId: 'c', unitId: 'n', studentNumber: '1', fileName: '身份证.jpg', key: 'k', declaredSize: 1, contentType: 'image/jpeg', uploaderId: 'r', requestedAt: '2026-12-01T00:00:00.000Z', batchId: 'b' };

describe('UPLOAD-BATCH-MEMBERS: failures of the member items', () => {
  it('a member read that DynamoDB leaves unprocessed fails the read (retry), rather than passing for a batch missing files', async () => {
    documentClient.on(QueryCommand).resolves({ Items: [{ uploadId: 'u1' }, { uploadId: 'u2' }] });
    documentClient.on(BatchGetCommand).resolves({ Responses: { 'xuewu-unit': [{ upload }] }, UnprocessedKeys: { 'xuewu-unit': { Keys: [{ pk: 'TENANT#t#UPLOAD#u2', sk: '#HEAD' }] } } });
    await expect(repository.membersOfBatch('t', 'b')).rejects.toBeInstanceOf(StorageBusyError);
  });

  it('an upload of a batch whose id is taken writes neither it nor its member item, and says the upload exists', async () => {
    const cancelled = Object.assign(new Error('cancelled'), { name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] });
    documentClient.on(TransactWriteCommand).rejects(cancelled);
    await expect(repository.create(upload)).rejects.toBeInstanceOf(AlreadyExistsError);
    const sent = documentClient.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(sent.map((action) => [action.Put?.Item?.['pk'], action.Put?.Item?.['sk']])).toEqual([
      ['TENANT#t#UPLOAD#u1', '#HEAD'],
      ['TENANT#t#UPLOAD-BATCH#b', 'UPLOAD#u1'],
    ]);
  });
});
