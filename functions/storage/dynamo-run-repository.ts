/**
 * Compliance runs, their findings and the published revisions, in the single table.
 *
 * - A run is one item (`TENANT#t#RUN#id`, `#HEAD`), listed per tenant in the byParent index.
 * - Units join the run with one transaction each: a marker item per unit (put only if
 *   absent, so a redelivered message counts once) and the run's counters (only while the
 *   run is running). The unit whose answer completes the count finishes the run.
 * - Findings are kept per term and unit under `<finding key>@<as of>`: one item per finding
 *   and revision, put only if absent, never overwritten.
 * - Findings of periods still open at a run's as-of (kept once the term has ended, for the
 *   term-end report) are a separate set per term and unit under `<as of>#<finding key>`,
 *   put the same way, and shown only for a published revision.
 * - A revision (an as-of instant of a term) is published when a run completes without a
 *   failed unit; the findings API shows published revisions only, so a run that failed
 *   part way leaves nothing visible.
 */
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Run, RunStatus, StatusCounts, StoredFinding } from '../../domain/runs/index.js';
import { failedTransactionConditions, isConditionalCheckFailed } from './dynamo-errors.js';
import { putIfAbsent } from './put-if-absent.js';
import { keys, type Storage } from './table.js';

/** A unit answered before its run was marked running: the delivery is tried again. */
export class RunNotStartedError extends Error {
  override readonly name = 'RunNotStartedError';
}

/** What a listing of runs may be narrowed to. */
export interface RunFilter {
  readonly termId?: string | undefined;
  readonly status?: RunStatus | undefined;
}

export type JoinResult = { readonly joined: true; readonly run: Run } | { readonly joined: false };

const head = keys.head;
const findingWrites = 16;

