/**
 * The single table's put-if-absent: an item is written only when no item has its key, so
 * nothing stored is overwritten unseen (a redelivered message, a re-run, an id taken).
 */
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from './dynamo-errors.js';

/**
 * Puts `item` unless an item with its key (`pk` and `sk`) is stored already. Answers true
 * when it was written, false when one was there (which is kept as it is); any other
 * failure is thrown.
 */
export async function putIfAbsent(client: DynamoDBDocumentClient, tableName: string, item: Record<string, unknown>): Promise<boolean> {
  try {
    // On a put the condition is checked against the item of the same full key: pk absent means no such item.
    await client.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}
