/**
 * Warning runs (学籍预警) in the single table, one partition per run:
 *
 * - the head (`#HEAD`): the run, its classes and counters; an issued run is listed under its
 *   unit in the byParent index, a preview is not (and expires, with all its items, by TTL).
 *   Its failed classes are a string set (`failedClasses`, absent when none): a class failing
 *   twice is named once, and a class joining done leaves it;
 * - a marker per class that has joined (`CLASS#<class>`, with its `outcome`), put only if
 *   absent or failed, in one transaction with the class's kept pages and the head's counters
 *   (the head only while running): a redelivered class message counts once and writes no
 *   page twice, a done class is never turned failed (`mayJoin` in the domain). Markers kept
 *   before failed classes were recorded have no outcome: done;
 * - the kept pages of the lists (`PAGE#<class>#<n>`), read back a few at a time.
 */
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { putIfAbsent } from './put-if-absent.js';
import type { ClassListing, ClassOutcome, WarningListPage, WarningRun } from '../../domain/academics/warning-job.js';
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

export type JoinAnswer = { readonly joined: true; readonly run: WarningRun } | { readonly joined: false };
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
    // A string set cannot be empty: the failed classes are added as they fail.
    const { failedClasses: _none, ...accepted } = run;
    return putIfAbsent(this.client, this.tableName, { pk: keys.warningRun(run.tenantId, run.runId), sk: keys.head, ...listed, ...(expiresAt !== undefined ? { expiresAt } : {}), ...accepted });
  }

  async get(tenantId: string, runId: string): Promise<(WarningRun & { readonly expiresAt?: number }) | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: keys.warningRun(tenantId, runId), sk: keys.head }, ConsistentRead: true }));
    if (Item === undefined) return undefined;
    return runOf(Item);
  }

  /** How the class has joined the run; undefined when it has not. */
  async classOutcome(tenantId: string, runId: string, classId: string): Promise<ClassOutcome | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: keys.warningRun(tenantId, runId), sk: keys.warningRunClass(classId) }, ConsistentRead: true }));
    return Item === undefined ? undefined : outcomeOf(Item);
  }

  /** The classes that have joined the run, each with its outcome. */
  async classOutcomes(tenantId: string, runId: string): Promise<Map<string, ClassOutcome>> {
    const joined = new Map<string, ClassOutcome>();
    let start: Record<string, unknown> | undefined;
    do {
      const answer = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :classes)',
          ExpressionAttributeValues: { ':pk': keys.warningRun(tenantId, runId), ':classes': keys.warningRunClasses },
          ProjectionExpression: 'classId, outcome',
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of answer.Items ?? []) joined.set(item['classId'] as string, outcomeOf(item));
      start = answer.LastEvaluatedKey;
    } while (start !== undefined);
    return joined;
  }

  /**
   * A class's pages and counts join the run as done, once: its marker (over none or a failed
   * one), its pages and the head's counters in one transaction, only while the run is running;
   * the class leaves the failed classes. `joined: false` when the class had joined done
   * already (a redelivery) or the run is not running. Answers the run as it stands after.
   */
  async joinClass(tenantId: string, runId: string, listing: ClassListing, expiresAt?: number): Promise<JoinAnswer> {
    if (listing.pages.length > maxPagesPerClass) throw new RangeError(`class ${listing.classId} has ${listing.pages.length} pages; one class keeps at most ${maxPagesPerClass}`);
    const pk = keys.warningRun(tenantId, runId);
    const expiry = expiresAt !== undefined ? { expiresAt } : {};
    return this.joinWithRetries(tenantId, runId, [
      this.marker(pk, listing.classId, 'done', expiry),
      {
        Update: {
          TableName: this.tableName,
          Key: { pk, sk: keys.head },
          UpdateExpression: 'SET classesDone = classesDone + :one, warnedCount = warnedCount + :warned, processingCount = processingCount + :processing DELETE failedClasses :class',
          ConditionExpression: '#status = :running',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':one': 1, ':warned': listing.warnedCount, ':processing': listing.processingCount, ':running': 'running', ':class': new Set([listing.classId]) },
        },
      },
      ...listing.pages.map((page) => ({ Put: { TableName: this.tableName, Item: { pk, sk: keys.warningRunPage(page.classId, page.page), ...page, ...expiry }, ConditionExpression: 'attribute_not_exists(pk)' } })),
    ]);
  }

  /**
   * The class joins as failed (its message failed on the last delivery the queue allows):
   * its marker and its name in the head's failed classes, one transaction, only while the
   * run is running. A class joined done is never turned failed (`joined: false`); a class
   * failing again is named once.
   */
  async joinClassFailed(tenantId: string, runId: string, classId: string, expiresAt?: number): Promise<JoinAnswer> {
    const pk = keys.warningRun(tenantId, runId);
    return this.joinWithRetries(tenantId, runId, [
      this.marker(pk, classId, 'failed', expiresAt !== undefined ? { expiresAt } : {}),
      {
        Update: {
          TableName: this.tableName,
          Key: { pk, sk: keys.head },
          UpdateExpression: 'ADD failedClasses :class',
          ConditionExpression: '#status = :running',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':running': 'running', ':class': new Set([classId]) },
        },
      },
    ]);
  }

  /** The class's marker, put when the class has not joined or joined failed (`mayJoin`). */
  private marker(pk: string, classId: string, outcome: ClassOutcome, expiry: { expiresAt?: number }) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { pk, sk: keys.warningRunClass(classId), classId, outcome, ...expiry },
        ConditionExpression: 'attribute_not_exists(pk) OR outcome = :failed',
        ExpressionAttributeValues: { ':failed': 'failed' },
      },
    };
  }

  private async joinWithRetries(tenantId: string, runId: string, items: NonNullable<TransactWriteCommandInput['TransactItems']>): Promise<JoinAnswer> {
    // Every class of a unit updates the same head: transactions at once are cancelled for
    // conflict (not retried by the SDK). A few jittered tries here spare the queue's deliveries.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        break;
      } catch (error) {
        // Any condition: joined done already (marker or pages there), or the run is not running.
        if (failedTransactionConditions(error)?.length) return { joined: false };
        if (attempt >= conflictTries || !cancelledForConflict(error)) throw error;
        await new Promise((wake) => setTimeout(wake, attempt * (50 + Math.random() * 200)));
      }
    }
    const run = await this.get(tenantId, runId);
    if (run === undefined) throw new Error(`warning run ${runId} vanished after a class joined it`);
    return { joined: true, run };
  }

  /**
   * Running → done (no class failed) or failed once every class has joined, over the counts
   * the caller read: false when another answer finished it first or a class joined meanwhile.
   */
  async finish(tenantId: string, runId: string, outcome: 'done' | 'failed', joined: Pick<WarningRun, 'classesDone' | 'failedClasses'>, finishedAt: string): Promise<boolean> {
    const failedNow = outcome === 'done' ? 'attribute_not_exists(failedClasses)' : 'size(failedClasses) = :failed';
    return this.updateIf(runId, tenantId, {
      UpdateExpression: 'SET #status = :outcome, finishedAt = :at',
      ConditionExpression: `#status = :running AND classesDone = :done AND ${failedNow}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':outcome': outcome, ':running': 'running', ':at': finishedAt, ':done': joined.classesDone, ...(outcome === 'failed' ? { ':failed': joined.failedClasses.length } : {}) },
    });
  }

  /**
   * Failed → running again (`mayReopen` in the domain): its failed classes are outstanding
   * once more; their markers stay `failed`, so each may join again. False when it was not failed.
   */
  async reopen(tenantId: string, runId: string): Promise<boolean> {
    return this.updateIf(runId, tenantId, {
      UpdateExpression: 'SET #status = :running REMOVE failedClasses, finishedAt',
      ConditionExpression: '#status = :failed AND #issue = :true',
      ExpressionAttributeNames: { '#status': 'status', '#issue': 'issue' },
      ExpressionAttributeValues: { ':running': 'running', ':failed': 'failed', ':true': true },
    });
  }

  private async updateIf(runId: string, tenantId: string, update: Omit<UpdateCommandInput, 'TableName' | 'Key'>): Promise<boolean> {
    try {
      await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: { pk: keys.warningRun(tenantId, runId), sk: keys.head }, ...update }));
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
    const items = (answer.Items ?? []).map((item) => {
      const { expiresAt: _e, ...run } = runOf(item);
      return run;
    });
    return { items, lastEvaluatedKey: answer.LastEvaluatedKey };
  }
}

/** A head item as the domain's run: the failed classes a sorted list (none when the set is absent). */
function runOf(item: Record<string, unknown>): WarningRun & { readonly expiresAt?: number } {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, failedClasses, ...run } = item;
  return { ...run, failedClasses: [...((failedClasses as Set<string> | undefined) ?? [])].sort() } as unknown as WarningRun & { expiresAt?: number };
}

/** A marker's outcome; markers kept before failed classes were recorded have none and were all done. */
const outcomeOf = (marker: Record<string, unknown>): ClassOutcome => (marker['outcome'] === 'failed' ? 'failed' : 'done');
