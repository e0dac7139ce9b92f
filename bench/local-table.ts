/**
 * The benches that run handlers in this process against DynamoDB Local: start it, point the
 * functions' environment at it (as the local runtime does) and create the table. Import it
 * before any handler, so that the handlers read this environment when they load.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localAwsSettings, startDynamoDbLocal } from '../scripts/local/dynamodb-local.js';
import { ensureTable } from '../scripts/local/tables.js';

export const benchTableName = 'xuewu-bench';

export async function startBenchTable() {
  const db = await startDynamoDbLocal();
  process.env['TABLE_NAME'] = benchTableName;
  process.env['DYNAMODB_ENDPOINT'] = db.endpoint;
  process.env['AWS_REGION'] = localAwsSettings.region;
  process.env['AWS_ACCESS_KEY_ID'] = 'local';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'local';
  process.env['POWERTOOLS_LOG_LEVEL'] = process.env['BENCH_LOG_LEVEL'] ?? 'ERROR';
  await ensureTable(new DynamoDBClient({ endpoint: db.endpoint, ...localAwsSettings }), benchTableName);
  return db;
}
