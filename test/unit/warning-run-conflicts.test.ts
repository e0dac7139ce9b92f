/**
 * A warning run's classes all update the run's head: on DynamoDB, transactions at the same
 * moment are cancelled for conflict, which no local engine produces on demand. Simulated with
 * aws-sdk-client-mock: the class's join is tried again a few times before the delivery fails.
 */
import { DynamoDBClient, DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoWarningRunRepository } from '../../functions/storage/dynamo-warning-run-repository.js';
import { createStorage } from '../../functions/storage/table.js';

const documentClient = mockClient(DynamoDBDocumentClient);
afterAll(() => documentClient.restore());
beforeEach(() => documentClient.reset());

const repository = new DynamoWarningRunRepository(createStorage(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local' })), 'xuewu-unit'), 'xuewu-unit');
const cancelled = (code: string) =>
  Object.assign(new DynamoDBServiceException({ name: 'TransactionCanceledException', $fault: 'client', $metadata: {}, message: 'cancelled' }), {
    CancellationReasons: [{ Code: 'None' }, { Code: code }],
  });
const listing = { classId: 'c1', pages: [], warnedCount: 0, processingCount: 0 };

describe('a class joining its warning run', () => {
  it('is tried again when its transaction is cancelled for a conflict, and joins', async () => {
    documentClient.on(TransactWriteCommand).rejectsOnce(cancelled('TransactionConflict')).rejectsOnce(cancelled('TransactionConflict')).resolves({});
    documentClient.on(GetCommand).resolves({ Item: { pk: 'x', sk: '#HEAD', runId: 'r1', status: 'running', classIds: ['c1'], classesDone: 1 } });
    const joined = await repository.joinClass('t1', 'r1', listing);
    expect(joined).toMatchObject({ joined: true, run: { runId: 'r1', classesDone: 1 } });
    // Two conflicts, then the third try: 3 transactions sent.
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('gives up after five conflicts, so the queue delivers the class again', async () => {
    documentClient.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));
    await expect(repository.joinClass('t1', 'r1', listing)).rejects.toThrow('cancelled');
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(5);
  });

  it('counts a class whose marker is there already as joined before, without trying again', async () => {
    documentClient.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed'));
    expect(await repository.joinClass('t1', 'r1', listing)).toEqual({ joined: false });
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});
