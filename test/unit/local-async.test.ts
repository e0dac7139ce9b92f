/**
 * The local runtime's scheduler, queues and bus, built from catalog-shaped rows: the
 * scheduler fires on the shifted clock at the cron's instant in Asia/Shanghai, queues
 * retry up to maxReceiveCount and then dead-letter, and the bus can be observed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AsyncFunctionSpec, QueueName, QueueSpec } from '../../functions/catalog.js';
import { startLocalAsync, type LocalAsync } from '../../scripts/local/async-runtime.js';
import { localClock } from '../../scripts/local/clock.js';

const rows: Record<string, AsyncFunctionSpec> = {
  nightly: { entry: 'unused.ts', description: 'test job', trigger: { kind: 'schedule', cron: '30 1 * * *', timeZone: 'Asia/Shanghai' }, access: { sendsTo: ['tenant-runs'] } },
  consumer: { entry: 'unused.ts', description: 'test consumer', trigger: { kind: 'queue', queue: 'tenant-runs', batchSize: 1 }, access: { publishesEvents: true } },
  other: { entry: 'unused.ts', description: 'other consumer', trigger: { kind: 'queue', queue: 'unit-evaluations', batchSize: 1 }, access: {} },
};
const queueSpecs: Record<QueueName, QueueSpec> = {
  'tenant-runs': { description: 't', maxReceiveCount: 3, visibilityTimeoutSeconds: 1 },
  'unit-evaluations': { description: 'u', maxReceiveCount: 2, visibilityTimeoutSeconds: 1 },
  'term-reports': { description: 'r', maxReceiveCount: 1, visibilityTimeoutSeconds: 1 },
  'warning-runs': { description: 'w', maxReceiveCount: 1, visibilityTimeoutSeconds: 1 },
  'transcript-exports': { description: 't', maxReceiveCount: 1, visibilityTimeoutSeconds: 1 },
};

let running: LocalAsync | undefined;
afterEach(() => running?.stop());

describe('the local scheduler', () => {
  it('fires the daily job by itself at 01:30 Asia/Shanghai on the shifted clock, passing the scheduled instant', async () => {
    // Prepare: the clock 1.5 s before 01:30 in Beijing (17:30 UTC the day before).
    const clock = localClock({ startAt: '2026-01-12T01:29:58.500+08:00' });
    const fired: unknown[] = [];
    running = startLocalAsync({ clock, schedules: true, functions: rows, queues: queueSpecs, loadHandler: async () => async (event) => void fired.push(event) });

    // Act
    expect(running.nextFirings()).toEqual([{ name: 'nightly', at: new Date('2026-01-11T17:30:00.000Z') }]);
    await new Promise((wake) => setTimeout(wake, 2_500));

    // Assess
    expect(fired).toEqual([{ scheduledTime: '2026-01-11T17:30:00.000Z' }]);
    expect(running.nextFirings()).toEqual([{ name: 'nightly', at: new Date('2026-01-12T17:30:00.000Z') }]);
  });

  it('fires nothing with schedules off (--no-schedules)', async () => {
    const clock = localClock({ startAt: '2026-01-12T01:29:59.800+08:00' });
    const fired: unknown[] = [];
    running = startLocalAsync({ clock, schedules: false, functions: rows, queues: queueSpecs, loadHandler: async () => async (event) => void fired.push(event) });
    await new Promise((wake) => setTimeout(wake, 600));
    expect(running.nextFirings()).toEqual([]);
    expect(fired).toEqual([]);
  });
});

describe('the local queues and bus', () => {
  it('retry a failing message up to the queue’s maxReceiveCount, then hold it in the dead-letter queue', async () => {
    const receiveCounts: string[] = [];
    running = startLocalAsync({
      clock: localClock({}),
      schedules: false,
      functions: rows,
      queues: queueSpecs,
      retryDelayMs: 5,
      loadHandler: async () => async (event) => {
        receiveCounts.push((event as { Records: { attributes: { ApproximateReceiveCount: string } }[] }).Records[0]!.attributes.ApproximateReceiveCount);
        throw new Error('always fails');
      },
    });
    await running.messaging.queues.send('tenant-runs', [{ tenantId: 't-1' }]);
    await running.idle();
    expect(receiveCounts).toEqual(['1', '2', '3']);
    expect(running.deadLetters).toEqual([{ from: 'tenant-runs', body: { tenantId: 't-1' }, receiveCount: 3 }]);
  });

  it('deliver a message to its queue’s consumer once when it succeeds, and let tests observe the bus', async () => {
    const seen: string[] = [];
    running = startLocalAsync({
      clock: localClock({ startAt: '2026-01-12T09:00:00+08:00' }),
      schedules: false,
      functions: rows,
      queues: queueSpecs,
      loadHandler: async (name) => async (event) => {
        seen.push(name);
        await running!.messaging.events.publish('test.done', { body: JSON.parse((event as { Records: { body: string }[] }).Records[0]!.body) });
        return { batchItemFailures: [] };
      },
    });
    const observed: string[] = [];
    running.onEvent((event) => observed.push(event.detailType));
    await running.messaging.queues.send('unit-evaluations', [{ unitId: 'u-1' }]);
    await running.idle();
    expect(seen).toEqual(['other']);
    expect(observed).toEqual(['test.done']);
    expect(running.events[0]).toMatchObject({ source: 'xuewu', detailType: 'test.done', detail: { body: { unitId: 'u-1' } } });
    expect(running.deadLetters).toEqual([]);
  });
});

describe('local storage triggers', () => {
  const storageRows: Record<string, AsyncFunctionSpec> = {
    validator: { entry: 'unused.ts', description: 'validator', trigger: { kind: 'storage', bucket: 'uploads', prefix: 'incoming/' }, access: {} },
    reportWatcher: { entry: 'unused.ts', description: 'other bucket', trigger: { kind: 'storage', bucket: 'reports', prefix: 'incoming/' }, access: {} },
  };

  it('invoke only the rows of that bucket whose prefix the key starts with, with the key encoded as S3 encodes it', async () => {
    const invoked: { name: string; event: any }[] = [];
    running = startLocalAsync({ clock: localClock({}), schedules: false, functions: storageRows, queues: queueSpecs, loadHandler: async (name) => async (event) => void invoked.push({ name, event }) });
    running.objectCreated('uploads', { key: 'incoming/t/u/1711001201115刘 洋+1.jpg', size: 10, eTag: 'abc', sequencer: '0A' });
    // A copy to accepted/ is no new upload: no row watches that prefix.
    running.objectCreated('uploads', { key: 'accepted/t/u/x.jpg', size: 10, eTag: 'abc', sequencer: '0B' }, 'ObjectCreated:Copy');
    await running.idle();
    expect(invoked.map(({ name }) => name)).toEqual(['validator']);
    const record = invoked[0]!.event.Records[0];
    expect(record.eventName).toBe('ObjectCreated:Post');
    // 刘 = E5 88 98; the space becomes +, the literal + becomes %2B.
    expect(record.s3.object).toEqual({ key: 'incoming/t/u/1711001201115%E5%88%98+%E6%B4%8B%2B1.jpg', size: 10, eTag: 'abc', sequencer: '0A' });
    expect(record.s3.bucket.name).toBe('uploads');
  });
});
