/**
 * The composition root: builds each process's adapters once, from its environment.
 * Lambda, the local runtime and the integration tests all come through here, so they
 * run the same wiring with different configuration.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../domain/time.js';
import { DynamoConfigurationRepository } from './storage/dynamo-configuration-repository.js';
import { DynamoIdempotencyStore } from './storage/dynamo-idempotency-store.js';
import { DynamoPrivacyRepository } from './storage/dynamo-privacy-repository.js';
import { DynamoRecordRepository } from './storage/dynamo-record-repository.js';
import { DynamoRosterRepository } from './storage/dynamo-roster-repository.js';
import { DynamoReportRepository } from './storage/dynamo-report-repository.js';
import { DynamoRunRepository } from './storage/dynamo-run-repository.js';
import { currentMessaging, type Messaging } from './messaging.js';
import { DynamoStatusRepository } from './storage/dynamo-status-repository.js';
import { DynamoFactRepository } from './storage/dynamo-fact-repository.js';
import { DynamoUploadRepository } from './storage/dynamo-upload-repository.js';
import { DynamoWarningRunRepository } from './storage/dynamo-warning-run-repository.js';
import { cursorsWith } from './storage/cursor.js';
import { cursorKeyLoader, cursorKeySourceFromEnv, type CursorKeySource, type SecretReader } from './storage/cursor-key.js';
import { createStorage } from './storage/table.js';

export interface Config {
  readonly tableName: string;
  /** Set for DynamoDB Local; unset on AWS. */
  readonly dynamodbEndpoint?: string;
  /** The pagination cursor key: its secret on AWS, the key itself locally. Only listings need it. */
  readonly cursorKey?: CursorKeySource;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const tableName = env['TABLE_NAME'];
  if (tableName === undefined || tableName === '') throw new Error('TABLE_NAME is not set');
  const dynamodbEndpoint = env['DYNAMODB_ENDPOINT'];
  const cursorKey = cursorKeySourceFromEnv(env);
  return { tableName, ...(dynamodbEndpoint ? { dynamodbEndpoint } : {}), ...(cursorKey ? { cursorKey } : {}) };
}

export const systemClock: Clock = { now: () => new Date() };

let processClock: Clock = systemClock;

/**
 * Replaces the clock of every handler in this process. Only the local runtime calls it
 * (to fix or offset time and replay a term through the real API); no Lambda entry point
 * does, so on AWS the handlers always run on the system clock.
 */
export function useClockInThisProcess(clock: Clock): void {
  processClock = clock;
}

const currentClock: Clock = { now: () => processClock.now() };

/** What only some functions bring: a paging function's entry passes how it reads its secret. */
export interface Capabilities {
  readonly readSecret?: SecretReader;
  /** Queues and the event bus; the process's own (AWS, or the local runtime's) unless given. */
  readonly messaging?: Messaging;
}

export function createDependencies(config: Config, clock: Clock = currentClock, capabilities: Capabilities = {}) {
  const client = new DynamoDBClient(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {});
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const storage = createStorage(documentClient, config.tableName);
  // Built with the dependencies, so the key is fetched at most once per process (and never
  // by a function that hands out no cursor).
  const cursors = cursorsWith(cursorKeyLoader(config.cursorKey, capabilities.readSecret));
  return {
    clock,
    roster: new DynamoRosterRepository(storage),
    configuration: new DynamoConfigurationRepository(storage),
    idempotency: new DynamoIdempotencyStore(storage),
    records: new DynamoRecordRepository(storage, cursors),
    privacy: new DynamoPrivacyRepository(storage, cursors),
    runs: new DynamoRunRepository(storage, config.tableName),
    reports: new DynamoReportRepository(storage, config.tableName),
    messaging: capabilities.messaging ?? currentMessaging,
    cursors,
    statuses: new DynamoStatusRepository(storage),
    facts: new DynamoFactRepository(storage),
    uploads: new DynamoUploadRepository(storage, config.tableName),
    warningRuns: new DynamoWarningRunRepository(storage, config.tableName),
    /** Time-ordered ids (UUIDv7) stamped with the clock. */
    newId: () => uuidv7({ msecs: clock.now().getTime() }),
  };
}

export type Dependencies = ReturnType<typeof createDependencies>;

/**
 * Builds the dependencies on first use, so a cold start pays for them once. The
 * configuration is re-read on each call (it is a few environment lookups), so a local
 * runtime restarted in the same process with a new endpoint or cursor key gets new adapters.
 */
export function fromEnvironment(capabilities: Capabilities = {}): () => Dependencies {
  let built: { key: string; dependencies: Dependencies } | undefined;
  return () => {
    const config = configFromEnv();
    const key = JSON.stringify([config.tableName, config.dynamodbEndpoint, config.cursorKey]);
    if (built?.key !== key) built = { key, dependencies: createDependencies(config, currentClock, capabilities) };
    return built.dependencies;
  };
}