export class DynamoRunRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(storage: Storage, tableName: string) {
    this.client = storage.table.getDocumentClient();
    this.tableName = tableName;
  }

  /** Records a run as accepted; false when a run of that id exists already. */
  async accept(run: Run): Promise<boolean> {
    return putIfAbsent(this.client, this.tableName, { pk: keys.run(run.tenantId, run.runId), sk: head, gsi1pk: keys.runsOfTenant(run.tenantId), gsi1sk: `${run.acceptedAt}#${run.runId}`, ...run });
  }

  async get(tenantId: string, runId: string): Promise<Run | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: keys.run(tenantId, runId), sk: head }, ConsistentRead: true }));
    return Item === undefined ? undefined : asRun(Item);
  }

  /** Accepted → running, with what the run covers; false when another delivery started it already. */
  async start(tenantId: string, runId: string, details: Pick<Run, 'startedAt' | 'terms' | 'periods' | 'unitsTotal' | 'configurationRevision' | 'ruleSetVersion' | 'after'>): Promise<boolean> {
    const entries = Object.entries(details).filter(([, value]) => value !== undefined);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: keys.run(tenantId, runId), sk: head },
          UpdateExpression: `SET #status = :running, ${entries.map(([name]) => `#${name} = :${name}`).join(', ')}`,
          ConditionExpression: '#status = :accepted',
          ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(entries.map(([name]) => [`#${name}`, name])) },
          ExpressionAttributeValues: { ':running': 'running', ':accepted': 'accepted', ...Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])) },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** Puts each finding that is not stored yet; one already there (a redelivery, a run with the same as-of) is kept as it is. */
  async storeFindings(tenantId: string, findings: readonly StoredFinding[]): Promise<void> {
    await this.putAllIfAbsent(findings.map((finding) => ({ pk: keys.findingsOfUnit(tenantId, finding.termId, finding.unitId), sk: keys.finding(finding.key, finding.asOf), finding })));
  }

  /** Puts the findings of periods still open at their run's as-of, each once, as `storeFindings` does. */
  async storeOpenFindings(tenantId: string, findings: readonly StoredFinding[]): Promise<void> {
    await this.putAllIfAbsent(findings.map((finding) => ({ pk: keys.openFindingsOfUnit(tenantId, finding.termId, finding.unitId), sk: keys.openFinding(finding.asOf, finding.key), finding })));
  }

  private async putAllIfAbsent(items: readonly Record<string, unknown>[]): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        await putIfAbsent(this.client, this.tableName, items[next++]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(findingWrites, items.length) }, worker));
  }

  /**
   * Counts a unit's answer into its run, once: the unit's marker and the counters in one
   * transaction. Answers the run as it stands after the join, or `joined: false` when this
   * unit had answered already (a redelivery). Throws RunNotStartedError while the run is
   * not running yet.
   */
  async joinUnit(tenantId: string, runId: string, unitId: string, outcome: 'done' | 'failed', counts: StatusCounts, at: string): Promise<JoinResult> {
    const countNames = Object.keys(counts);
    const counter = outcome === 'done' ? 'unitsDone' : 'unitsFailed';
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { pk: keys.run(tenantId, runId), sk: keys.runUnit(unitId), unitId, outcome, counts, at },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: { pk: keys.run(tenantId, runId), sk: head },
                UpdateExpression: [
                  `SET #${counter} = #${counter} + :one`,
                  ...countNames.map((_, i) => `#counts.#c${i} = #counts.#c${i} + :c${i}`),
                  ...(outcome === 'failed' ? ['#failedUnits = list_append(if_not_exists(#failedUnits, :none), :unit)'] : []),
                ].join(', '),
                ConditionExpression: '#status = :running',
                ExpressionAttributeNames: {
                  '#status': 'status',
                  [`#${counter}`]: counter,
                  '#counts': 'counts',
                  ...Object.fromEntries(countNames.map((name, i) => [`#c${i}`, name])),
                  ...(outcome === 'failed' ? { '#failedUnits': 'failedUnits' } : {}),
                },
                ExpressionAttributeValues: {
                  ':running': 'running',
                  ':one': 1,
                  ...Object.fromEntries(countNames.map((name, i) => [`:c${i}`, counts[name as keyof StatusCounts]])),
                  ...(outcome === 'failed' ? { ':none': [], ':unit': [unitId] } : {}),
                },
              },
            },
          ],
        }),
      );
    } catch (error) {
      const failed = failedTransactionConditions(error);
      if (failed === undefined) throw error;
      if (failed.includes(0)) return { joined: false };
      const run = await this.get(tenantId, runId);
      if (run?.status === 'accepted') throw new RunNotStartedError(`run ${runId} has not started yet`);
      return { joined: false };
    }
    const run = await this.get(tenantId, runId);
    if (run === undefined) throw new Error(`run ${runId} vanished after a unit joined it`);
    return { joined: true, run };
  }

  /** Running → its outcome; false when another answer finished it first. */
  async finish(tenantId: string, runId: string, outcome: Extract<RunStatus, 'succeeded' | 'failed'>, finishedAt: string, durationMs: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: keys.run(tenantId, runId), sk: head },
          UpdateExpression: 'SET #status = :outcome, finishedAt = :at, durationMs = :ms',
          ConditionExpression: '#status = :running',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':outcome': outcome, ':at': finishedAt, ':ms': durationMs, ':running': 'running' },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** Makes a revision's findings visible; publishing one that is already published changes nothing. */
  async publishRevision(tenantId: string, termId: string, asOf: string, runId: string, at: string): Promise<void> {
    await putIfAbsent(this.client, this.tableName, { pk: keys.revisionsOfTerm(tenantId, termId), sk: asOf, asOf, runId, publishedAt: at });
  }

  async publishedRevisions(tenantId: string, termId: string): Promise<Set<string>> {
    const items = await this.queryAll({ pk: keys.revisionsOfTerm(tenantId, termId) });
    return new Set(items.map((item) => String(item['asOf'])));
  }

  async findingsOfUnit(tenantId: string, termId: string, unitId: string): Promise<StoredFinding[]> {
    const items = await this.queryAll({ pk: keys.findingsOfUnit(tenantId, termId, unitId) });
    return items.map((item) => item['finding'] as StoredFinding);
  }

  /** A unit's findings of the term's periods that were still open at one revision's as-of (published or not: the caller checks). */
  async openFindingsOfUnit(tenantId: string, termId: string, unitId: string, asOf: string): Promise<StoredFinding[]> {
    const items = await this.queryAll({ pk: keys.openFindingsOfUnit(tenantId, termId, unitId), skPrefix: `${asOf}#` });
    return items.map((item) => item['finding'] as StoredFinding);
  }

  /**
   * A page of the tenant's runs, newest accepted first (the byParent index, sorted by
   * `acceptedAt#runId`), filtered by the term they evaluated (an on-demand run's `termId`,
   * or among a daily run's `terms`) and by status. The filter is applied as the index is
   * read, so the loop reads on until the page is full or the runs end; the key handed back
   * is that of the page's last run, so the next page starts right after it.
   */
  async listOfTenant(tenantId: string, filter: RunFilter, page: { readonly limit: number; readonly exclusiveStartKey?: Record<string, string> | undefined }): Promise<{ items: Run[]; lastEvaluatedKey?: Record<string, string> }> {
    const conditions = [...(filter.termId !== undefined ? ['(termId = :termId OR contains(#terms, :termId))'] : []), ...(filter.status !== undefined ? ['#status = :status'] : [])];
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined = page.exclusiveStartKey;
    let exhausted = false;
    while (items.length <= page.limit && !exhausted) {
      const answer = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byParent',
          KeyConditionExpression: 'gsi1pk = :runs',
          ScanIndexForward: false,
          Limit: page.limit + 1,
          ExclusiveStartKey: start,
          ...(conditions.length > 0
            ? {
                FilterExpression: conditions.join(' AND '),
                ExpressionAttributeNames: { ...(filter.termId !== undefined ? { '#terms': 'terms' } : {}), ...(filter.status !== undefined ? { '#status': 'status' } : {}) },
              }
            : {}),
          ExpressionAttributeValues: {
            ':runs': keys.runsOfTenant(tenantId),
            ...(filter.termId !== undefined ? { ':termId': filter.termId } : {}),
            ...(filter.status !== undefined ? { ':status': filter.status } : {}),
          },
        }),
      );
      items.push(...((answer.Items ?? []) as Record<string, unknown>[]));
      start = answer.LastEvaluatedKey;
      exhausted = start === undefined;
    }
    const shown = items.slice(0, page.limit);
    const last = shown[shown.length - 1];
    // The loop read one run past the page when there is one: only then is there a next page.
    if (items.length <= page.limit || last === undefined) return { items: shown.map(asRun) };
    return { items: shown.map(asRun), lastEvaluatedKey: { pk: String(last['pk']), sk: String(last['sk']), gsi1pk: String(last['gsi1pk']), gsi1sk: String(last['gsi1sk']) } };
  }

  /** The as-of instant of the tenant's last successful daily run. */
  async lastDailyRun(tenantId: string): Promise<string | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: keys.tenant(tenantId), sk: keys.lastDailyRun }, ConsistentRead: true }));
    return Item === undefined ? undefined : String(Item['asOf']);
  }

  /** Moves the daily window's start forward, never back. */
  async recordDailySuccess(tenantId: string, asOf: string, runId: string): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: keys.tenant(tenantId), sk: keys.lastDailyRun, asOf, runId },
          ConditionExpression: 'attribute_not_exists(pk) OR asOf < :asOf',
          ExpressionAttributeValues: { ':asOf': asOf },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  private async queryAll(key: { pk: string; skPrefix?: string }): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: key.skPrefix === undefined ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': key.pk, ...(key.skPrefix !== undefined ? { ':prefix': key.skPrefix } : {}) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...((page.Items ?? []) as Record<string, unknown>[]));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  }
}

function asRun(item: Record<string, unknown>): Run {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...run } = item;
  return run as unknown as Run;
}
