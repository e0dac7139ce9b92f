/**
 * Warning runs (学籍预警) in the single table, one partition per run:
 *
 * - the head (`#HEAD`): the run, its classes and counters; an issued run is listed under its
 *   unit in the byParent index, a preview is not (and expires, with all its items, by TTL);
 * - a marker per class that has joined (`CLASS#<class>`), put only if absent, in one
 *   transaction with the class's kept pages and the head's counters: a redelivered class
 *   message counts once and writes no page twice;
 * - the kept pages of the lists (`PAGE#<class>#<n>`), read back a few at a time.
 */
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { putIfAbsent } from './put-if-absent.js';
import type { ClassListing, WarningListPage, WarningRun } from '../../domain/academics/warning-job.js';
import { failedTransactionConditions, isConditionalCheckFailed } from './dynamo-errors.js';
import { keys, type Storage } from './table.js';

/** Items of one transaction (DynamoDB's limit), less the class's marker and the head. */
export const maxPagesPerClass = 98;

/** Tries of one class's join while its transaction is cancelled for a conflict with another class's. */
const conflictTries = 5;

function cancelledForConflict(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return false;
  return ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict');
}

export type ClassJoin = { readonly joined: true; readonly run: WarningRun } | { readonly joined: false };
type Page = { readonly limit: number; readonly exclusiveStartKey?: Record<string, unknown> | undefined };

export class DynamoWarningRunRepository {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    storage: Storage,
    private readonly tableName: string,
  ) {
    this.client = storage.table.getDocumentClient();
  }

  /** Records a run as accepted; false when a run of that id exists already. `expiresAt` (epoch seconds) for a preview. */
  async accept(run: WarningRun, expiresAt?: number): Promise<boolean> {
    const listed = run.issue ? { gsi1pk: keys.warningRunsOfUnit(run.tenantId, run.unitId), gsi1sk: `${run.acceptedAt}#${run.runId}` } : {};
    return putIfAbsent(this.client, this.tableName, { pk: keys.warningRun(run.tenantId, run.runId), sk: keys.head, ...listed, ...(expiresAt !== undefined ? { expiresAt } : {}), ...run });
  }

  async get(tenantId: string, runId: string): Promise<(WarningRun & { readonly expiresAt?: number }) | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: keys.warningRun(tenantId, runId), sk: keys.head }, ConsistentRead: true }));
    if (Item === undefined) return undefined;
    const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...run } = Item;
    return run as WarningRun & { expiresAt?: number };
  }

  async classJoined(tenantId: string, runId: string, classId: string): Promise<boolean> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: keys.warningRun(tenantId, runId), sk: keys.warningRunClass(classId) }, ConsistentRead: true }));
    return Item !== undefined;
  }

  /** The classes that have joined the run. */
  async joinedClasses(tenantId: string, runId: string): Promise<Set<string>> {
    const joined = new Set<string>();
    let start: Record<string, unknown> | undefined;
    do {
      const answer = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :classes)',
          ExpressionAttributeValues: { ':pk': keys.warningRun(tenantId, runId), ':classes': keys.warningRunClasses },
          ProjectionExpression: 'classId',
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of answer.Items ?? []) joined.add(item['classId'] as string);
      start = answer.LastEvaluatedKey;
    } while (start !== undefined);
    return joined;
  }

  /**
   * A class's pages and counts join the run, once: its marker, its pages and the head's
   * counters in one transaction, only while the run is running. `joined: false` when the class
   * had joined already (a redelivery). Answers the run as it stands after the join.
   */
  async joinClass(tenantId: string, runId: string, listing: ClassListing, expiresAt?: number): Promise<ClassJoin> {
    // Every class of a unit updates the same head: transactions at once are cancelled for
    // conflict (not retried by the SDK). A few jittered tries here spare the queue's deliveries.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.joinClassOnce(tenantId, runId, listing, expiresAt);
      } catch (error) {
        if (attempt >= conflictTries || !cancelledForConflict(error)) throw error;
        await new Promise((wake) => setTimeout(wake, attempt * (50 + Math.random() * 200)));
      }
    }
  }

  private async joinClassOnce(tenantId: string, runId: string, listing: ClassListing, expiresAt?: number): Promise<ClassJoin> {
    if (listing.pages.length > maxPagesPerClass) throw new RangeError(`class ${listing.classId} has ${listing.pages.length} pages; one class keeps at most ${maxPagesPerClass}`);
    const pk = keys.warningRun(tenantId, runId);
    const expiry = expiresAt !== undefined ? { expiresAt } : {};
    const ifAbsent = 'attribute_not_exists(pk)';
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { pk, sk: keys.warningRunClass(listing.classId), classId: listing.classId, ...expiry }, ConditionExpression: ifAbsent } },
            {
              Update: {
                TableName: this.tableName,
                Key: { pk, sk: keys.head },
                UpdateExpression: 'SET classesDone = classesDone + :one, warnedCount = warnedCount + :warned, processingCount = processingCount + :processing',
                ConditionExpression: '#status = :running',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':one': 1, ':warned': listing.warnedCount, ':processing': listing.processingCount, ':running': 'running' },
              },
            },
            ...listing.pages.map((page) => ({ Put: { TableName: this.tableName, Item: { pk, sk: keys.warningRunPage(page.classId, page.page), ...page, ...expiry }, ConditionExpression: ifAbsent } })),
          ],
        }),
      );
    } catch (error) {
      // Any condition: joined already (marker or pages there), or the run is no longer running.
      if (failedTransactionConditions(error)?.length) return { joined: false };
      throw error;
    }
    const run = await this.get(tenantId, runId);
    if (run === undefined) throw new Error(`warning run ${runId} vanished after a class joined it`);
    return { joined: true, run };
  }

  /** Running → done once every class has joined; false when another answer finished it first. */
  async finish(tenantId: string, runId: string, classes: number, finishedAt: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: keys.warningRun(tenantId, runId), sk: keys.head },
          UpdateExpression: 'SET #status = :done, finishedAt = :at',
          ConditionExpression: '#status = :running AND classesDone = :classes',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':done': 'done', ':running': 'running', ':at': finishedAt, ':classes': classes },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** The kept pages, class by class (class ids in code-unit order), a few at a time. */
  async pages(tenantId: string, runId: string, page: Page): Promise<{ items: WarningListPage[]; lastEvaluatedKey?: Record<string, unknown> | undefined }> {
    const answer = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :pages)',
        ExpressionAttributeValues: { ':pk': keys.warningRun(tenantId, runId), ':pages': keys.warningRunPages },
        ConsistentRead: true,
        Limit: page.limit,
        ExclusiveStartKey: page.exclusiveStartKey,
      }),
    );
    const items = (answer.Items ?? []).map(({ pk: _pk, sk: _sk, expiresAt: _e, ...kept }) => kept as WarningListPage);
    return { items, lastEvaluatedKey: answer.LastEvaluatedKey };
  }

  /** The unit's issued runs, newest accepted first. */
  async issuedOfUnit(tenantId: string, unitId: string, page: Page): Promise<{ items: WarningRun[]; lastEvaluatedKey?: Record<string, unknown> | undefined }> {
    const answer = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byParent',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.warningRunsOfUnit(tenantId, unitId) },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.exclusiveStartKey,
      }),
    );
    const items = (answer.Items ?? []).map(({ pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, expiresAt: _e, ...run }) => run as WarningRun);
    return { items, lastEvaluatedKey: answer.LastEvaluatedKey };
  }
}
