/**
 * Compliance runs against DynamoDB Local, through the catalog's consumers on the local
 * queues: the fan-out per unit and the join by a conditional counter, findings of closed
 * periods kept under deterministic keys with their revision, a unit that keeps failing
 * ending in the dead-letter queue with the run reporting it, and duplicate daily
 * invocations leaving one run and one set of findings.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, createDependencies, type Dependencies } from '../../functions/composition.js';
import { handler as configurationHandler } from '../../functions/http/configuration.js';
import { httpFunction } from '../../functions/http/kit/http-function.js';
import { recordRoutes } from '../../functions/http/records.js';
import { handler as rosterHandler } from '../../functions/http/roster.js';
import { acceptDailyRuns, acceptedRun } from '../../functions/jobs/run-steps.js';
import { latestPublished } from '../../domain/runs/index.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { classBody, principals } from '../support/fixtures.js';
import { classMeeting } from '../support/records.js';
import { runWorld, type RunWorld } from '../support/runs.js';
import { seedSchool } from '../support/school.js';

const tenantId = uniqueTenant('runs');
const who = principals(tenantId, 'u1');
const termId = '2025-autumn';
const configuration = {
  academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }],
  terms: [{ id: termId, start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' }],
};
/** 25 January 2026, 00:00 in Beijing: the term ended on the 16th, one week after it ended on the 23rd. */
const afterTermEnd = '2026-01-24T16:00:00.000Z';
let world: RunWorld | undefined;
afterEach(() => world?.local.stop());

async function runOnDemand(current: RunWorld, runId: string, asOf: string) {
  await current.dependencies.runs.accept(acceptedRun({ tenantId, runId, startedBy: { kind: 'user', userId: 'admin-1' }, asOf, acceptedAt: asOf, termId }));
  await current.dependencies.messaging.queues.send('tenant-runs', [{ tenantId, runId }]);
  await current.local.idle();
  return current.dependencies.runs.get(tenantId, runId);
}

async function visibleFindings(dependencies: Dependencies) {
  const published = await dependencies.runs.publishedRevisions(tenantId, termId);
  const stored = [...(await dependencies.runs.findingsOfUnit(tenantId, termId, 'u1')), ...(await dependencies.runs.findingsOfUnit(tenantId, termId, 'u2'))];
  return latestPublished(stored, published);
}

beforeAll(async () => {
  const put = await invoke(rosterHandler, { routeKey: 'PUT /tenants/{tenantId}', pathParameters: { tenantId }, principal: who.admin, body: { name: '弘成教育', kind: 'headquarters' } });
  expect(put.status).toBe(201);
  const configured = await invoke(configurationHandler, { routeKey: 'PUT /tenants/{tenantId}/configuration', pathParameters: { tenantId }, principal: who.admin, body: configuration });
  expect(configured.status).toBe(201);
  await seedSchool(who.admin, 'u1', [classBody('c-u1', 'u1', ['2025000101', '2025000102', '2025000103'])]);
  await seedSchool(who.admin, 'u2', [{ ...classBody('c-u2', 'u2', ['2025000201', '2025000202']), classTeacherId: 'teacher-2' }]);
  // One complete class meeting in u1's class, held and submitted in September.
  const records = httpFunction(recordRoutes, () => createDependencies(configFromEnv(), { now: () => new Date('2025-09-20T02:00:00Z') }));
  const meeting = await invoke(records, { routeKey: 'POST /tenants/{tenantId}/records', pathParameters: { tenantId }, principal: who.teacher, body: classMeeting('c-u1', ['2025000101', '2025000102']) });
  expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
});

