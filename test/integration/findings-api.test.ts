/**
 * The findings API after a run: every miss visible to the roles that may see it and to no
 * one else, paged with sealed cursors, and summarised with the compliance rate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { handler as configurationHandler } from '../../functions/http/configuration.js';
import { handler as findingsHandler } from '../../functions/http/findings.js';
import { handler as rosterHandler } from '../../functions/http/roster.js';
import { acceptedRun } from '../../functions/jobs/run-steps.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { classBody, principals } from '../support/fixtures.js';
import { runWorld, type RunWorld } from '../support/runs.js';
import { seedSchool } from '../support/school.js';

const tenantId = uniqueTenant('findings');
const who = principals(tenantId, 'u1');
const termId = '2025-autumn';
const asOf = '2026-01-24T16:00:00.000Z';
let world: RunWorld;
afterAll(() => world?.local.stop());

const list = (principal: Principal, query: Record<string, string> = {}) =>
  invoke(findingsHandler, { routeKey: 'GET /tenants/{tenantId}/terms/{termId}/findings', pathParameters: { tenantId, termId }, principal, query: { limit: '100', ...query } });
const missedClasses = async (principal: Principal) => {
  const answer = await list(principal, { status: 'missed', ruleId: 'CT-MEETING-NEW' });
  expect(answer.status).toBe(200);
  return (answer.body.items as { classId: string }[]).map((f) => f.classId).sort();
};

beforeAll(async () => {
  expect((await invoke(configurationHandler, { routeKey: 'PUT /tenants/{tenantId}/configuration', pathParameters: { tenantId }, principal: who.admin, body: { academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }], terms: [{ id: termId, start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' }] } })).status).toBe(201);
  await seedSchool(who.admin, 'u1', [classBody('c-u1', 'u1', ['2025100101'])]);
  await seedSchool(who.admin, 'u2', [{ ...classBody('c-u2', 'u2', ['2025100201']), classTeacherId: 'teacher-2' }]);
  expect((await invoke(rosterHandler, { routeKey: 'PUT /tenants/{tenantId}', pathParameters: { tenantId }, principal: who.admin, body: { name: '弘成教育', kind: 'headquarters' } })).status).toBe(201);
  world = runWorld(new Date('2026-01-25T01:00:00Z'));
  await world.dependencies.runs.accept(acceptedRun({ tenantId, runId: 'run-1', startedBy: { kind: 'user', userId: 'admin-1' }, asOf, acceptedAt: asOf, termId }));
  await world.dependencies.messaging.queues.send('tenant-runs', [{ tenantId, runId: 'run-1' }]);
  await world.local.idle();
});

describe('who sees the misses of a closed term (CT-MEETING-NEW: no class meeting held)', () => {
  it('the tenant admin and the supervisor see every unit’s', async () => {
    expect(await missedClasses(who.admin)).toEqual(['c-u1', 'c-u2']);
    expect(await missedClasses(who.supervisor)).toEqual(['c-u1', 'c-u2']);
  });

  it('a unit’s director sees the unit’s classes only (seed 000 §2.4: the center head checks the class teachers)', async () => {
    expect(await missedClasses(who.director)).toEqual(['c-u1']);
    expect(await missedClasses({ ...who.director, unitId: 'u2' })).toEqual(['c-u2']);
  });

  it('a class teacher sees the classes they serve, not another unit’s; another director and a registrar see none of them', async () => {
    expect(await missedClasses(who.teacher)).toEqual(['c-u1']);
    expect(await missedClasses({ ...who.otherTeacher, unitId: 'u2' })).toEqual(['c-u2']);
    expect(await missedClasses(who.otherDirector)).toEqual([]);
    expect(await missedClasses({ userId: 'registrar-1', tenantId, unitId: 'u1', roles: ['registrar'] })).toEqual([]);
  });

  it('another tenant’s admin is refused', async () => {
    expect((await list(who.stranger)).status).toBe(403);
  });
});

describe('paging and summaries', () => {
  it('pages through every visible finding with sealed cursors, none twice', async () => {
    const all = (await list(who.admin)).body.items as { key: string }[];
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(who.admin, { limit: '7', ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as { key: string }[]).map((f) => f.key));
      cursor = page.body.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual(all.map((f) => f.key));
    const forged = await list(who.admin, { status: 'met', cursor: (await list(who.admin, { limit: '1' })).body.nextCursor });
    expect(forged.status).toBe(400);
  });

  it('summarises per class with counts per status and the compliance rate met ÷ (met + missed)', async () => {
    const answer = await invoke(findingsHandler, { routeKey: 'GET /tenants/{tenantId}/terms/{termId}/findings/summary', pathParameters: { tenantId, termId }, principal: who.admin, query: { by: 'class' } });
    expect(answer.status).toBe(200);
    const row = (answer.body.rows as { key: string; counts: Record<string, number>; complianceRate: number | null }[]).find((r) => r.key === 'c-u1')!;
    const decided = row.counts['met']! + row.counts['missed']!;
    expect(row.counts['missed']).toBeGreaterThanOrEqual(1);
    expect(row.complianceRate).toBe(decided === 0 ? null : Math.round((row.counts['met']! / decided) * 10_000) / 10_000);
  });
});
