/**
 * The local runtime's asynchronous half, built from the catalog's rows as the stack is:
 * a scheduler that fires each scheduled job at the same cron expression in the same time
 * zone (croner), on the runtime's shifted clock; in-process queues with SQS's delivery
 * semantics (retries up to the queue's maxReceiveCount, then its dead-letter queue); and
 * an in-process event bus that tests can observe.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Cron } from 'croner';
import type { Clock } from '../../domain/time.js';
import { type AsyncFunctionSpec, asyncFunctions, consumerOf, queues as queueRows, type QueueName, type QueueSpec } from '../../functions/catalog.js';
import { eventSource, type Messaging } from '../../functions/messaging.js';
import { encodeEventKey } from '../../functions/storage/s3-event-key.js';
import type { BucketName } from '../../functions/catalog.js';

const repositoryRoot = resolve(import.meta.dirname, '../..');

type AsyncHandler = (event: unknown, context: unknown) => Promise<unknown>;

export interface BusEvent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: Record<string, unknown>;
  /** The handlers' clock when it was put on the bus. */
  readonly time: string;
}

export interface DeadLetter {
  /** The queue, or the asynchronously invoked function, whose dead-letter queue holds it. */
  readonly from: string;
  readonly body: unknown;
  readonly receiveCount: number;
}

export interface LocalAsyncOptions {
  readonly clock: Clock;
  /** false: no scheduled job fires (`npm start -- --no-schedules`); queues and the bus still run. */
  readonly schedules: boolean;
  readonly functions?: Readonly<Record<string, AsyncFunctionSpec>>;
  readonly queues?: Readonly<Record<QueueName, QueueSpec>>;
  /** Delay before a failed delivery is tried again (SQS's visibility timeout, shortened locally). @default 200 */
  readonly retryDelayMs?: number;
  /** How a row's handler is loaded; tests may substitute one. @default import of the row's entry */
  readonly loadHandler?: (name: string, spec: AsyncFunctionSpec) => Promise<AsyncHandler>;
  /** Told of every delivery that failed (the runtime prints it). */
  readonly onFailure?: (from: string, error: unknown) => void;
}

export interface LocalAsync {
  readonly messaging: Messaging;
  /** Every event put on the bus so far, oldest first. */
  readonly events: readonly BusEvent[];
  /** Calls the listener with each event put on the bus from now on; returns how to stop listening. */
  onEvent(listener: (event: BusEvent) => void): () => void;
  /** Messages and events that failed every attempt, oldest first. */
  readonly deadLetters: readonly DeadLetter[];
  /** The next instant (handlers' clock) each scheduled job fires; empty with schedules off. */
  nextFirings(): { readonly name: string; readonly at: Date }[];
  /**
   * An object created in a bucket (s3rver's event): every storage-triggered row of that
   * bucket whose prefix the key starts with is invoked asynchronously, as S3 → Lambda does,
   * with the key URL-encoded as S3 encodes it and S3's record shape.
   */
  objectCreated(bucket: BucketName, object: { readonly key: string; readonly size: number; readonly eTag: string; readonly sequencer: string }, eventName?: string): void;
  /** Invokes a scheduled job now, as its schedule would at `scheduledTime`. */
  fire(name: string, scheduledTime: Date): Promise<void>;
  /** Resolves once no delivery is in flight or waiting for a retry. */
  idle(): Promise<void>;
  stop(): void;
}

const defaultLoad = async (_name: string, spec: AsyncFunctionSpec): Promise<AsyncHandler> => {
  const module = (await import(pathToFileURL(resolve(repositoryRoot, spec.entry)).href)) as { handler: AsyncHandler };
  return module.handler;
};

/** Lambda's context, as much of it as the functions read. */
const contextFor = (name: string) => ({ awsRequestId: randomUUID(), functionName: `local-${name}`, getRemainingTimeInMillis: () => 900_000 });

