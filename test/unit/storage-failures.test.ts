/**
 * Error paths of the storage that a real engine will not produce on demand:
 * throttling, timeouts and cancelled transactions, simulated with aws-sdk-client-mock.
 */
import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as recordsHandler } from '../../functions/http/records.js';
import { handler } from '../../functions/http/roster.js';
import { logger } from '../../functions/observability.js';
import { invoke } from '../support/events.js';
import { classBody, principals } from '../support/fixtures.js';
import { classMeeting } from '../support/records.js';

const documentClient = mockClient(DynamoDBDocumentClient);
afterAll(() => documentClient.restore());
beforeEach(() => {
  documentClient.reset();
  // Reads answer "nothing there" unless a test says otherwise (the staff directory, taken numbers).
  documentClient.on(GetCommand).resolves({});
  documentClient.on(BatchGetCommand).resolves({ Responses: { 'xuewu-unit': [] } });
});

const who = principals('t-mocked', 'u1');
const serviceError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new DynamoDBServiceException({ name, $fault: 'client', $metadata: {}, message: `${name} (internal detail)` }), extra);

describe('storage failures, as the API reports them', () => {
  it('answers 503 with Retry-After when DynamoDB throttles, and leaks no internal detail', async () => {
    documentClient.on(GetCommand).rejects(serviceError('ProvisionedThroughputExceededException'));
    const response = await invoke(handler, {
      routeKey: 'GET /tenants/{tenantId}/classes/{classId}',
      pathParameters: { tenantId: 't-mocked', classId: 'c1' },
      principal: who.admin,
    });
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(JSON.stringify(response.body)).not.toContain('internal detail');
  });

  it('answers 500 problem+json for an unexpected failure and logs no value the error carries', async () => {
    // A storage validation error carries the offending value, e.g. a student's name.
    const parseError = Object.assign(new Error('Invalid attribute value: 刘洋'), { code: 'parsing.invalidAttributeInput', payload: { received: '刘洋' } });
    documentClient.on(GetCommand).rejects(parseError);
    const logged = vi.spyOn(logger, 'error');
    const response = await invoke(handler, {
      routeKey: 'GET /tenants/{tenantId}/classes/{classId}',
      pathParameters: { tenantId: 't-mocked', classId: 'c1' },
      principal: who.admin,
    });
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body.detail).toMatch(/quote request/);
    expect(logged).toHaveBeenCalledOnce();
    expect(logged.mock.calls[0]?.[1]).toMatchObject({ errorName: 'Error', errorCode: 'parsing.invalidAttributeInput' });
    expect(JSON.stringify(logged.mock.calls)).not.toContain('刘洋');
    logged.mockRestore();
  });

  it('answers 503, not 422, when DynamoDB leaves attendee lookups unprocessed', async () => {
    documentClient.on(GetCommand).resolves({
      Item: {
        pk: 'TENANT#t-mocked#CLASS#c1', sk: '#HEAD', _et: 'Class', tenantId: 't-mocked', classId: 'c1',
        unitId: 'u1', name: '班', cohort: 'new', entryTerm: '2025-autumn', classTeacherId: 'teacher-1',
      },
    });
    documentClient.on(BatchGetCommand).resolves({
      Responses: { 'xuewu-unit': [] },
      UnprocessedKeys: { 'xuewu-unit': { Keys: [{ pk: 'TENANT#t-mocked#STUDENT#2511001201001', sk: '#HEAD' }] } },
    });
    const response = await invoke(recordsHandler, {
      routeKey: 'POST /tenants/{tenantId}/records',
      pathParameters: { tenantId: 't-mocked' },
      principal: who.teacher,
      body: classMeeting('c1', ['2511001201001']),
    });
    expect(response.status).toBe(503);
  });

  it('maps a cancelled transaction to the item whose condition failed (a number taken between the check and the write)', async () => {
    // The numbers were free when checked (no student found); another class took one before the write.
    documentClient.on(TransactWriteCommand).rejects(
      serviceError('TransactionCanceledException', {
        // unit check, class, the class teacher's assignment, then the two students
        CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      }),
    );
    const response = await invoke(handler, {
      routeKey: 'POST /tenants/{tenantId}/classes',
      pathParameters: { tenantId: 't-mocked' },
      principal: who.admin,
      body: classBody('c1', 'u1', ['2511001201001', '2511001201002']),
    });
    expect(response.status).toBe(409);
    expect(response.body.errors[0].pointer).toBe('#/students/1/studentNumber');
  });

  it('maps a failed unit check to 422 rather than 409', async () => {
    documentClient.on(TransactWriteCommand).rejects(
      serviceError('TransactionCanceledException', { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] }),
    );
    const response = await invoke(handler, {
      routeKey: 'POST /tenants/{tenantId}/classes',
      pathParameters: { tenantId: 't-mocked' },
      principal: who.admin,
      body: classBody('c1', 'u1', []),
    });
    expect(response.status).toBe(422);
    expect(response.body.errors[0].pointer).toBe('#/unitId');
  });

  it('answers 503 (retry) when a transaction lost a race with a concurrent write, not 409', async () => {
    documentClient.on(TransactWriteCommand).rejects(
      serviceError('TransactionCanceledException', { CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] }),
    );
    const response = await invoke(handler, {
      routeKey: 'POST /tenants/{tenantId}/classes',
      pathParameters: { tenantId: 't-mocked' },
      principal: who.admin,
      body: classBody('c1', 'u1', []),
    });
    expect(response.status).toBe(503);
  });
});

describe('bulk roster when a later chunk loses a race', () => {
  it('takes back the chunks already written and names the taken number', async () => {
    documentClient.reset();
    documentClient.on(GetCommand).resolves({
      Item: { pk: 'TENANT#t-mocked#CLASS#c1', sk: '#HEAD', _et: 'Class', tenantId: 't-mocked', classId: 'c1', unitId: 'u1', name: '班', cohort: 'new', entryTerm: '2025-autumn' },
    });
    documentClient.on(BatchGetCommand).resolves({ Responses: { 'xuewu-unit': [] } });
    // The first chunk (99 students) is written; the second finds its 3rd student taken meanwhile.
    documentClient
      .on(TransactWriteCommand)
      .resolvesOnce({})
      .rejectsOnce(serviceError('TransactionCanceledException', { CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed' }] }));
    documentClient.on(DeleteCommand).resolves({});
    const students = Array.from({ length: 120 }, (_, i) => ({ studentNumber: `2811${String(i).padStart(9, '0')}`, name: '学生' }));
    const response = await invoke(handler, {
      routeKey: 'POST /tenants/{tenantId}/classes/{classId}/students',
      pathParameters: { tenantId: 't-mocked', classId: 'c1' },
      principal: who.admin,
      body: { students },
    });
    expect(response.status).toBe(409);
    expect(response.body.errors[0].pointer).toBe('#/students/101/studentNumber');
    const deleted = documentClient.commandCalls(DeleteCommand).map((call) => (call.args[0].input.Key as { pk: string }).pk);
    expect(deleted).toHaveLength(99);
    expect(deleted[0]).toBe('TENANT#t-mocked#STUDENT#2811000000000');
  });
});
