/**
 * GET /tenants/{tenantId}/runs: the tenant's compliance runs, newest accepted first, a page
 * at a time with sealed cursors, by the term they evaluated and by status; tenant admins
 * and supervisors only. The runs are put through the repository, each in the state a run
 * reaches, so that every filter has something to find and something to leave out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../domain/runs/index.js';
import { configFromEnv, createDependencies } from '../../functions/composition.js';
import { handler as findings } from '../../functions/http/findings.js';
import { acceptedRun } from '../../functions/jobs/run-steps.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { principals } from '../support/fixtures.js';

const tenantId = uniqueTenant('run-list');
const who = principals(tenantId, 'u1');
const other = uniqueTenant('run-list-other');

const uuid = (n: number) => `0190f000-0000-7000-8000-00000000000${n}`;
/** r1 … r5, accepted a day apart from 20 January 2026; r3 is a daily run that covered 2025-autumn. */
const runs: Run[] = [
  { ...acceptedRun({ tenantId, runId: uuid(1), startedBy: { kind: 'user', userId: 'admin-1' }, asOf: '2026-01-19T16:00:00.000Z', acceptedAt: '2026-01-20T01:00:00.000Z', termId: '2025-autumn' }), status: 'succeeded' },
  acceptedRun({ tenantId, runId: uuid(2), startedBy: { kind: 'user', userId: 'admin-1' }, asOf: '2026-01-20T16:00:00.000Z', acceptedAt: '2026-01-21T01:00:00.000Z', termId: '2026-spring' }),
  { ...acceptedRun({ tenantId, runId: 'daily-20260121T173000Z', startedBy: { kind: 'schedule' }, asOf: '2026-01-21T17:30:00.000Z', acceptedAt: '2026-01-22T01:00:00.000Z' }), status: 'failed', terms: ['2025-autumn'] },
  { ...acceptedRun({ tenantId, runId: uuid(4), startedBy: { kind: 'user', userId: 'admin-1' }, asOf: '2026-01-22T16:00:00.000Z', acceptedAt: '2026-01-23T01:00:00.000Z', termId: '2025-autumn' }), status: 'running' },
  { ...acceptedRun({ tenantId, runId: uuid(5), startedBy: { kind: 'user', userId: 'admin-1' }, asOf: '2026-01-23T16:00:00.000Z', acceptedAt: '2026-01-24T01:00:00.000Z', termId: '2025-autumn' }), status: 'succeeded' },
];

const list = (query: Record<string, string>, principal = who.admin, tenant = tenantId) =>
  invoke(findings, { routeKey: 'GET /tenants/{tenantId}/runs', pathParameters: { tenantId: tenant }, principal, query });
const idsOf = (body: { items: { runId: string }[] }) => body.items.map((run) => run.runId);

beforeAll(async () => {
  const dependencies = createDependencies(configFromEnv());
  for (const run of runs) expect(await dependencies.runs.accept(run)).toBe(true);
  // Another tenant's run never shows.
  expect(await dependencies.runs.accept(acceptedRun({ tenantId: other, runId: uuid(9), startedBy: { kind: 'schedule' }, asOf: '2026-01-25T16:00:00.000Z', acceptedAt: '2026-01-26T01:00:00.000Z' }))).toBe(true);
});

describe('GET /tenants/{tenantId}/runs', () => {
  it('lists the runs newest first, two a page: r5 r4, then r3 r2, then r1 and no further cursor', async () => {
    const first = await list({ limit: '2' });
    expect(first.status).toBe(200);
    expect(idsOf(first.body)).toEqual([uuid(5), uuid(4)]);
    expect(first.body.items[0]).toEqual(runs[4]);
    const second = await list({ limit: '2', cursor: first.body.nextCursor });
    expect(idsOf(second.body)).toEqual(['daily-20260121T173000Z', uuid(2)]);
    const third = await list({ limit: '2', cursor: second.body.nextCursor });
    expect(idsOf(third.body)).toEqual([uuid(1)]);
    expect(third.body.nextCursor).toBeUndefined();
  });

  it('filters by the term a run evaluated (its termId, or among a daily run’s terms) and by status', async () => {
    expect(idsOf((await list({ termId: '2025-autumn' })).body)).toEqual([uuid(5), uuid(4), 'daily-20260121T173000Z', uuid(1)]);
    expect(idsOf((await list({ status: 'failed' })).body)).toEqual(['daily-20260121T173000Z']);
    expect(idsOf((await list({ termId: '2026-spring', status: 'accepted' })).body)).toEqual([uuid(2)]);
    const none = await list({ termId: '2031-spring' });
    expect(none.body).toEqual({ items: [] });
  });

  it('fills each page across the runs the filter leaves out: succeeded runs of 2025-autumn one a page are r5, then r1', async () => {
    const first = await list({ termId: '2025-autumn', status: 'succeeded', limit: '1' });
    expect(idsOf(first.body)).toEqual([uuid(5)]);
    const second = await list({ termId: '2025-autumn', status: 'succeeded', limit: '1', cursor: first.body.nextCursor });
    expect(idsOf(second.body)).toEqual([uuid(1)]);
    expect(second.body.nextCursor).toBeUndefined();
  });

  it('refuses a cursor handed out with other filters, or by another tenant’s listing (400 at #/query/cursor)', async () => {
    const first = await list({ limit: '1' });
    const otherFilters = await list({ limit: '1', status: 'succeeded', cursor: first.body.nextCursor });
    expect(otherFilters.status).toBe(400);
    expect(otherFilters.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([['#/query/cursor', 'invalid_cursor']]);
    const otherAdmin = { ...who.admin, tenantId: other };
    expect((await list({ limit: '1', cursor: first.body.nextCursor }, otherAdmin, other)).status).toBe(400);
  });

  it('refuses an unknown parameter and an unknown status (400 naming them)', async () => {
    const unknown = await list({ unit: 'u1' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/query/unit']);
    const status = await list({ status: 'done' });
    expect(status.status).toBe(400);
    expect(status.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/query/status']);
  });

  it('is for tenant admins and supervisors: a supervisor reads it, a unit’s director and a class teacher get 403', async () => {
    expect(idsOf((await list({ limit: '1' }, who.supervisor)).body)).toEqual([uuid(5)]);
    expect((await list({}, who.director)).status).toBe(403);
    expect((await list({}, who.teacher)).status).toBe(403);
  });
});
