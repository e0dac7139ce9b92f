/**
 * Bulk enrolment in majors (POST …/imports/enrolments) through the handlers against
 * DynamoDB Local: all or nothing, every bad row named, rows of another unit refused,
 * an existing major never overwritten, and 1,000 students written whole.
 *
 * center-e offers acc-bk to grade 2025-autumn; law-zk exists but center-e does not offer it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal, Role } from '../../domain/access.js';
import { configFromEnv, createDependencies, type Dependencies } from '../../functions/composition.js';
import { academicRoutes } from '../../functions/http/academics.js';
import { configurationRoutes } from '../../functions/http/configuration.js';
import { httpFunction, type Route } from '../../functions/http/kit/http-function.js';
import { academicKeys } from '../../functions/http/programmes.js';
import { rosterRoutes } from '../../functions/http/roster.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { twoAcademicYears } from '../support/fixtures.js';

const allRoutes: Readonly<Record<string, Route<Dependencies, any>>> = { ...rosterRoutes, ...configurationRoutes, ...academicRoutes };
const dependencies = createDependencies(configFromEnv(), { now: () => new Date('2026-01-20T02:00:00Z') });
const handler = httpFunction(allRoutes, () => dependencies);
type Input = { pathParameters: Record<string, string>; principal: Principal; body?: unknown };
const call = (routeKey: string, input: Input) => invoke(handler, { routeKey, ...input });

const tenantId = uniqueTenant('enrolment-import');
const [unitE, unitF] = ['center-e', 'center-f'];
const person = (role: Role, userId: string, unitId = unitE): Principal => ({ userId, tenantId, unitId, roles: [role] });
const admin = person('tenant-admin', 'admin-e');
const registrar = person('registrar', 'registrar-e');
const registrarF = person('registrar', 'registrar-f', unitF);
const classTeacher = person('class-teacher', 'teacher-e');
const [e1, e2, e3, e4, e5] = ['2611001901001', '2611001901002', '2611001901003', '2611001901004', '2611001901005'] as const;
const f1 = '2611001902001';
const course = { code: 'K1', name: '课程', credits: 10, programmeTerm: 1, degreeCourse: false };
const programme = (name: string) => ({ name, level: 'undergraduate', studentType: 'open-education', requiredCredits: 10, courses: [course] });

const ok = (answer: { status: number; body: unknown }, status: number) => expect(answer.status, JSON.stringify(answer.body)).toBe(status);
const pointers = (answer: { body: { errors?: { pointer: string; code: string }[] } }) => (answer.body.errors ?? []).map((e) => `${e.pointer} ${e.code}`);
const importing = (principal: Principal, enrolments: unknown[]) => call('POST /tenants/{tenantId}/imports/enrolments', { pathParameters: { tenantId }, principal, body: { enrolments } });
const row = (studentNumber: string, majorId = 'acc-bk', grade = '2025-autumn') => ({ studentNumber, majorId, grade });
const majorOf = async (studentNumber: string) => (await call('GET /tenants/{tenantId}/students/{studentNumber}/results', { pathParameters: { tenantId, studentNumber }, principal: registrar })).body.programme?.majorId ?? null;

beforeAll(async () => {
  for (const unitId of [unitE, unitF]) ok(await call('POST /tenants/{tenantId}/units', { pathParameters: { tenantId }, principal: admin, body: { unitId, name: unitId, kind: 'learning-center' } }), 201);
  ok(await call('PUT /tenants/{tenantId}/configuration', { pathParameters: { tenantId }, principal: admin, body: twoAcademicYears }), 201);
  const classOf = (classId: string, unitId: string, numbers: readonly string[]) => ({ classId, unitId, name: classId, cohort: 'new', entryTerm: '2025-autumn', classTeacherId: classTeacher.userId, students: numbers.map((studentNumber) => ({ studentNumber, name: '学生' })) });
  ok(await call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: admin, body: classOf('c-e', unitE, [e1, e2, e3, e4, e5]) }), 201);
  ok(await call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: admin, body: classOf('c-f', unitF, [f1]) }), 201);
  ok(await call('PUT /tenants/{tenantId}/programmes/{majorId}', { pathParameters: { tenantId, majorId: 'acc-bk' }, principal: admin, body: programme('会计学') }), 201);
  ok(await call('PUT /tenants/{tenantId}/programmes/{majorId}', { pathParameters: { tenantId, majorId: 'law-zk' }, principal: admin, body: programme('法学') }), 201);
  for (const unitId of [unitE, unitF]) {
    ok(await call('PUT /tenants/{tenantId}/units/{unitId}/offerings/{termId}', { pathParameters: { tenantId, unitId, termId: '2025-autumn' }, principal: admin, body: { grades: [{ grade: '2025-autumn', majorIds: ['acc-bk'] }] } }), 201);
  }
  ok(await call('PUT /tenants/{tenantId}/students/{studentNumber}/programme', { pathParameters: { tenantId, studentNumber: e5 }, principal: registrar, body: { majorId: 'acc-bk', grade: '2025-autumn' } }), 201);
}, 60_000);

describe('bulk enrolment in majors', () => {
  it('names every bad row and writes nothing', async () => {
    const answer = await importing(registrar, [row(e1), row(e2, 'law-zk'), row(e1), row('2611001909999'), row(e5), row(e3, 'acc-bk', '2026-spring'), row(e4, 'no-such')]);
    ok(answer, 422);
    expect(pointers(answer)).toEqual([
      '#/enrolments/1/majorId enrolment.not-offered', // law-zk is not offered by center-e
      '#/enrolments/2/studentNumber enrolment.duplicate-row', // e1 again
      '#/enrolments/3/studentNumber unknown_reference',
      '#/enrolments/4/studentNumber enrolment.exists', // e5 is in acc-bk already: never overwritten
      '#/enrolments/5/majorId enrolment.not-offered', // acc-bk is offered to grade 2025-autumn only
      '#/enrolments/6/majorId enrolment.unknown-major',
    ]);
    // Row 0 was good, yet nothing was written.
    expect(await majorOf(e1)).toBeNull();
  });

  it('refuses rows of another unit’s students (403, rows counted) and roles other than admin and registrar', async () => {
    const answer = await importing(registrar, [row(e1), row(f1)]);
    ok(answer, 403);
    expect(answer.body.detail).toContain('rows 1');
    expect(await majorOf(e1)).toBeNull();
    ok(await importing(classTeacher, [row(e1)]), 403);
    ok(await importing(person('center-director', 'director-e'), [row(e1)]), 403);
    // The other unit's registrar enrols their own student; the admin any.
    ok(await importing(registrarF, [row(f1)]), 201);
  });

  it('places the students, level and type following from the major; importing them again is refused', async () => {
    const answer = await importing(registrar, [row(e1), row(e2), row(e3)]);
    ok(answer, 201);
    expect(answer.body).toEqual({ count: 3 });
    expect([await majorOf(e1), await majorOf(e2), await majorOf(e3), await majorOf(e4)]).toEqual(['acc-bk', 'acc-bk', 'acc-bk', null]);
    const again = await importing(admin, [row(e4), row(e1)]);
    expect(pointers(again)).toEqual(['#/enrolments/1/studentNumber enrolment.exists']);
    expect(await majorOf(e4)).toBeNull();
  });

  it('writes 1,000 students whole', async () => {
    const numbers = Array.from({ length: 1000 }, (_, i) => `26110019${String(10_000 + i).padStart(5, '0')}`);
    ok(await call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: admin, body: { classId: 'c-big', unitId: unitE, name: '大班', cohort: 'new', entryTerm: '2025-autumn', students: [] } }), 201);
    ok(await call('POST /tenants/{tenantId}/classes/{classId}/students', { pathParameters: { tenantId, classId: 'c-big' }, principal: admin, body: { students: numbers.map((studentNumber) => ({ studentNumber, name: '学生' })) } }), 201);
    ok(await importing(registrar, numbers.map((n) => row(n))), 201);
    const stored = await dependencies.facts.list<{ majorId: string }>(tenantId, 'class:c-big', academicKeys.enrolments);
    expect(stored).toHaveLength(1000);
    expect(new Set(stored.map((s) => s.content.majorId))).toEqual(new Set(['acc-bk']));
  }, 120_000);
});
