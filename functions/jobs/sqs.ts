/** A queue consumer's handler: each record parsed and handled on its own; failures reported per item, so SQS retries only those. */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { maxReceiveCountVariable } from '../messaging.js';
import { logger } from '../observability.js';

export interface Delivery {
  readonly receiveCount: number;
  readonly maxReceiveCount: number;
}

export function queueConsumer<M>(name: string, handle: (message: M, delivery: Delivery) => Promise<void>) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const maxReceiveCount = Number(process.env[maxReceiveCountVariable] ?? '3');
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        await handle(JSON.parse(record.body) as M, { receiveCount: Number(record.attributes.ApproximateReceiveCount), maxReceiveCount });
      } catch (error) {
        logger.warn(`${name}: message not done`, { messageId: record.messageId, errorName: error instanceof Error ? error.name : typeof error });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}
