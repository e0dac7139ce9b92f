/**
 * The local backend: DynamoDB Local, s3rver and the API Gateway stand-in, wired to the
 * same handlers and table design as the AWS stack. `npm start` and the end-to-end
 * tests both start it through here.
 */
import type { Server } from 'node:http';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startApiGateway } from './api-gateway.js';
import { devAuth, type DevAuth } from './dev-auth.js';
import { localAwsSettings, startDynamoDbLocal } from './dynamodb-local.js';
import { freePort } from './process-helpers.js';
import { localBuckets, startS3Local } from './s3-local.js';
import { ensureTable } from './tables.js';

export const localTableName = 'xuewu';

export interface LocalBackendOptions {
  /** Where data, objects and the development signing key are kept between runs. */
  readonly dataDir: string;
  /** 0 or unset picks a free port. */
  readonly port?: number;
}

export interface LocalBackend {
  readonly url: string;
  readonly dynamodbEndpoint: string;
  readonly s3Endpoint: string;
  readonly auth: DevAuth;
  stop(): Promise<void>;
}

export async function startLocalBackend(options: LocalBackendOptions): Promise<LocalBackend> {
  const [dynamodb, s3] = await Promise.all([
    startDynamoDbLocal({ dataDir: join(options.dataDir, 'dynamodb') }),
    startS3Local({ dataDir: join(options.dataDir, 's3') }),
  ]);
  const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, ...localAwsSettings });
  await ensureTable(client, localTableName);
  client.destroy();

  // The handlers read their configuration from the environment, as on Lambda.
  Object.assign(process.env, {
    TABLE_NAME: localTableName,
    DYNAMODB_ENDPOINT: dynamodb.endpoint,
    S3_ENDPOINT: s3.endpoint,
    UPLOADS_BUCKET: localBuckets.uploads,
    REPORTS_BUCKET: localBuckets.reports,
    AWS_REGION: localAwsSettings.region,
    AWS_ACCESS_KEY_ID: localAwsSettings.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localAwsSettings.credentials.secretAccessKey,
  });

  const auth = await devAuth(join(options.dataDir, 'dev-signing-key.json'));
  const port = options.port || (await freePort());
  let server: Server;
  try {
    server = await startApiGateway(auth, port);
  } catch (error) {
    await Promise.all([dynamodb.stop(), s3.stop()]);
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    dynamodbEndpoint: dynamodb.endpoint,
    s3Endpoint: s3.endpoint,
    auth,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([dynamodb.stop(), s3.stop()]);
    },
  };
}
