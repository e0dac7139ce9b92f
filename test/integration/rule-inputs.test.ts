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
import { statusRoutes } from '../../functions/http/student-status.js';
import { classFactRoutes } from '../../functions/http/class-facts.js';
import { invoke, uniqueTenant } from '../support/events.js';

const allRoutes: Readonly<Record<string, Route<Dependencies, any>>> = { ...rosterRoutes, ...recordRoutes, ...configurationRoutes, ...standingRoutes, ...statusRoutes, ...classFactRoutes };

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

/** A unit and the two terms, as a tenant admin sets them up. */
async function setUpTenant(call: ReturnType<typeof api>, admin: Principal, unitId: string, kind: string): Promise<void> {
  expect((await call('POST /tenants/{tenantId}/units', { pathParameters: { tenantId: admin.tenantId }, principal: admin, body: { unitId, name: '中心', kind } })).status).toBe(201);
  expect((await call('PUT /tenants/{tenantId}/configuration', { pathParameters: { tenantId: admin.tenantId }, principal: admin, body: configuration })).status).toBe(201);
}

/** Staff of a unit, one per role, named `<role>-<suffix>`. */
function staffOf(tenantId: string, unitId: string, suffix: string) {
  const as = (role: Principal['roles'][number]): Principal => ({ userId: `${role === 'center-director' ? 'director' : role === 'class-teacher' ? 'teacher' : role}-${suffix}`, tenantId, unitId, roles: [role] });
  return { admin: { userId: `admin-${suffix}`, tenantId, roles: ['tenant-admin'] } as Principal, as };
}

