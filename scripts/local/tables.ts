/** Creates the table in a local engine from the same design the CDK stack uses. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { tableDesign } from '../../functions/storage/table-design.js';

const attributeType = { string: 'S', number: 'N', binary: 'B' } as const;

const indexes = Object.entries(tableDesign.indexes);
const attributeDefinitions = [tableDesign.partitionKey, tableDesign.sortKey, ...indexes.flatMap(([, index]) => [index.partitionKey, index.sortKey])].map(
  (key) => ({ AttributeName: key.name, AttributeType: attributeType[key.type] }),
);
const indexSpec = ([name, index]: (typeof indexes)[number]) => ({
  IndexName: name,
  KeySchema: [
    { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
    { AttributeName: index.sortKey.name, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

/**
 * Creates the table, or brings an existing one (a data folder from an older version)
 * up to the design by adding the indexes it lacks.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    for (const entry of indexes.filter(([name]) => !present.has(name))) {
      await client.send(
        new UpdateTableCommand({ TableName: tableName, AttributeDefinitions: attributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: indexSpec(entry) }] }),
      );
    }
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributeDefinitions,
      KeySchema: [
        { AttributeName: tableDesign.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey.name, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: indexes.map(indexSpec),
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
    }),
  );
}
