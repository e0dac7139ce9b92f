/**
 * The local backend: DynamoDB Local, s3rver and the API Gateway stand-in, wired to the
 * same handlers and table design as the AWS stack. `npm start` and the end-to-end
 * tests both start it through here.
 */
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { systemClock, useClockInThisProcess } from '../../functions/composition.js';
import { useMessagingInThisProcess } from '../../functions/messaging.js';
import { startApiGateway } from './api-gateway.js';
import { startLocalAsync, type LocalAsync } from './async-runtime.js';
import { localClock, validateClockOptions, type LocalClock, type LocalClockOptions } from './clock.js';
import { devAuth, type DevAuth } from './dev-auth.js';
import { localAwsSettings, startDynamoDbLocal } from './dynamodb-local.js';
import { readOrCreateKeyFile } from './key-file.js';
import { freePort } from './process-helpers.js';
import { localBuckets, startS3Local } from './s3-local.js';
import { ensureTable } from './tables.js';
import type { BucketName } from '../../functions/catalog.js';

export const localTableName = 'xuewu';

/**
 * Written to the data folder while the backend runs, so that tools in another process
 * (`npm run report`) find it: its URL and its engines' endpoints (free ports, chosen at start).
 */
export const runtimeFileName = 'runtime.json';
export interface RuntimeFile {
  readonly url: string;
  readonly dynamodbEndpoint: string;
  readonly s3Endpoint: string;
  readonly tableName: string;
  readonly pid: number;
}

export interface LocalBackendOptions {
  /** Where data, objects, the development signing key and the cursor key are kept between runs. */
  readonly dataDir: string;
  /** 0 or unset picks a free port. */
  readonly port?: number;
  /**
   * Runs the handlers of this process on a shifted clock (development and tests only):
   * `startAt` (ISO 8601 with an offset) makes the clock read that instant when the backend
   * is ready, `offsetMs` shifts it by a constant; either way it keeps running. Unset: the
   * system clock, untouched. Restored to the system clock by `stop()`.
   */
  readonly clock?: LocalClockOptions;
  /** false: the catalog's scheduled jobs never fire by themselves (queues and the bus still run). @default true */
  readonly schedules?: boolean;
  /** Delay before a failed queue delivery is tried again. @default 200 ms */
  readonly retryDelayMs?: number;
}

export interface LocalBackend {
  readonly url: string;
  readonly dynamodbEndpoint: string;
  readonly s3Endpoint: string;
  readonly auth: DevAuth;
  /** The clock the handlers run on; `offsetMs` is 0 for the system clock. */
  readonly clock: LocalClock;
  /** The scheduler, queues and event bus, in this process. */
  readonly async: LocalAsync;
  stop(): Promise<void>;
}

export async function startLocalBackend(options: LocalBackendOptions): Promise<LocalBackend> {
  // Refuse bad clock options before anything is started.
  if (options.clock !== undefined) validateClockOptions(options.clock);
  const [dynamodb, s3] = await Promise.all([
    startDynamoDbLocal({ dataDir: join(options.dataDir, 'dynamodb') }),
    startS3Local({ dataDir: join(options.dataDir, 's3') }),
  ]);
  const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, ...localAwsSettings });
  await ensureTable(client, localTableName);
  client.destroy();

  // The handlers read their configuration from the environment, as on Lambda; the cursor
  // key itself stands in for the secret the stack creates, so cursors survive a restart.
  const cursorKey = await readOrCreateKeyFile(join(options.dataDir, 'cursor-key'), () => randomBytes(32).toString('hex'));
  Object.assign(process.env, {
    CURSOR_KEY: cursorKey,
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
  // The offset is fixed once the engines are up, so `startAt` is what the clock reads when serving starts.
  const clock = options.clock === undefined ? localClock({}) : localClock(options.clock);
  let server: Server;
  try {
    server = await startApiGateway(auth, port, clock);
  } catch (error) {
    await Promise.all([dynamodb.stop(), s3.stop()]);
    throw error;
  }
  const ownsProcessClock = options.clock !== undefined;
  if (ownsProcessClock) useClockInThisProcess(clock);
  const async = startLocalAsync({
    clock,
    schedules: options.schedules ?? true,
    ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
    onFailure: (from, error) => console.error(`local ${from}: a delivery failed (${error instanceof Error ? error.name : typeof error}); retried, then its dead-letter queue`),
  });
  useMessagingInThisProcess(async.messaging);
  const url = `http://127.0.0.1:${port}`;
  const runtimeFile = join(options.dataDir, runtimeFileName);
  writeFileSync(runtimeFile, JSON.stringify({ url, dynamodbEndpoint: dynamodb.endpoint, s3Endpoint: s3.endpoint, tableName: localTableName, pid: process.pid } satisfies RuntimeFile, null, 2));
  // s3rver's object events reach the storage-triggered rows as S3's notifications would.
  const bucketNames = new Map<string, BucketName>(Object.entries(localBuckets).map(([name, bucket]) => [bucket, name as BucketName]));
  s3.onEvent((record) => {
    const bucket = bucketNames.get(record.s3.bucket.name);
    if (bucket === undefined || !record.eventName.startsWith('ObjectCreated:')) return;
    const { key, size = 0, eTag = '', sequencer } = record.s3.object;
    async.objectCreated(bucket, { key, size, eTag, sequencer }, record.eventName);
  });
  return {
    url,
    dynamodbEndpoint: dynamodb.endpoint,
    s3Endpoint: s3.endpoint,
    auth,
    clock,
    async,
    stop: async () => {
      rmSync(runtimeFile, { force: true });
      async.stop();
      useMessagingInThisProcess(undefined);
      if (ownsProcessClock) useClockInThisProcess(systemClock);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([dynamodb.stop(), s3.stop()]);
    },
  };
}
