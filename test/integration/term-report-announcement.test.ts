/**
 * `term-report.issued` is published at least once: a report recorded by a delivery whose
 * publish failed stays unannounced, and the redelivery announces it, once. The bus is
 * EventBridge through the AWS messaging (aws-sdk-client-mock: the local bus cannot refuse
 * an event); the table and the reports bucket are DynamoDB Local and s3rver.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { awsMessaging, eventBusVariable } from '../../functions/messaging.js';
import type { Dependencies } from '../../functions/composition.js';
import { issueTermReports, TERM_REPORT_ISSUED } from '../../functions/reports/term-report-job.js';
import { bucketClient } from '../../functions/storage/s3-client.js';
import { uniqueTenant } from '../support/events.js';
import { runWorld, type RunWorld } from '../support/runs.js';
import { afterTermEnd, autumnTerm, runOnDemand, seedTwoUnitTenant } from '../support/run-tenant.js';

const tenantId = uniqueTenant('report-announce');
const eventBridge = mockClient(EventBridgeClient);
let world: RunWorld | undefined;

beforeAll(async () => {
  process.env[eventBusVariable] = 'xuewu-events';
  await seedTwoUnitTenant(tenantId);
});
afterEach(() => world?.local.stop());
afterAll(() => {
  eventBridge.restore();
  delete process.env[eventBusVariable];
});

/** The report's announcements go to EventBridge (mocked); the runs' own events stay on the local bus. */
const reportEventsToEventBridge = (d: Dependencies): Dependencies => {
  const eventBridgeEvents = awsMessaging().events;
  return {
    ...d,
    messaging: {
      queues: d.messaging.queues,
      events: { publish: (detailType, detail) => (detailType === TERM_REPORT_ISSUED ? eventBridgeEvents : d.messaging.events).publish(detailType, detail) },
    },
  };
};

const detailsPublished = () => eventBridge.commandCalls(PutEventsCommand).map((call) => JSON.parse(call.args[0].input.Entries![0]!.Detail!) as { reports: { reportId: string }[]; revision: number });

describe('announcing a term-end report', () => {
  it('is retried after a publish that failed, and announces each report exactly once after', async () => {
    // The bus refuses the first event, accepts the rest.
    eventBridge.on(PutEventsCommand).resolvesOnce({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] }).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
    world = runWorld(new Date('2026-01-25T01:00:00Z'), reportEventsToEventBridge);
    await runOnDemand(world, tenantId, 'run-week-after', afterTermEnd);

    // First delivery: three reports recorded (tenant, u1, u2), its publish refused, the delivery failed;
    // the queue delivered again, and that delivery found the three recorded and unannounced, and announced them.
    expect(world.local.deadLetters).toEqual([]);
    const reports = await world.dependencies.reports.ofTerm(tenantId, autumnTerm);
    expect(reports).toHaveLength(3);
    const details = detailsPublished();
    expect(details).toHaveLength(2);
    const ids = reports.map((r) => r.reportId).sort();
    expect(details[0]!.reports.map((r) => r.reportId).sort()).toEqual(ids);
    expect(details[1]!.reports.map((r) => r.reportId).sort()).toEqual(ids);
    expect(details[1]!.revision).toBe(1);
    expect(await world.dependencies.reports.unannouncedOfTerm(tenantId, autumnTerm)).toEqual([]);

    // A later delivery for the same findings revision writes nothing and announces nothing again.
    expect(await issueTermReports(world.dependencies, bucketClient('reports'), { tenantId, termId: autumnTerm, asOf: afterTermEnd })).toEqual([]);
    expect(detailsPublished()).toHaveLength(2);
  });

  it('announces, at the next delivery for the term (redelivered or a later run’s), a revision whose delivery stopped after recording it', async () => {
    eventBridge.reset();
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-2' }] });
    world = runWorld(new Date('2026-02-03T01:00:00Z'), reportEventsToEventBridge);
    // A report recorded as a stopped delivery leaves it: recorded, never announced.
    const first = (await world.dependencies.reports.ofTerm(tenantId, autumnTerm))[0]!;
    const lost = { ...first, reportId: 'f'.repeat(32), asOf: '2026-01-30T16:00:00.000Z', revision: 2 };
    await world.dependencies.reports.record(lost);
    expect((await world.dependencies.reports.unannouncedOfTerm(tenantId, autumnTerm)).map((r) => r.reportId)).toEqual([lost.reportId]);

    // The next delivery for the term (nothing new to write) announces it, once.
    expect(await issueTermReports(world.dependencies, bucketClient('reports'), { tenantId, termId: autumnTerm, asOf: afterTermEnd })).toEqual([]);
    expect(detailsPublished().map((d) => [d.revision, d.reports.map((r) => r.reportId)])).toEqual([[2, [lost.reportId]]]);
    expect(await world.dependencies.reports.unannouncedOfTerm(tenantId, autumnTerm)).toEqual([]);
    await issueTermReports(world.dependencies, bucketClient('reports'), { tenantId, termId: autumnTerm, asOf: afterTermEnd });
    expect(detailsPublished()).toHaveLength(1);
  });
});
