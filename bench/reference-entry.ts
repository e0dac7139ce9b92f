// The reference bundle: nothing but the bare AWS SDK v3 DynamoDB clients, constructed
// as a handler would. Every HTTP function is measured against it.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async () => ({ statusCode: 200, body: String(typeof documentClient.send) });
