/** Points the handlers' configuration at the engines the global setup started. */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { localAwsSettings } from '../../scripts/local/dynamodb-local.js';
import { localBuckets } from '../../scripts/local/s3-local.js';

Object.assign(process.env, {
  TABLE_NAME: inject('tableName'),
  DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
  S3_ENDPOINT: inject('s3Endpoint'),
  UPLOADS_BUCKET: localBuckets.uploads,
  REPORTS_BUCKET: localBuckets.reports,
  AWS_REGION: localAwsSettings.region,
  AWS_ACCESS_KEY_ID: localAwsSettings.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: localAwsSettings.credentials.secretAccessKey,
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  // A pagination cursor key of this test file's own: a cursor never crosses files.
  CURSOR_KEY: randomBytes(32).toString('hex'),
});
