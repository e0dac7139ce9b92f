/**
 * The repositories' put-if-absent (functions/storage/put-if-absent.ts), against DynamoDB
 * Local: what runs, reports, findings and uploads rely on so that a redelivery or a
 * re-run never overwrites what is stored.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { putIfAbsent } from '../../functions/storage/put-if-absent.js';
import { localAwsSettings } from '../../scripts/local/dynamodb-local.js';
import { uniqueTenant } from '../support/events.js';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env['DYNAMODB_ENDPOINT']!, ...localAwsSettings }));
const table = process.env['TABLE_NAME']!;
const pk = `TENANT#${uniqueTenant('put-if-absent')}#THING#1`;
afterAll(() => client.destroy());

const stored = async (sk: string) => (await client.send(new GetCommand({ TableName: table, Key: { pk, sk }, ConsistentRead: true }))).Item;

describe('putIfAbsent writes an item only when its key is free', () => {
  it('writes to a free key and answers true', async () => {
    expect(await putIfAbsent(client, table, { pk, sk: '#HEAD', value: 'first' })).toBe(true);
    expect(await stored('#HEAD')).toEqual({ pk, sk: '#HEAD', value: 'first' });
  });

  it('keeps the stored item as it is and answers false when the key is taken (a redelivery never overwrites)', async () => {
    expect(await putIfAbsent(client, table, { pk, sk: '#HEAD', value: 'second' })).toBe(false);
    expect(await stored('#HEAD')).toEqual({ pk, sk: '#HEAD', value: 'first' });
  });

  it('takes the same partition with another sort key as another key: written beside the first', async () => {
    expect(await putIfAbsent(client, table, { pk, sk: 'FINDING#a@2026-09-01', value: 'finding' })).toBe(true);
    expect(await stored('#HEAD')).toEqual({ pk, sk: '#HEAD', value: 'first' });
    expect(await stored('FINDING#a@2026-09-01')).toMatchObject({ value: 'finding' });
  });

  it('throws any failure other than the taken key (here: no such table)', async () => {
    await expect(putIfAbsent(client, `${table}-missing`, { pk, sk: '#HEAD' })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
