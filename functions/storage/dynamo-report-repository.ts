/**
 * Issued term-end reports: one item per scope and revision under its deterministic id
 * (`TENANT#t#REPORT#id`, `#HEAD`), put only if absent, listed per term in the byParent
 * index by findings revision then scope. Each is recorded `announced: false` and marked
 * announced, conditionally, once `term-report.issued` is on the bus: a report whose event
 * was lost (the job stopped in between) stays unannounced until a later attempt announces it.
 * Items recorded before the flag existed have none, and count as announced.
 */
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { scopeTag, type IssuedReport } from '../../domain/reports/index.js';
import { isConditionalCheckFailed } from './dynamo-errors.js';
import { putIfAbsent } from './put-if-absent.js';
import { keys, type Storage } from './table.js';

export class DynamoReportRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(storage: Storage, tableName: string) {
    this.client = storage.table.getDocumentClient();
    this.tableName = tableName;
  }

  /** Records an issued report; false when it was recorded already (a re-run of the same findings revision). */
  async record(report: IssuedReport): Promise<boolean> {
    return putIfAbsent(this.client, this.tableName, {
      pk: keys.report(report.tenantId, report.reportId),
      sk: keys.head,
      gsi1pk: keys.reportsOfTerm(report.tenantId, report.termId),
      gsi1sk: `${report.asOf}#${scopeTag(report.scope)}`,
      report,
      announced: false,
    });
  }

  async get(tenantId: string, reportId: string): Promise<IssuedReport | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: keys.report(tenantId, reportId), sk: keys.head }, ConsistentRead: true }));
    return Item === undefined ? undefined : (Item['report'] as IssuedReport);
  }

  /** Every report of the term, oldest findings revision first, then by scope. */
  async ofTerm(tenantId: string, termId: string): Promise<IssuedReport[]> {
    return (await this.itemsOfTerm(tenantId, termId)).map((item) => item['report'] as IssuedReport);
  }

  /** The term's reports recorded but not yet announced on the bus (the index may lag a report recorded a moment ago). */
  async unannouncedOfTerm(tenantId: string, termId: string): Promise<IssuedReport[]> {
    return (await this.itemsOfTerm(tenantId, termId)).filter((item) => item['announced'] === false).map((item) => item['report'] as IssuedReport);
  }

  /** Marks a report announced; false when it was already (another delivery announced it too: at least once). */
  async markAnnounced(tenantId: string, reportId: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: keys.report(tenantId, reportId), sk: keys.head },
          UpdateExpression: 'SET announced = :true',
          ConditionExpression: 'announced = :false',
          ExpressionAttributeValues: { ':true': true, ':false': false },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  private async itemsOfTerm(tenantId: string, termId: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byParent',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.reportsOfTerm(tenantId, termId) },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  }
}