describe('a compliance run of a tenant with several units', () => {
  it('fans out per unit, joins when every unit is done, stores the closed periods’ findings and publishes the revision', async () => {
    world = runWorld(new Date('2026-01-25T01:00:00Z'));
    const run = await runOnDemand(world, 'run-fanout', afterTermEnd);

    expect(run).toMatchObject({ status: 'succeeded', unitsTotal: 2, unitsDone: 2, unitsFailed: 0, terms: [termId], asOf: afterTermEnd, startedBy: { kind: 'user', userId: 'admin-1' } });
    expect(run!.periods).toContainEqual({ termId, kind: 'week-after-term', key: termId, lastDay: '2026-01-23' });
    expect(world.local.deadLetters).toEqual([]);
    const findings = await visibleFindings(world.dependencies);
    // The new class c-u1 held one complete meeting of the three a new class owes a term: missed, one week after term end.
    expect(findings.find((f) => f.key === `CT-MEETING-NEW#class:c-u1#${termId}`)).toMatchObject({ status: 'missed', required: 3, actual: 1, unitId: 'u1', classId: 'c-u1', staffIds: ['teacher-1'], family: 'class-teacher', asOf: afterTermEnd, runId: 'run-fanout' });
    expect(findings.find((f) => f.key === `CT-MEETING-NEW#class:c-u2#${termId}`)).toMatchObject({ status: 'missed', actual: 0, unitId: 'u2', staffIds: ['teacher-2'] });
    // Only closed periods are kept, and the run's counts are the findings'.
    expect(findings.every((f) => Date.parse(f.period.dueBy) <= Date.parse(afterTermEnd))).toBe(true);
    const total = Object.values(run!.counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(findings.length);
    expect(world.local.events).toContainEqual(expect.objectContaining({ detailType: 'compliance-run.completed', detail: expect.objectContaining({ runId: 'run-fanout', outcome: 'succeeded', unitsTotal: 2 }) }));
  });

  it('gives identical findings when run again for the same "as of", and keeps the earlier revision when run as of later', async () => {
    world = runWorld(new Date('2026-01-26T01:00:00Z'));
    const before = await visibleFindings(world.dependencies);
    await runOnDemand(world, 'run-again', afterTermEnd);
    const again = await visibleFindings(world.dependencies);
    expect(again).toEqual(before);

    const later = '2026-02-01T16:00:00.000Z';
    expect(await runOnDemand(world, 'run-later', later)).toMatchObject({ status: 'succeeded' });
    const stored = await world.dependencies.runs.findingsOfUnit(tenantId, termId, 'u1');
    const meetingRevisions = stored.filter((f) => f.key === `CT-MEETING-NEW#class:c-u1#${termId}`).map((f) => f.asOf).sort();
    expect(meetingRevisions).toEqual([afterTermEnd, later]);
    expect((await visibleFindings(world.dependencies)).find((f) => f.key === `CT-MEETING-NEW#class:c-u1#${termId}`)?.asOf).toBe(later);
  });
});

describe('a unit whose evaluation keeps failing', () => {
  it('is retried, lands in the dead-letter queue, and the run reports the failure and publishes nothing', async () => {
    const asOf = '2026-01-27T16:00:00.000Z';
    world = runWorld(new Date('2026-01-28T01:00:00Z'), (dependencies) => ({
      ...dependencies,
      roster: Object.assign(Object.create(dependencies.roster) as Dependencies['roster'], {
        classesOfUnit: async (t: string, unitId: string) => {
          if (unitId === 'u2') throw new Error('unit u2 cannot be read');
          return dependencies.roster.classesOfUnit(t, unitId);
        },
      }),
    }));
    const run = await runOnDemand(world, 'run-failing', asOf);

    expect(run).toMatchObject({ status: 'failed', unitsTotal: 2, unitsDone: 1, unitsFailed: 1, failedUnits: ['u2'] });
    expect(world.local.deadLetters).toEqual([{ from: 'unit-evaluations', body: { tenantId, runId: 'run-failing', unitId: 'u2' }, receiveCount: 3 }]);
    expect(await world.dependencies.runs.publishedRevisions(tenantId, termId)).not.toContain(asOf);
    // u1's findings of that instant were stored, but none is visible.
    expect((await visibleFindings(world.dependencies)).some((f) => f.asOf === asOf)).toBe(false);
    expect(world.local.events).toContainEqual(expect.objectContaining({ detailType: 'compliance-run.completed', detail: expect.objectContaining({ runId: 'run-failing', outcome: 'failed', unitsFailed: 1 }) }));
  });
});

describe('the daily run', () => {
  it('started twice for the same scheduled instant (duplicate deliveries) is one run with one set of findings; the next day keeps only what closed since', async () => {
    const scheduled = new Date('2026-02-09T17:30:00.000Z');
    world = runWorld(new Date('2026-02-09T17:30:05Z'), (dependencies) => ({
      ...dependencies,
      roster: Object.assign(Object.create(dependencies.roster) as Dependencies['roster'], { tenantIds: async () => [tenantId] }),
    }));
    const accepted = await Promise.all([acceptDailyRuns(world.dependencies, scheduled), acceptDailyRuns(world.dependencies, scheduled)]);
    await world.local.idle();

    expect(accepted.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    const run = await world.dependencies.runs.get(tenantId, 'daily-20260209T173000Z');
    expect(run).toMatchObject({ status: 'succeeded', unitsDone: 2, startedBy: { kind: 'schedule' }, asOf: scheduled.toISOString() });
    const ofThisRun = (await world.dependencies.runs.findingsOfUnit(tenantId, termId, 'u1')).filter((f) => f.asOf === scheduled.toISOString());
    expect(new Set(ofThisRun.map((f) => f.key)).size).toBe(ofThisRun.length);
    expect(ofThisRun.length).toBeGreaterThan(0);
    expect(await world.dependencies.runs.lastDailyRun(tenantId)).toBe(scheduled.toISOString());

    // The next day: nothing of the autumn term closed in between, so nothing is rewritten.
    const next = new Date('2026-02-10T17:30:00.000Z');
    await acceptDailyRuns(world.dependencies, next);
    await world.local.idle();
    expect(await world.dependencies.runs.get(tenantId, 'daily-20260210T173000Z')).toMatchObject({ status: 'succeeded', after: scheduled.toISOString(), counts: { met: 0, missed: 0, pending: 0, 'not-applicable': 0, blocked: 0 } });
    expect((await world.dependencies.runs.findingsOfUnit(tenantId, termId, 'u1')).filter((f) => f.asOf === next.toISOString())).toEqual([]);
  });
});