describe('the class registrar (学籍管理员)', () => {
  const tenantId = uniqueTenant('registrar');
  const unitId = 'center-r';
  const staff = staffOf(tenantId, unitId, 'r');
  const admin = staff.admin;
  const registrar = staff.as('registrar');
  const successor: Principal = { ...registrar, userId: 'registrar-s' };
  const call = api(new Date('2025-09-03T02:00:00Z'));

  beforeAll(async () => {
    await setUpTenant(call, admin, unitId, 'learning-center');
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

describe('at-risk statuses (学籍预警, 学籍处理, 纪律处分)', () => {
  const tenantId = uniqueTenant('atrisk');
  const unitId = 'center-w';
  const classId = 'c-w';
  const [a, b, c] = ['2611001502001', '2611001502002', '2611001502003'] as const;
  const staff = staffOf(tenantId, unitId, 'w');
  const admin = staff.admin;
  const registrar = staff.as('registrar');
  const director = staff.as('center-director');
  const counselor = staff.as('counselor');
  const teacher = staff.as('class-teacher');
  const on = (day: string) => api(new Date(`${day}T02:00:00Z`)); // 10:00 in Beijing
  const counselorStanding = async (day: string) => {
    const answer = await on(day)('GET /tenants/{tenantId}/staff/{userId}/standing', { pathParameters: { tenantId, userId: counselor.userId }, principal: counselor });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.findings as { ruleId: string; subject: { id: string }; status: string; required: number; actual: number; period: { key: string; from: string; to: string }; evidenceIds: string[]; missingIds?: string[] }[];
  };
  const submit = async (day: string, kind: string, content: unknown) => {
    const answer = await on(day)('POST /tenants/{tenantId}/records', { pathParameters: { tenantId }, principal: counselor, body: { kind, classId, content } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.recordId as string;
  };
  let warningOfA = '';

  beforeAll(async () => {
    const call = on('2025-09-01');
    await setUpTenant(call, admin, unitId, 'college');
    const body = { classId, unitId, name: '会计2班', cohort: 'new', entryTerm: '2025-autumn', classTeacherId: teacher.userId, counselorId: counselor.userId, students: [a, b, c].map((studentNumber, i) => ({ studentNumber, name: `学生${i + 1}` })) };
    expect((await call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: admin, body })).status).toBe(201);
  });

  it('CO-PARENT-WARNING, CO-TALK-ATRISK, CO-PARENT-FOLLOWUP: a student warned by a document dated today is in the counselor’s standing today, and the contacts and talks made through the API meet them', async () => {
    // Monday 13 October 2025: the registrar records the college's warning of student a, dated that day.
    const warned = await on('2025-10-13')('POST /tenants/{tenantId}/students/{studentNumber}/statuses', {
      pathParameters: { tenantId, studentNumber: a },
      principal: registrar,
      body: { kind: 'academic-warning', documentOn: '2025-10-13', documentRef: '教务〔2025〕31号' },
    });
    expect(warned.status, JSON.stringify(warned.body)).toBe(201);
    expect(warned.body).toMatchObject({ classId, studentNumber: a, kind: 'academic-warning', version: 1, recordedBy: registrar.userId });
    warningOfA = warned.body.statusId;

    let findings = await counselorStanding('2025-10-13');
    // Parents told within 7 days of the document: 13 Oct + 7 = 20 Oct; nothing yet.
    expect(findings.find((f) => f.ruleId === 'CO-PARENT-WARNING')).toMatchObject({ subject: { id: a }, status: 'pending', required: 1, actual: 0, period: { key: `status:${warningOfA}`, from: '2025-10-13', to: '2025-10-20' } });
    // The quarter October–December: one student at risk (a), not talked to yet.
    expect(findings.find((f) => f.ruleId === 'CO-TALK-ATRISK' && f.period.from === '2025-10-01')).toMatchObject({ status: 'pending', required: 1, actual: 0, missingIds: [a], period: { to: '2025-12-31' } });
    // Follow-up counts from the day after the notification week: 21 Oct; one student to follow up this term.
    expect(findings.find((f) => f.ruleId === 'CO-PARENT-FOLLOWUP')).toMatchObject({ status: 'pending', required: 1, actual: 0 });

    // Wednesday 15 October: the counselor calls a's parents about the warning and talks to a.
    const notice = await submit('2025-10-15', 'parent-contact', { contactedOn: '2025-10-15', studentNumber: a, channel: 'phone', reason: 'warning', notes: '通报学籍预警' });
    const talk = await submit('2025-10-15', 'talk', { heldOn: '2025-10-15', students: [a], topic: '学习情况', notes: '谈话记录' });
    findings = await counselorStanding('2025-10-15');
    expect(findings.find((f) => f.ruleId === 'CO-PARENT-WARNING')).toMatchObject({ status: 'met', actual: 1, evidenceIds: [notice] });
    expect(findings.find((f) => f.ruleId === 'CO-TALK-ATRISK' && f.period.from === '2025-10-01')).toMatchObject({ status: 'met', required: 1, actual: 1, evidenceIds: [talk] });
    // The call of the 15th is the notification, not the follow-up (that starts on the 21st): still 0 of 1.
    expect(findings.find((f) => f.ruleId === 'CO-PARENT-FOLLOWUP')).toMatchObject({ status: 'pending', required: 1, actual: 0 });

    // Wednesday 5 November: a routine call to a's parents is the term's follow-up: 1 of 1.
    const followUp = await submit('2025-11-05', 'parent-contact', { contactedOn: '2025-11-05', studentNumber: a, channel: 'qq', reason: 'routine', notes: '跟踪联系' });
    findings = await counselorStanding('2025-11-05');
    expect(findings.find((f) => f.ruleId === 'CO-PARENT-FOLLOWUP')).toMatchObject({ status: 'met', required: 1, actual: 1, evidenceIds: [followUp] });
  });

  it('CO-TALK-ATRISK: a status lifted before the quarter leaves nobody to talk to in it (not-applicable)', async () => {
    const read = await on('2025-12-01')('GET /tenants/{tenantId}/students/{studentNumber}/statuses', { pathParameters: { tenantId, studentNumber: a }, principal: counselor });
    expect(read.body.items).toHaveLength(1);
    const lift = (principal: Principal, etag: string, clearedOn = '2025-12-01') =>
      on('2025-12-01')('POST /tenants/{tenantId}/students/{studentNumber}/statuses/{statusId}/lifting', { pathParameters: { tenantId, studentNumber: a, statusId: warningOfA }, principal, headers: { 'if-match': etag }, body: { clearedOn } });
    expect((await lift(teacher, '"1"')).status).toBe(403);
    expect((await lift(registrar, '"1"', '2025-10-01')).status).toBe(422); // before it was issued
    expect((await lift(registrar, '"1"', '2025-12-02')).status).toBe(422); // a day still to come
    const lifted = await lift(registrar, '"1"');
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
    expect(lifted.body).toMatchObject({ clearedOn: '2025-12-01', version: 2, lifted: { by: registrar.userId } });
    expect((await lift(registrar, '"1"')).status).toBe(412);
    expect((await lift(registrar, '"2"')).status).toBe(409);
    // January 2026 (1–16, the term's last quarter window): a's warning ended on 1 December.
    const findings = await counselorStanding('2026-01-05');
    expect(findings.find((f) => f.ruleId === 'CO-TALK-ATRISK' && f.period.from === '2026-01-01')).toMatchObject({ status: 'not-applicable', required: 0 });
  });

  it('sanctions are the unit director’s, warnings the registrar’s; reading them is for the class’s staff', async () => {
    const record = (principal: Principal, kind: string) =>
      on('2025-10-20')('POST /tenants/{tenantId}/students/{studentNumber}/statuses', { pathParameters: { tenantId, studentNumber: b }, principal, body: { kind, documentOn: '2025-10-20' } });
    expect((await record(registrar, 'sanction')).status).toBe(403);
    expect((await record(director, 'academic-warning')).status).toBe(403);
    expect((await record(counselor, 'academic-warning')).status).toBe(403);
    expect((await record(director, 'sanction')).status).toBe(201);
    const read = (principal: Principal) => on('2025-10-20')('GET /tenants/{tenantId}/students/{studentNumber}/statuses', { pathParameters: { tenantId, studentNumber: b }, principal });
    expect((await read(teacher)).status).toBe(200);
    expect((await read({ ...teacher, userId: 'teacher-other' })).status).toBe(403);
    expect((await read({ userId: 'sv', tenantId, roles: ['supervisor'] })).status).toBe(403);
  });

  it('an import names every unknown or malformed row by row and field and writes nothing; a good one writes every row', async () => {
    const call = on('2025-11-10');
    const bad = await call('POST /tenants/{tenantId}/imports/statuses', {
      pathParameters: { tenantId },
      principal: registrar,
      body: { statuses: [
        { studentNumber: c, kind: 'status-processing', documentOn: '2025-11-03' },
        { studentNumber: '2611009999999', kind: 'academic-warning', documentOn: '2025-11-03' },
        { studentNumber: c, kind: 'academic-warning', documentOn: '2025-11-20' },
        { studentNumber: c, kind: 'academic-warning', documentOn: '2025-11-03', clearedOn: '2025-11-01' },
      ] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([
      ['#/statuses/1/studentNumber', 'unknown_reference'],
      ['#/statuses/2/documentOn', 'status.document-in-future'],
      ['#/statuses/3/clearedOn', 'status.cleared-before-issued'],
    ]);
    const malformed = await call('POST /tenants/{tenantId}/imports/statuses', { pathParameters: { tenantId }, principal: registrar, body: { statuses: [{ studentNumber: c, kind: 'academic-warning', documentOn: '2025-11-03', grade: 3 }] } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].pointer).toBe('#/statuses/0/grade');
    const read = async () => (await call('GET /tenants/{tenantId}/students/{studentNumber}/statuses', { pathParameters: { tenantId, studentNumber: c }, principal: registrar })).body.items;
    expect(await read()).toEqual([]);

    const good = await call('POST /tenants/{tenantId}/imports/statuses', {
      pathParameters: { tenantId },
      principal: registrar,
      body: { statuses: [{ studentNumber: c, kind: 'status-processing', documentOn: '2025-11-03' }, { studentNumber: c, kind: 'academic-warning', documentOn: '2025-09-15', clearedOn: '2025-10-30' }] },
    });
    expect(good.status, JSON.stringify(good.body)).toBe(201);
    expect(good.body.count).toBe(2);
    expect((await read()).map((s: { kind: string; clearedOn?: string }) => [s.kind, s.clearedOn]).sort()).toEqual([['academic-warning', '2025-10-30'], ['status-processing', undefined]]);
    // A sanction in a registrar's import is not theirs to record: 403, nothing written.
    const refused = await call('POST /tenants/{tenantId}/imports/statuses', { pathParameters: { tenantId }, principal: registrar, body: { statuses: [{ studentNumber: c, kind: 'sanction', documentOn: '2025-11-03' }] } });
    expect(refused.status).toBe(403);
    expect(await read()).toHaveLength(2);
  });
});

describe('tuition from finance (学费)', () => {
  const tenantId = uniqueTenant('tuition');
  const unitId = 'center-t';
  const classId = 'c-t';
  const numbers = ['2611001503001', '2611001503002', '2611001503003', '2611001503004'] as const;
  const staff = staffOf(tenantId, unitId, 't');
  const admin = staff.admin;
  const finance = staff.as('finance');
  const counselor = staff.as('counselor');
  const call = api(new Date('2025-11-10T02:00:00Z'));
  const path = { tenantId, classId, termId: '2025-autumn' };
  const tuitionFinding = async () => {
    const answer = await call('GET /tenants/{tenantId}/classes/{classId}/standing', { pathParameters: { tenantId, classId }, principal: counselor });
    expect(answer.status).toBe(200);
    return answer.body.findings.find((f: { ruleId: string }) => f.ruleId === 'CO-TUITION');
  };

  beforeAll(async () => {
    await setUpTenant(call, admin, unitId, 'college');
    const body = { classId, unitId, name: '会计3班', cohort: 'new', entryTerm: '2025-autumn', counselorId: counselor.userId, students: numbers.map((studentNumber, i) => ({ studentNumber, name: `学生${i + 1}` })) };
    expect((await call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: admin, body })).status).toBe(201);
  });

  it('CO-TUITION: blocked until finance gives figures, then students fully paid over students billed, or by amount as a tenant setting', async () => {
    expect(await tuitionFinding()).toMatchObject({ status: 'blocked', reason: 'no tuition figures for this class and term' });
    const rows = [
      { studentNumber: numbers[0], billed: 4800, paid: 4800 },
      { studentNumber: numbers[1], billed: 4800, paid: 5000 },
      { studentNumber: numbers[2], billed: 4800, paid: 2400.5 },
      { studentNumber: numbers[3], billed: 0, paid: 0 },
    ];
    expect((await call('PUT /tenants/{tenantId}/classes/{classId}/tuition/{termId}', { pathParameters: path, principal: counselor, body: { students: rows } })).status).toBe(403);
    const stranger = await call('PUT /tenants/{tenantId}/classes/{classId}/tuition/{termId}', { pathParameters: path, principal: finance, body: { students: [...rows, { studentNumber: '2611009999999', billed: 1, paid: 1 }] } });
    expect(stranger.status).toBe(422);
    expect(stranger.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/students/4/studentNumber']);
    const set = await call('PUT /tenants/{tenantId}/classes/{classId}/tuition/{termId}', { pathParameters: path, principal: finance, body: { students: rows } });
    expect(set.status, JSON.stringify(set.body)).toBe(201);
    expect(set.headers['etag']).toBe('"1"');
    // Three billed (the fourth owes nothing), two paid in full: 2 / 3 = 0.6667, not above 0.9.
    expect(await tuitionFinding()).toMatchObject({ status: 'pending', measure: 'rate', required: 0.9, actual: 0.6667, params: { minRate: 0.9, byAmount: 0 } });

    // By amount: 14,400 billed, 4,800 + 4,800 (the 5,000 counts up to its 4,800) + 2,400.50 = 12,000.50 paid: 0.83337… → 0.8334.
    const overrides = [{ ruleId: 'CO-TUITION', param: 'byAmount', value: 1, effectiveFrom: '2025-09-01' }];
    const byAmount = await call('PUT /tenants/{tenantId}/configuration', { pathParameters: { tenantId }, principal: admin, headers: { 'if-match': '"1"' }, body: { ...configuration, overrides } });
    expect(byAmount.status, JSON.stringify(byAmount.body)).toBe(200);
    expect(await tuitionFinding()).toMatchObject({ status: 'pending', actual: 0.8334, params: { byAmount: 1 } });
    const notASwitch = await call('PUT /tenants/{tenantId}/configuration', { pathParameters: { tenantId }, principal: admin, headers: { 'if-match': '"2"' }, body: { ...configuration, overrides: [{ ...overrides[0], value: 2 }] } });
    expect(notASwitch.status).toBe(422);

    // Finance records the rest paid (If-Match): 14,400 of 14,400 = 1, above 0.9: met.
    expect((await call('PUT /tenants/{tenantId}/classes/{classId}/tuition/{termId}', { pathParameters: path, principal: finance, body: { students: rows } })).status).toBe(428);
    const paid = await call('PUT /tenants/{tenantId}/classes/{classId}/tuition/{termId}', { pathParameters: path, principal: finance, headers: { 'if-match': '"1"' }, body: { students: rows.map((row) => ({ ...row, paid: Math.max(row.paid, row.billed) })) } });
    expect(paid.status).toBe(200);
    expect(await tuitionFinding()).toMatchObject({ status: 'met', actual: 1 });
    const read = await call('GET /tenants/{tenantId}/classes/{classId}/tuition', { pathParameters: { tenantId, classId }, principal: counselor });
    expect(read.body.items).toMatchObject([{ termId: '2025-autumn', version: 2, updatedBy: finance.userId }]);
  });
});

describe('exam sessions, graduation, teaching hours and recruitment', () => {
  const tenantId = uniqueTenant('facts');
  const unitId = 'center-e';
  const classId = 'c-e';
  const [x, y, z] = ['2611001504001', '2611001504002', '2611001504003'] as const;
  const staff = staffOf(tenantId, unitId, 'e');
  const admin = staff.admin;
  const teacher = staff.as('class-teacher');
  const counselor = staff.as('counselor');
  const academic: Principal = { userId: 'academic-e', tenantId, unitId, roles: ['academic-affairs'] };
  const director = staff.as('center-director');
  const admissions = staff.as('admissions');
  const on = (day: string) => api(new Date(`${day}T02:00:00Z`));
  type F = { ruleId: string; status: string; required: number; actual: number; missingIds?: string[]; period: { key: string; from: string; to: string }; reason?: string };
  const standing = async (day: string, principal: Principal, of: { classId: string } | { userId: string }) => {
    const routeKey = 'classId' in of ? 'GET /tenants/{tenantId}/classes/{classId}/standing' : 'GET /tenants/{tenantId}/staff/{userId}/standing';
    const answer = await on(day)(routeKey, { pathParameters: { tenantId, ...of }, principal });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.findings as F[];
  };

  beforeAll(async () => {
    const call = on('2025-09-01');
    await setUpTenant(call, admin, unitId, 'learning-center');
    for (const userId of [teacher.userId, counselor.userId]) {
      expect((await call('PUT /tenants/{tenantId}/staff/{userId}', { pathParameters: { tenantId, userId }, principal: admin, body: { name: '老师', unitId } })).status).toBe(201);
    }
    const body = { classId, unitId, name: '会计4班', cohort: 'new', entryTerm: '2025-autumn', classTeacherId: teacher.userId, counselorId: counselor.userId, students: [x, y, z].map((studentNumber, i) => ({ studentNumber, name: `学生${i + 1}` })) };
    expect((await call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: admin, body })).status).toBe(201);
  });

  it('CT-EXAM-BOOKING, CT-EXAM-NOTICE: an exam session from academic affairs, followed up by phone and SMS through the API', async () => {
    const session = { bookingOpensOn: '2025-11-01', bookingClosesOn: '2025-11-10', examOn: '2025-11-20', unbookedStudents: [x, y], unconfirmedStudents: [z] };
    const path = { tenantId, classId, examId: 'final-2025' };
    expect((await on('2025-11-08')('PUT /tenants/{tenantId}/classes/{classId}/exams/{examId}', { pathParameters: path, principal: teacher, body: session })).status).toBe(403);
    const misordered = await on('2025-11-08')('PUT /tenants/{tenantId}/classes/{classId}/exams/{examId}', { pathParameters: path, principal: academic, body: { ...session, examOn: '2025-11-05' } });
    expect(misordered.status).toBe(422);
    expect(misordered.body.errors[0].pointer).toBe('#/examOn');
    expect((await on('2025-11-08')('PUT /tenants/{tenantId}/classes/{classId}/exams/{examId}', { pathParameters: path, principal: academic, body: session })).status).toBe(201);
    // The last 2 days of booking are 9–10 November; on the 9th, x is phoned and y not yet: 1 of 2.
    const call = await on('2025-11-09')('POST /tenants/{tenantId}/records', { pathParameters: { tenantId }, principal: teacher, body: { kind: 'exam-booking-followup', classId, content: { examId: 'final-2025', contactedOn: '2025-11-09', students: [x], channel: 'phone' } } });
    expect(call.status).toBe(201);
    const booking = (await standing('2025-11-09', teacher, { classId })).find((f) => f.ruleId === 'CT-EXAM-BOOKING');
    expect(booking).toMatchObject({ status: 'pending', required: 2, actual: 1, missingIds: [y], period: { key: 'exam:final-2025', from: '2025-11-09', to: '2025-11-10' } });
    // Two days before the exam (18–19 November): z, who had not confirmed, gets an SMS on the 18th: 1 of 1.
    const sms = await on('2025-11-18')('POST /tenants/{tenantId}/records', { pathParameters: { tenantId }, principal: teacher, body: { kind: 'exam-notice-followup', classId, content: { examId: 'final-2025', contactedOn: '2025-11-18', students: [z], channel: 'sms' } } });
    expect(sms.status).toBe(201);
    const notice = (await standing('2025-11-18', teacher, { classId })).find((f) => f.ruleId === 'CT-EXAM-NOTICE');
    expect(notice).toMatchObject({ status: 'met', required: 1, actual: 1, period: { from: '2025-11-18', to: '2025-11-19' } });
  });

  it('CO-TEACHING-LOAD: the hours academic affairs records for the counselor, at most 54', async () => {
    const path = { tenantId, userId: counselor.userId, termId: '2025-autumn' };
    expect((await on('2025-11-10')('PUT /tenants/{tenantId}/staff/{userId}/teaching-hours/{termId}', { pathParameters: path, principal: counselor, body: { hours: 30 } })).status).toBe(403);
    expect((await on('2025-11-10')('PUT /tenants/{tenantId}/staff/{userId}/teaching-hours/{termId}', { pathParameters: path, principal: director, body: { hours: 60 } })).status).toBe(201);
    // 60 > 54: missed even before the term ends.
    expect((await standing('2025-11-10', counselor, { userId: counselor.userId })).find((f) => f.ruleId === 'CO-TEACHING-LOAD')).toMatchObject({ status: 'missed', required: 54, actual: 60 });
    expect((await on('2025-11-10')('PUT /tenants/{tenantId}/staff/{userId}/teaching-hours/{termId}', { pathParameters: path, principal: academic, headers: { 'if-match': '"1"' }, body: { hours: 48 } })).status).toBe(200);
    expect((await standing('2025-11-10', counselor, { userId: counselor.userId })).find((f) => f.ruleId === 'CO-TEACHING-LOAD')).toMatchObject({ status: 'pending', actual: 48 });
  });

  it('CT-RECRUIT: blocked, saying so, until a target is set; then the result against it', async () => {
    const before = (await standing('2025-11-10', teacher, { userId: teacher.userId })).filter((f) => f.ruleId === 'CT-RECRUIT');
    expect(before.map((f) => f.status)).toEqual(['blocked', 'blocked']);
    expect(before[0]?.reason).toMatch(/no (referral|continuation) target set for teacher-e this term/);
    const path = { tenantId, userId: teacher.userId, termId: '2025-autumn' };
    const set = await on('2025-11-10')('PUT /tenants/{tenantId}/staff/{userId}/recruitment/{termId}', { pathParameters: path, principal: admissions, body: { referral: { target: 2, result: 1 }, continuation: { result: 3 } } });
    expect(set.status, JSON.stringify(set.body)).toBe(201);
    const after = await standing('2025-11-10', teacher, { userId: teacher.userId });
    // Referral: 1 of the 2 set, checked a week after the term ends (23 January 2026): pending. Continuation has no target yet.
    expect(after.find((f) => f.period.key === '2025-autumn/referral')).toMatchObject({ ruleId: 'CT-RECRUIT', status: 'pending', required: 2, actual: 1 });
    expect(after.find((f) => f.period.key === '2025-autumn/continuation')).toMatchObject({ ruleId: 'CT-RECRUIT', status: 'blocked', actual: 3 });
    const figures = await on('2025-11-10')('GET /tenants/{tenantId}/staff/{userId}/term-figures', { pathParameters: { tenantId, userId: teacher.userId }, principal: teacher });
    expect(figures.body.recruitment).toMatchObject([{ termId: '2025-autumn', referral: { target: 2, result: 1 }, updatedBy: admissions.userId }]);
  });

  it('CT-ARCHIVE: a month from the graduation the registrar or director sets, for the graduating students', async () => {
    const path = { tenantId, classId };
    const strangers = await on('2025-12-20')('PUT /tenants/{tenantId}/classes/{classId}/graduation', { pathParameters: path, principal: director, body: { graduatesOn: '2025-12-20', studentNumbers: [x, '2611009999999'] } });
    expect(strangers.status).toBe(422);
    expect(strangers.body.errors[0].pointer).toBe('#/studentNumbers/1');
    expect((await on('2025-12-20')('PUT /tenants/{tenantId}/classes/{classId}/graduation', { pathParameters: path, principal: director, body: { graduatesOn: '2025-12-20', studentNumbers: [x, y] } })).status).toBe(201);
    // Graduation on 20 December: files of x and y are due in the archive room by 20 January 2026.
    const archive = (await standing('2025-12-20', teacher, { classId })).find((f) => f.ruleId === 'CT-ARCHIVE');
    expect(archive).toMatchObject({ status: 'pending', required: 2, actual: 0, missingIds: [x, y], period: { key: 'graduation:2025-12-20', from: '2025-12-20', to: '2026-01-20' } });
    // The class teacher hands both graduates' files to the archive room (seed 000 学籍档案整理 4): 2 of 2.
    const handover = await on('2025-12-22')('POST /tenants/{tenantId}/records', { pathParameters: { tenantId }, principal: teacher, body: { kind: 'archive-handover', classId, content: { handedOverOn: '2025-12-22', students: [x, y], receivedBy: '档案室' } } });
    expect(handover.status, JSON.stringify(handover.body)).toBe(201);
    expect((await standing('2025-12-22', teacher, { classId })).find((f) => f.ruleId === 'CT-ARCHIVE')).toMatchObject({ status: 'met', required: 2, actual: 2 });
  });
});

describe("the registrar's and class teacher's own records", () => {
  const tenantId = uniqueTenant('regwork');
  const unitId = 'center-g';
  const classId = 'c-g';
  const [p, q] = ['2611001505001', '2611001505002'] as const;
  const staff = staffOf(tenantId, unitId, 'g');
  const admin = staff.admin;
  const registrar = staff.as('registrar');
  const teacher = staff.as('class-teacher');
  const call = api(new Date('2026-03-06T02:00:00Z')); // Friday of the spring term's first week
  const submit = async (principal: Principal, kind: string, content: unknown, withClass = false) => {
    const answer = await call('POST /tenants/{tenantId}/records', { pathParameters: { tenantId }, principal, body: { kind, ...(withClass ? { classId } : {}), content } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.recordId as string;
  };
  const registrarFindings = async () => {
    const answer = await call('GET /tenants/{tenantId}/staff/{userId}/standing', { pathParameters: { tenantId, userId: registrar.userId }, principal: registrar });
    expect(answer.status).toBe(200);
    return answer.body.findings as { ruleId: string; status: string; required: number; actual: number; period: { key: string; to: string }; evidenceIds: string[] }[];
  };

  beforeAll(async () => {
    await setUpTenant(call, admin, unitId, 'learning-center');
    const body = { classId, unitId, name: '会计5班', cohort: 'new', entryTerm: '2025-autumn', classTeacherId: teacher.userId, students: [p, q].map((studentNumber, i) => ({ studentNumber, name: `学生${i + 1}` })) };
    expect((await call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: admin, body })).status).toBe(201);
    const staffed = await call('PUT /tenants/{tenantId}/classes/{classId}/staff', { pathParameters: { tenantId, classId }, principal: admin, headers: { 'if-match': '"1"' }, body: { classTeacherId: teacher.userId, counselorId: null, registrarId: registrar.userId } });
    expect(staffed.status).toBe(200);
  });

  it('REG-ARCHIVE-PAPERS, REG-MAKEUP-EXAM, REG-MAKEUP-RESULTS, REG-REGISTRATION, REG-UNREGISTERED-LIST: met by records only registrars (and the class teacher, for the list) submit', async () => {
    // A class teacher cannot submit the registrar's work.
    const refused = await call('POST /tenants/{tenantId}/records', { pathParameters: { tenantId }, principal: teacher, body: { kind: 'makeup-exam', content: { heldOn: '2026-03-05', courses: ['大学英语B'], examinees: 4 } } });
    expect(refused.status).toBe(403);
    const before = await registrarFindings();
    // Spring term from Monday 2 March: papers due within its first 7 days (by 8 March), make-up exam by the end of week 2 (15 March).
    expect(before.find((f) => f.ruleId === 'REG-ARCHIVE-PAPERS')).toMatchObject({ status: 'pending', actual: 0, period: { to: '2026-03-08' } });
    expect(before.find((f) => f.ruleId === 'REG-MAKEUP-EXAM')).toMatchObject({ status: 'pending', actual: 0, period: { to: '2026-03-15' } });

    const papers = await submit(registrar, 'papers-archive', { covers: '2025-autumn', archivedOn: '2026-03-04' });
    const makeup = await submit(registrar, 'makeup-exam', { heldOn: '2026-03-05', courses: ['大学英语B'], examinees: 4 });
    const registration = await submit(registrar, 'registration', { covers: '2026-spring', registeredOn: '2026-03-05', registered: 2 }, true);
    // The tenant's numbers are 13 digits: the list counts (seed 003's "8位学号" was that school's format).
    const list = await submit(teacher, 'unregistered-list', { covers: '2026-spring', unpaid: [p], unregistered: [] }, true);
    let findings = await registrarFindings();
    expect(findings.find((f) => f.ruleId === 'REG-ARCHIVE-PAPERS')).toMatchObject({ status: 'met', actual: 1, evidenceIds: [papers] });
    expect(findings.find((f) => f.ruleId === 'REG-MAKEUP-EXAM')).toMatchObject({ status: 'met', actual: 1, evidenceIds: [makeup] });
    expect(findings.find((f) => f.ruleId === 'REG-REGISTRATION')).toMatchObject({ status: 'met', actual: 1, evidenceIds: [registration] });
    expect(findings.find((f) => f.ruleId === 'REG-UNREGISTERED-LIST')).toMatchObject({ status: 'met', actual: 1, evidenceIds: [list] });
    // Results within 7 days of the make-up exam (5 → 12 March): none yet, then reported on the 6th.
    expect(findings.find((f) => f.ruleId === 'REG-MAKEUP-RESULTS')).toMatchObject({ status: 'pending', actual: 0, period: { key: `makeup:${makeup}`, to: '2026-03-12' } });
    const results = await submit(registrar, 'makeup-results', { reportedOn: '2026-03-06', makeupExamId: makeup });
    findings = await registrarFindings();
    expect(findings.find((f) => f.ruleId === 'REG-MAKEUP-RESULTS')).toMatchObject({ status: 'met', actual: 1, evidenceIds: [results] });
  });
});