export function startLocalAsync(options: LocalAsyncOptions): LocalAsync {
  const rows: Readonly<Record<string, AsyncFunctionSpec>> = options.functions ?? asyncFunctions;
  const queueSpecs = options.queues ?? queueRows;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const load = options.loadHandler ?? defaultLoad;
  const handlers = new Map<string, Promise<AsyncHandler>>();
  const handlerOf = (name: string) => {
    let handler = handlers.get(name);
    if (handler === undefined) {
      handler = load(name, rows[name]!);
      handlers.set(name, handler);
    }
    return handler;
  };

  const events: BusEvent[] = [];
  const listeners = new Set<(event: BusEvent) => void>();
  const deadLetters: DeadLetter[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  let inFlight = 0;
  let idleWaiters: (() => void)[] = [];
  const begin = () => void inFlight++;
  const end = () => {
    inFlight--;
    if (inFlight === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const wake of waiters) wake();
    }
  };
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };
  const failed = (from: string, error: unknown) => options.onFailure?.(from, error);

  /** One SQS delivery: the message handed over with its receive count; a failure or a reported item failure counts as not done. */
  const deliver = (queue: QueueName, message: { id: string; body: string; receiveCount: number }) => {
    if (stopped) return end();
    const consumer = consumerOf(queue, rows);
    message.receiveCount++;
    const event = {
      Records: [
        {
          messageId: message.id,
          receiptHandle: message.id,
          body: message.body,
          attributes: { ApproximateReceiveCount: String(message.receiveCount), SentTimestamp: String(Date.now()) },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: `arn:aws:sqs:local:000000000000:${queue}`,
          awsRegion: 'local',
        },
      ],
    };
    void handlerOf(consumer)
      .then((handler) => handler(event, contextFor(consumer)))
      .then(
        (result) => ((result as { batchItemFailures?: unknown[] } | undefined)?.batchItemFailures ?? []).length === 0,
        (error: unknown) => {
          failed(queue, error);
          return false;
        },
      )
      .then((done) => {
        if (done) return end();
        if (message.receiveCount >= queueSpecs[queue].maxReceiveCount) {
          deadLetters.push({ from: queue, body: JSON.parse(message.body), receiveCount: message.receiveCount });
          return end();
        }
        later(retryDelayMs, () => deliver(queue, message));
      });
  };

  /** An asynchronous invocation (schedule, storage event): Lambda's two retries, then the function's dead-letter queue. */
  const invokeAsync = async (name: string, payload: unknown): Promise<void> => {
    begin();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await (await handlerOf(name))(payload, contextFor(name));
          return;
        } catch (error) {
          failed(name, error);
          if (attempt > 2 || stopped) {
            deadLetters.push({ from: name, body: payload, receiveCount: attempt });
            return;
          }
          await new Promise((wake) => later(retryDelayMs, () => wake(undefined)));
        }
      }
    } finally {
      end();
    }
  };

  const messaging: Messaging = {
    queues: {
      send: async (queue, messages) => {
        if (!(queue in queueSpecs)) throw new Error(`no queue ${queue} in the catalog`);
        for (const body of messages) {
          begin();
          const message = { id: randomUUID(), body: JSON.stringify(body), receiveCount: 0 };
          setImmediate(() => deliver(queue, message));
        }
      },
    },
    events: {
      publish: async (detailType, detail) => {
        const event: BusEvent = { source: eventSource, detailType, detail: JSON.parse(JSON.stringify(detail)) as Record<string, unknown>, time: options.clock.now().toISOString() };
        events.push(event);
        for (const listener of listeners) listener(event);
      },
    },
  };

  // The scheduler: each job's next firing by croner, in its time zone, read on the handlers' clock.
  const scheduled = Object.entries(rows).flatMap(([name, spec]) =>
    spec.trigger.kind === 'schedule' && options.schedules ? [{ name, cron: new Cron(spec.trigger.cron, { timezone: spec.trigger.timeZone, paused: true }) }] : [],
  );
  const next = new Map<string, Date>();
  const arm = (name: string, cron: Cron, after: Date) => {
    const at = cron.nextRun(after);
    if (at === null || stopped) return;
    next.set(name, at);
    // Timers hold at most ~24.8 days: re-arm from the same point until the instant is near.
    const wait = Math.min(at.getTime() - options.clock.now().getTime(), 2 ** 31 - 1);
    later(Math.max(0, wait), () => {
      if (options.clock.now().getTime() < at.getTime()) return arm(name, cron, after);
      void invokeAsync(name, { scheduledTime: at.toISOString() });
      arm(name, cron, at);
    });
  };
  for (const { name, cron } of scheduled) arm(name, cron, options.clock.now());

  return {
    messaging,
    events,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    deadLetters,
    nextFirings: () => [...next].map(([name, at]) => ({ name, at })),
    objectCreated: (bucket, object, eventName = 'ObjectCreated:Post') => {
      for (const [name, spec] of Object.entries(rows)) {
        const trigger = spec.trigger;
        if (trigger.kind !== 'storage' || trigger.bucket !== bucket || !object.key.startsWith(trigger.prefix)) continue;
        const record = {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          awsRegion: 'local',
          eventTime: options.clock.now().toISOString(),
          eventName,
          s3: {
            s3SchemaVersion: '1.0',
            bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` },
            object: { key: encodeEventKey(object.key), size: object.size, eTag: object.eTag, sequencer: object.sequencer },
          },
        };
        void invokeAsync(name, { Records: [record] });
      }
    },
    fire: (name, scheduledTime) => invokeAsync(name, { scheduledTime: scheduledTime.toISOString() }),
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise((wake) => idleWaiters.push(wake))),
    stop: () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
