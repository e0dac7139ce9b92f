/**
 * Messages between functions (SQS queues of the catalog) and the product's events (one
 * EventBridge bus), as two small ports. On Lambda they are the AWS clients, loaded on
 * first use so an HTTP function that never sends pays nothing; the local runtime installs
 * its in-process queues and bus instead (`useMessagingInThisProcess`), as it does its clock.
 */
import type { QueueName } from './catalog.js';

export interface MessageSender {
  /** Sends each message (a JSON object) to the queue; resolves once every one is accepted. */
  send(queue: QueueName, messages: readonly object[]): Promise<void>;
}

export interface EventPublisher {
  /** Puts one event on the product's bus: `detailType` names it, `detail` holds identifiers and figures only. */
  publish(detailType: string, detail: object): Promise<void>;
}

export interface Messaging {
  readonly queues: MessageSender;
  readonly events: EventPublisher;
}

/** The source of every event Xuewu puts on its bus. */
export const eventSource = 'xuewu';

/** The environment variable holding a queue's URL: `tenant-runs` → `QUEUE_URL_TENANT_RUNS`. */
export const queueUrlVariable = (queue: QueueName): string => `QUEUE_URL_${queue.toUpperCase().replace(/-/g, '_')}`;
export const eventBusVariable = 'EVENT_BUS_NAME';
/** Tells a queue consumer how many deliveries its queue makes before the dead-letter queue. */
export const maxReceiveCountVariable = 'MAX_RECEIVE_COUNT';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set: the catalog row does not declare this access`);
  return value;
}

/** SQS and EventBridge, clients built on first use. */
export function awsMessaging(): Messaging {
  let sqs: Promise<import('@aws-sdk/client-sqs').SQSClient> | undefined;
  let eventBridge: Promise<import('@aws-sdk/client-eventbridge').EventBridgeClient> | undefined;
  return {
    queues: {
      async send(queue, messages) {
        const { SQSClient, SendMessageBatchCommand } = await import('@aws-sdk/client-sqs');
        sqs ??= Promise.resolve(new SQSClient({}));
        const client = await sqs;
        const url = required(queueUrlVariable(queue));
        for (let start = 0; start < messages.length; start += 10) {
          const batch = messages.slice(start, start + 10);
          const answer = await client.send(
            new SendMessageBatchCommand({ QueueUrl: url, Entries: batch.map((message, i) => ({ Id: String(i), MessageBody: JSON.stringify(message) })) }),
          );
          if ((answer.Failed ?? []).length > 0) throw new Error(`${answer.Failed!.length} of ${batch.length} messages to ${queue} were not accepted`);
        }
      },
    },
    events: {
      async publish(detailType, detail) {
        const { EventBridgeClient, PutEventsCommand } = await import('@aws-sdk/client-eventbridge');
        eventBridge ??= Promise.resolve(new EventBridgeClient({}));
        const answer = await (await eventBridge).send(
          new PutEventsCommand({ Entries: [{ EventBusName: required(eventBusVariable), Source: eventSource, DetailType: detailType, Detail: JSON.stringify(detail) }] }),
        );
        if ((answer.FailedEntryCount ?? 0) > 0) throw new Error(`event ${detailType} was not accepted by the bus`);
      },
    },
  };
}

let processMessaging: Messaging | undefined;

/** The local runtime's in-process queues and bus for every function of this process; undefined restores AWS. */
export function useMessagingInThisProcess(messaging: Messaging | undefined): void {
  processMessaging = messaging;
}

const aws = awsMessaging();

/** What the functions of this process send through: the local runtime's when installed, else AWS. */
export const currentMessaging: Messaging = {
  queues: { send: (queue, messages) => (processMessaging ?? aws).queues.send(queue, messages) },
  events: { publish: (detailType, detail) => (processMessaging ?? aws).events.publish(detailType, detail) },
};
