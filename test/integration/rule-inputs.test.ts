/**
 * The facts the rules turn on, entered through the API: the class's registrar, at-risk
 * statuses, tuition and the rest. Figures are worked out by hand beside each assertion.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { configFromEnv, createDependencies, type Dependencies } from '../../functions/composition.js';
import { configurationRoutes } from '../../functions/http/configuration.js';
import { httpFunction, type Route } from '../../functions/http/kit/http-function.js';
import { recordRoutes } from '../../functions/http/records.js';
import { rosterRoutes } from '../../functions/http/roster.js';
import { standingRoutes } from '../../functions/http/standing.js';
import { invoke, uniqueTenant } from '../support/events.js';

const allRoutes: Readonly<Record<string, Route<Dependencies, any>>> = { ...rosterRoutes, ...recordRoutes, ...configurationRoutes, ...standingRoutes };

/** Every route as deployed, with the clock stopped at `now`. */
export function api(now: Date) {
  const handler = httpFunction(allRoutes, () => createDependencies(configFromEnv(), { now: () => now }));
  return (routeKey: string, input: { pathParameters: Record<string, string>; principal: Principal; body?: unknown; headers?: Record<string, string>; query?: Record<string, string> }) =>
    invoke(handler, { routeKey, ...input });
}

const configuration = {
  academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }],
  terms: [
    { id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' },
    { id: '2026-spring', start: '2026-03-02', end: '2026-07-10', academicYearId: '2025-2026' },
  ],
};

describe('the class registrar (学籍管理员)', () => {
  const tenantId = uniqueTenant('registrar');
  const unitId = 'center-r';
  const admin: Principal = { userId: 'admin-r', tenantId, roles: ['tenant-admin'] };
  const registrar: Principal = { userId: 'registrar-r', tenantId, unitId, roles: ['registrar'] };
  const successor: Principal = { userId: 'registrar-s', tenantId, unitId, roles: ['registrar'] };
  const call = api(new Date('2025-09-03T02:00:00Z'));

  beforeAll(async () => {
    expect((await call('POST /tenants/{tenantId}/units', { pathParameters: { tenantId }, principal: admin, body: { unitId, name: '中心', kind: 'learning-center' } })).status).toBe(201);
    expect((await call('PUT /tenants/{tenantId}/configuration', { pathParameters: { tenantId }, principal: admin, body: configuration })).status).toBe(201);
    const body = { classId: 'c-r', unitId, name: '会计1班', cohort: 'new', entryTerm: '2025-autumn', classTeacherId: 'teacher-r', students: [{ studentNumber: '2611001500001', name: '学生1' }] };
    expect((await call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: admin, body })).status).toBe(201);
  });

  it('REG-MAKEUP-EXAM: assigned with PUT …/staff, handed over with the same kept history, and the registrar’s standing follows', async () => {
    const path = { tenantId, classId: 'c-r' };
    // Before any registrar, the registrar reads neither the class nor finds REG-* duties.
    expect((await call('GET /tenants/{tenantId}/classes/{classId}', { pathParameters: path, principal: registrar })).status).toBe(403);

    const assigned = await call('PUT /tenants/{tenantId}/classes/{classId}/staff', {
      pathParameters: path,
      principal: admin,
      headers: { 'if-match': '"1"' },
      body: { classTeacherId: 'teacher-r', counselorId: null, registrarId: registrar.userId },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body).toMatchObject({ registrarId: registrar.userId, version: 2 });
    expect((await call('GET /tenants/{tenantId}/classes/{classId}', { pathParameters: path, principal: registrar })).status).toBe(200);

    // Leaving registrarId out keeps the registrar.
    const teacherOnly = await call('PUT /tenants/{tenantId}/classes/{classId}/staff', { pathParameters: path, principal: admin, headers: { 'if-match': '"2"' }, body: { classTeacherId: 'teacher-r2', counselorId: null } });
    expect(teacherOnly.body).toMatchObject({ registrarId: registrar.userId, classTeacherId: 'teacher-r2', version: 3 });

    // On 3 September 2025 (Wednesday of week 1): the make-up exam is due by the end of teaching week 2 (Sun 14 Sep), pending.
    const standing = await call('GET /tenants/{tenantId}/staff/{userId}/standing', { pathParameters: { tenantId, userId: registrar.userId }, principal: registrar });
    expect(standing.status).toBe(200);
    const makeup = standing.body.findings.find((f: { ruleId: string }) => f.ruleId === 'REG-MAKEUP-EXAM');
    expect(makeup).toMatchObject({ subject: { kind: 'staff', id: registrar.userId }, status: 'pending', required: 1, actual: 0, period: { from: '2025-09-01', to: '2025-09-14' } });
    const served = await call('GET /tenants/{tenantId}/staff/{userId}', { pathParameters: { tenantId, userId: registrar.userId }, principal: registrar });
    expect(served.status).toBe(404); // not in the directory; the assignment is what counts

    const handedOver = await call('PUT /tenants/{tenantId}/classes/{classId}/staff', {
      pathParameters: path,
      principal: admin,
      headers: { 'if-match': '"3"' },
      body: { classTeacherId: 'teacher-r2', counselorId: null, registrarId: successor.userId },
    });
    expect(handedOver.status).toBe(200);
    expect((await call('GET /tenants/{tenantId}/classes/{classId}', { pathParameters: path, principal: registrar })).status).toBe(403);
    expect((await call('GET /tenants/{tenantId}/classes/{classId}', { pathParameters: path, principal: successor })).status).toBe(200);
    const history = await call('GET /tenants/{tenantId}/classes/{classId}/staff-changes', { pathParameters: path, principal: admin });
    expect(history.body.items.map((c: { before: object; after: object }) => [c.before, c.after])).toEqual([
      [{}, { classTeacherId: 'teacher-r' }],
      [{ classTeacherId: 'teacher-r' }, { classTeacherId: 'teacher-r', registrarId: registrar.userId }],
      [{ classTeacherId: 'teacher-r', registrarId: registrar.userId }, { classTeacherId: 'teacher-r2', registrarId: registrar.userId }],
      [{ classTeacherId: 'teacher-r2', registrarId: registrar.userId }, { classTeacherId: 'teacher-r2', registrarId: successor.userId }],
    ]);
    const removed = await call('PUT /tenants/{tenantId}/classes/{classId}/staff', { pathParameters: path, principal: admin, headers: { 'if-match': '"4"' }, body: { classTeacherId: 'teacher-r2', counselorId: null, registrarId: null } });
    expect(removed.body.registrarId).toBeUndefined();
  });
});
