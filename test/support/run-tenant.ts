/**
 * The small tenant the run and report tests share: two units (u1 with class c-u1 of three
 * students, u2 with c-u2 of two), the 2025 autumn term (1 September – 16 January), and one
 * complete class meeting in c-u1 held and submitted in September.
 */
import { expect } from 'vitest';
import { configFromEnv, createDependencies } from '../../functions/composition.js';
import { handler as configurationHandler } from '../../functions/http/configuration.js';
import { httpFunction } from '../../functions/http/kit/http-function.js';
import { recordRoutes } from '../../functions/http/records.js';
import { handler as rosterHandler } from '../../functions/http/roster.js';
import { acceptedRun } from '../../functions/jobs/run-steps.js';
import { invoke } from './events.js';
import { classBody, principals } from './fixtures.js';
import { classMeeting } from './records.js';
import type { RunWorld } from './runs.js';
import { seedSchool } from './school.js';

export const autumnTerm = '2025-autumn';
/** 25 January 2026, 00:00 in Beijing: the term ended on the 16th, one week after it ended on the 23rd. */
export const afterTermEnd = '2026-01-24T16:00:00.000Z';

export async function seedTwoUnitTenant(tenantId: string): Promise<void> {
  const who = principals(tenantId, 'u1');
  const configuration = {
    academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }],
    terms: [{ id: autumnTerm, start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' }],
  };
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
}

/** An on-demand run of the term, started as the findings API starts one, waited for until every queue is idle. */
export async function runOnDemand(world: RunWorld, tenantId: string, runId: string, asOf: string) {
  await world.dependencies.runs.accept(acceptedRun({ tenantId, runId, startedBy: { kind: 'user', userId: 'admin-1' }, asOf, acceptedAt: asOf, termId: autumnTerm }));
  await world.dependencies.messaging.queues.send('tenant-runs', [{ tenantId, runId }]);
  await world.local.idle();
  return world.dependencies.runs.get(tenantId, runId);
}
