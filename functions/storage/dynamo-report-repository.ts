/**
 * Issued term-end reports: one item per scope and revision under its deterministic id
 * (`TENANT#t#REPORT#id`, `#HEAD`), put only if absent, listed per term in the byParent
 * index by findings revision then scope.
 */
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { scopeTag, type IssuedReport } from '../../domain/reports/index.js';
import { isConditionalCheckFailed } from './dynamo-errors.js';
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
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: keys.report(report.tenantId, report.reportId),
            sk: keys.head,
            gsi1pk: keys.reportsOfTerm(report.tenantId, report.termId),
            gsi1sk: `${report.asOf}#${scopeTag(report.scope)}`,
            report,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async get(tenantId: string, reportId: string): Promise<IssuedReport | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: keys.report(tenantId, reportId), sk: keys.head }, ConsistentRead: true }));
    return Item === undefined ? undefined : (Item['report'] as IssuedReport);
  }

  /** Every report of the term, oldest findings revision first, then by scope. */
  async ofTerm(tenantId: string, termId: string): Promise<IssuedReport[]> {
    const reports: IssuedReport[] = [];
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
      reports.push(...(page.Items ?? []).map((item) => item['report'] as IssuedReport));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return reports;
  }
}
