/**
 * Starts one DynamoDB Local (in memory) and one s3rver for the whole test run; test
 * files isolate themselves by tenant id, not by restarting the engines (start-up costs
 * seconds, see shared/STACK.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TestProject } from 'vitest/node';
import { localAwsSettings, startDynamoDbLocal } from '../../scripts/local/dynamodb-local.js';
import { startS3Local } from '../../scripts/local/s3-local.js';
import { ensureTable } from '../../scripts/local/tables.js';

export const testTableName = 'xuewu-test';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    s3Endpoint: string;
    tableName: string;
  }
}

export default async function setup(project: TestProject) {
  const s3Dir = mkdtempSync(join(tmpdir(), 'xuewu-s3-'));
  const [dynamodb, s3] = await Promise.all([startDynamoDbLocal(), startS3Local({ dataDir: s3Dir })]);
  const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, ...localAwsSettings });
  await ensureTable(client, testTableName);
  client.destroy();
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
  project.provide('tableName', testTableName);
  return async () => {
    await Promise.all([dynamodb.stop(), s3.stop()]);
    rmSync(s3Dir, { recursive: true, force: true });
  };
}
