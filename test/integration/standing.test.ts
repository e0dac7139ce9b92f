import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { configFromEnv, createDependencies, type Dependencies } from '../../functions/composition.js';
import { recordRoutes } from '../../functions/http/records.js';
import { handler as configurationHandler } from '../../functions/http/configuration.js';
import { httpFunction, type Route } from '../../functions/http/kit/http-function.js';
import { handler as rosterHandler } from '../../functions/http/roster.js';
import { standingRoutes } from '../../functions/http/standing.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { seedSchool } from '../support/school.js';
import { classBody, principals } from '../support/fixtures.js';
import { classMeeting } from '../support/records.js';

const configurationRoute = '/tenants/{tenantId}/configuration';
const configuration = {
  academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }],
  terms: [
    { id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' },
    { id: '2026-spring', start: '2026-03-02', end: '2026-07-10', academicYearId: '2025-2026' },
  ],
};

/** Routes as deployed, with the clock stopped at `now`, so a term can be replayed. */
const at = (routes: Readonly<Record<string, Route<Dependencies, any>>>, now: Date) =>
  httpFunction(routes, () => createDependencies(configFromEnv(), { now: () => now }));
const midTerm = new Date('2025-11-10T02:00:00Z');
const standingAt = (now: Date) => at(standingRoutes, now);

describe('tenant configuration', () => {
  const tenantId = uniqueTenant('config');
  const who = principals(tenantId, 'u1');
  const put = (body: unknown, headers: Record<string, string> = {}, principal: Principal = who.admin) =>
    invoke(configurationHandler, {
      routeKey: `PUT ${configurationRoute}`,
      pathParameters: { tenantId },
      principal,
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('is created once, then changed only with the ETag of the revision read (no silent overwrite)', async () => {
    const created = await put(configuration);
    expect(created.status).toBe(201);
    expect(created.headers['etag']).toBe('"1"');

    const read = await invoke(configurationHandler, { routeKey: `GET ${configurationRoute}`, pathParameters: { tenantId }, principal: who.teacher });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ revision: 1, updatedBy: 'admin-1', terms: configuration.terms });

    expect((await put(configuration)).status).toBe(428);
    const changed = await put({ ...configuration, minWorkingDaysPerWindow: 2 }, { 'if-match': '"1"' });
    expect(changed.status).toBe(200);
    expect(changed.headers['etag']).toBe('"2"');
    const stale = await put(configuration, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    const after = await invoke(configurationHandler, { routeKey: `GET ${configurationRoute}`, pathParameters: { tenantId }, principal: who.admin });
    expect(after.body).toMatchObject({ revision: 2, minWorkingDaysPerWindow: 2 });
  });

  it('answers 422 naming each inconsistency, and 400 for an If-Match that is not an ETag', async () => {
    const response = await put({
      academicYears: configuration.academicYears,
      terms: [
        { id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' },
        { id: '2026-spring', start: '2026-01-10', end: '2026-09-30', academicYearId: '2025-2026' },
      ],
      overrides: [
        { ruleId: 'CO-TALK-RATIO', param: 'nonsense', value: 1, effectiveFrom: '2025-09-01' },
        { ruleId: 'CO-NOTHING', param: 'x', value: 1, effectiveFrom: '2025-09-01' },
        // Half a day, and 90 % written as 90: both would make nonsense of the deadlines and rates.
        { ruleId: 'CT-SUMMARY-TERM', param: 'daysAfterEnd', value: 0.5, effectiveFrom: '2025-09-01' },
        { ruleId: 'CO-TUITION', param: 'minRate', value: 90, effectiveFrom: '2025-09-01' },
      ],
      // A school closure that ends before it starts, and a make-up day of another year.
      holidays: { extensions: [{ year: 2026, holidays: [{ name: '校庆', from: '2026-12-02', to: '2026-12-01' }], makeUpWorkdays: ['2027-01-09'], source: '校历' }] },
    }, { 'if-match': '"2"' });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '#/holidays/extensions/0/holidays/0/to',
      '#/holidays/extensions/0/makeUpWorkdays/0',
      '#/overrides/0/param',
      '#/overrides/1/ruleId',
      '#/overrides/2/value',
      '#/overrides/3/value',
      '#/terms/1',
      '#/terms/1/start',
    ]);
    expect((await put(configuration, { 'if-match': 'latest' })).status).toBe(400);
  });

  it('is changed by tenant admins only', async () => {
    expect((await put(configuration, { 'if-match': '"2"' }, who.director)).status).toBe(403);
  });
});

describe('where do I stand (CT-MEETING-NEW, live records)', () => {
  const tenantId = uniqueTenant('standing');
  const unitId = 'center-01';
  const who = principals(tenantId, unitId);
  const classId = 'class-s';
  let meetingId: string;

  beforeAll(async () => {
    await seedSchool(who.admin, unitId, [classBody(classId, unitId, ['2511001301001', '2511001301002', '2511001301003'])]);
    // Submitted the evening of the meeting: evidence counts only if it arrived by "as of".
    const meeting = await invoke(at(recordRoutes, new Date('2025-09-12T12:00:00Z')), {
      routeKey: 'POST /tenants/{tenantId}/records',
      pathParameters: { tenantId },
      principal: who.teacher,
      body: classMeeting(classId, ['2511001301001', '2511001301002'], { kind: 'orientation' }),
    });
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.recordId;
  });

  const createClass = (body: Record<string, unknown>) =>
    invoke(rosterHandler, { routeKey: 'POST /tenants/{tenantId}/classes', pathParameters: { tenantId }, principal: who.admin, body });

  const classStanding = (principal = who.teacher, now = midTerm) =>
    invoke(standingAt(now), {
      routeKey: 'GET /tenants/{tenantId}/classes/{classId}/standing',
      pathParameters: { tenantId, classId },
      principal,
    });

  it('answers 409 while the tenant has no configuration', async () => {
    const response = await classStanding();
    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/configuration/);
  });

  it('shows the class meeting quota as pending, with what remains and the evidence', async () => {
    const configured = await invoke(configurationHandler, {
      routeKey: `PUT ${configurationRoute}`,
      pathParameters: { tenantId },
      principal: who.admin,
      body: configuration,
    });
    expect(configured.status).toBe(201);

    const response = await classStanding();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ termId: '2025-autumn', configurationRevision: 1, warnings: [] });
    const meetings = response.body.findings.find((f: { ruleId: string }) => f.ruleId === 'CT-MEETING-NEW');
    expect(meetings).toMatchObject({
      subject: { kind: 'class', id: classId },
      status: 'pending',
      required: 3,
      actual: 1,
      remaining: 2,
      evidenceIds: [meetingId],
    });
    // The returning-class quota does not apply to a class in its first term.
    const returning = response.body.findings.find((f: { ruleId: string }) => f.ruleId === 'CT-MEETING-OLD');
    expect(returning?.status ?? 'not-applicable').toBe('not-applicable');
  });

  it('gives the class teacher the same item in their own standing, and refuses it to a colleague', async () => {
    const own = await invoke(standingAt(midTerm), {
      routeKey: 'GET /tenants/{tenantId}/staff/{userId}/standing',
      pathParameters: { tenantId, userId: 'teacher-1' },
      principal: who.teacher,
    });
    expect(own.status).toBe(200);
    expect(own.body.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('CT-MEETING-NEW');
    const colleague = await invoke(standingAt(midTerm), {
      routeKey: 'GET /tenants/{tenantId}/staff/{userId}/standing',
      pathParameters: { tenantId, userId: 'teacher-1' },
      principal: who.otherTeacher,
    });
    expect(colleague.status).toBe(403);
  });

  it('evaluates a class that enrolled before every configured term as returning, instead of skipping it', async () => {
    const created = await createClass({ ...classBody('class-2024', unitId, []), cohort: 'returning', entryTerm: '2024-autumn' });
    expect(created.status).toBe(201);
    const response = await invoke(standingAt(midTerm), { routeKey: 'GET /tenants/{tenantId}/classes/{classId}/standing', pathParameters: { tenantId, classId: 'class-2024' }, principal: who.director });
    expect(response.body.warnings).toEqual([]);
    const statusOf = (ruleId: string) => response.body.findings.find((f: { ruleId: string }) => f.ruleId === ruleId)?.status;
    expect(statusOf('CT-MEETING-OLD')).toBe('pending');
    expect(statusOf('CT-MEETING-NEW')).toBe('not-applicable');

    // A class cannot be returning in the term it enters (the term in force here is 2026-spring).
    const contradictory = await createClass({ ...classBody('class-2026', unitId, []), cohort: 'returning', entryTerm: '2026-spring' });
    expect(contradictory.status).toBe(422);
    expect(contradictory.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([['#/cohort', 'class.cohort-contradicts-entry-term']]);
  });

  it('counts a class set up mid-term from its enrolment day: its committee election is still ahead (CT-COMMITTEE)', async () => {
    expect((await createClass({ ...classBody('class-late', unitId, []), enrolledOn: '2025-11-03' })).status).toBe(201);
    const response = await invoke(standingAt(midTerm), { routeKey: 'GET /tenants/{tenantId}/classes/{classId}/standing', pathParameters: { tenantId, classId: 'class-late' }, principal: who.director });
    const committee = response.body.findings.find((f: { ruleId: string }) => f.ruleId === 'CT-COMMITTEE');
    expect(committee).toMatchObject({ status: 'pending' });
    expect(committee.period.dueBy > '2025-11-10').toBe(true);
  });

  it('keeps the class’s progress when it is handed over: the former teacher’s meeting still counts', async () => {
    const handedOver = await invoke(rosterHandler, {
      routeKey: 'PUT /tenants/{tenantId}/classes/{classId}/staff',
      pathParameters: { tenantId, classId },
      principal: who.director,
      body: { classTeacherId: 'teacher-2', counselorId: null },
      headers: { 'content-type': 'application/json', 'if-match': '"1"' },
    });
    expect(handedOver.status).toBe(200);
    const response = await classStanding(who.otherTeacher);
    const meetings = response.body.findings.find((f: { ruleId: string }) => f.ruleId === 'CT-MEETING-NEW');
    expect(meetings).toMatchObject({ actual: 1, evidenceIds: [meetingId] });
  });

  it('evaluates a class once for someone who is both its class teacher and its counselor', async () => {
    const dual = await createClass({ ...classBody('class-dual', unitId, []), classTeacherId: 'both-roles', counselorId: 'both-roles' });
    expect(dual.status).toBe(201);
    const own = await invoke(standingAt(midTerm), {
      routeKey: 'GET /tenants/{tenantId}/staff/{userId}/standing',
      pathParameters: { tenantId, userId: 'both-roles' },
      principal: { userId: 'both-roles', tenantId, unitId, roles: ['class-teacher', 'counselor'] },
    });
    expect(own.status).toBe(200);
    const keys = own.body.findings.map((f: { key: string }) => f.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
    // Both roles' duties are there.
    expect(own.body.findings.some((f: { ruleId: string }) => f.ruleId.startsWith('CT-'))).toBe(true);
    expect(own.body.findings.some((f: { ruleId: string }) => f.ruleId.startsWith('CO-'))).toBe(true);
  });

  it('before the first term, and between terms, shows what the coming term needs before it starts (CT-PLAN-TERM)', async () => {
    const staffStanding = (now: Date) =>
      invoke(standingAt(now), { routeKey: 'GET /tenants/{tenantId}/staff/{userId}/standing', pathParameters: { tenantId, userId: 'teacher-2' }, principal: who.otherTeacher });
    const planOf = (response: Awaited<ReturnType<typeof staffStanding>>) =>
      response.body.findings.find((f: { ruleId: string }) => f.ruleId === 'CT-PLAN-TERM');
    // Before any term: the first term's plan, due before it starts.
    const before = await staffStanding(new Date('2025-08-20T02:00:00Z'));
    expect(before.status).toBe(200);
    expect(before.body.termId).toBe('2025-autumn');
    expect(planOf(before)).toMatchObject({ status: 'pending', period: { key: '2025-autumn', dueBy: '2025-09-01T00:00:00+08:00' } });
    // Between terms: the spring plan beside what the autumn term still has open.
    const between = await staffStanding(new Date('2026-02-20T02:00:00Z'));
    expect(between.body.termId).toBe('2025-autumn');
    expect(planOf(between)).toMatchObject({ status: 'pending', period: { key: '2026-spring', dueBy: '2026-03-02T00:00:00+08:00' } });
  });
});

describe('CO-TEACHER-CONTACT: every course teacher of the term contacted', () => {
  const tenantId = uniqueTenant('teachers');
  const unitId = 'center-01';
  const who = principals(tenantId, unitId);
  const classId = 'class-t';
  const counselor: Principal = { userId: 'counselor-1', tenantId, unitId, roles: ['counselor'] };
  const setTeachers = (teacherIds: string[], ifMatch?: string) =>
    invoke(rosterHandler, {
      routeKey: 'PUT /tenants/{tenantId}/classes/{classId}/course-teachers/{termId}',
      pathParameters: { tenantId, classId, termId: '2025-autumn' },
      principal: who.director,
      body: { teacherIds },
      headers: { 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    });

  beforeAll(async () => {
    await seedSchool(who.admin, unitId, [{ ...classBody(classId, unitId, ['2511001801001']), counselorId: 'counselor-1' }]);
    expect((await invoke(configurationHandler, { routeKey: `PUT ${configurationRoute}`, pathParameters: { tenantId }, principal: who.admin, body: configuration })).status).toBe(201);
  });

  it('keeps a term’s course teachers, changed only with If-Match', async () => {
    expect((await setTeachers(['t-math'])).status).toBe(201);
    expect((await setTeachers(['t-math', 't-english'])).status).toBe(428);
    const changed = await setTeachers(['t-math', 't-english'], '"1"');
    expect(changed.status).toBe(200);
    expect(changed.headers['etag']).toBe('"2"');
    expect((await setTeachers(['t-math'], '"1"')).status).toBe(412);
  });

  it('shows which course teacher the counselor has yet to contact', async () => {
    const contact = await invoke(at(recordRoutes, new Date('2025-10-09T08:00:00Z')), {
      routeKey: 'POST /tenants/{tenantId}/records',
      pathParameters: { tenantId },
      principal: counselor,
      body: { kind: 'course-teacher-contact', classId, content: { contactedOn: '2025-10-09', courseTeacherId: 't-math', channel: 'phone', notes: '了解出勤' } },
    });
    expect(contact.status).toBe(201);
    const response = await invoke(standingAt(midTerm), {
      routeKey: 'GET /tenants/{tenantId}/classes/{classId}/standing',
      pathParameters: { tenantId, classId },
      principal: counselor,
    });
    const finding = response.body.findings.find((f: { ruleId: string }) => f.ruleId === 'CO-TEACHER-CONTACT');
    expect(finding).toMatchObject({ status: 'pending', required: 2, actual: 1, missingIds: ['t-english'], evidenceIds: [contact.body.recordId] });
  });
});

describe("a unit's director reads the standing of the unit's class teachers (seed 000 §2.4: the center head checks them)", () => {
  const tenantId = uniqueTenant('director-standing');
  const unitId = 'center-01';
  const who = principals(tenantId, unitId);
  const staffStanding = (userId: string, principal: Principal, headers: Record<string, string> = {}) =>
    invoke(standingAt(midTerm), { routeKey: 'GET /tenants/{tenantId}/staff/{userId}/standing', pathParameters: { tenantId, userId }, principal, headers });
  const classIdsOf = (body: { findings: { subject: { kind: string; id: string } }[] }) =>
    [...new Set(body.findings.filter((f) => f.subject.kind === 'class').map((f) => f.subject.id))].sort();

  beforeAll(async () => {
    // teacher-1 serves class-a of center-01; the unrecorded "wanderer" one class here and one in the other unit.
    await seedSchool(who.admin, unitId, [classBody('class-a', unitId, ['2511001901001']), { ...classBody('class-w1', unitId, []), classTeacherId: 'wanderer' }]);
    await seedSchool(who.admin, 'elsewhere', [{ ...classBody('class-w2', 'elsewhere', []), classTeacherId: 'wanderer' }]);
    const recorded = await invoke(rosterHandler, {
      routeKey: 'PUT /tenants/{tenantId}/staff/{userId}',
      pathParameters: { tenantId, userId: 'teacher-3' },
      principal: who.admin,
      body: { name: '李老师', unitId },
      headers: { 'content-type': 'application/json' },
    });
    expect(recorded.status).toBe(201);
    const configured = await invoke(configurationHandler, { routeKey: `PUT ${configurationRoute}`, pathParameters: { tenantId }, principal: who.admin, body: configuration });
    expect(configured.status).toBe(201);
  });

  it('lets the director of center-01 read a class teacher serving one of its classes, and one the directory records there', async () => {
    const serving = await staffStanding('teacher-1', who.director);
    expect(serving.status).toBe(200);
    expect(classIdsOf(serving.body)).toEqual(['class-a']);
    // teacher-3 serves no class yet, so no duty binds them: an empty standing, not a refusal.
    const recorded = await staffStanding('teacher-3', who.director);
    expect(recorded.status).toBe(200);
    expect(recorded.body.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([]);
  });

  it("refuses another unit's director (403, in the caller's language)", async () => {
    const refused = await staffStanding('teacher-1', who.otherDirector, { 'accept-language': 'zh-CN' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('只有教职工本人、其所在单位或所带班级所属单位的负责人、机构管理员或督导可以查看其工作完成情况');
    expect((await staffStanding('teacher-3', who.otherDirector)).status).toBe(403);
  });

  it("shows a director only their own unit's classes of someone who serves classes of two units", async () => {
    const own = await staffStanding('wanderer', { userId: 'wanderer', tenantId, unitId, roles: ['class-teacher'] });
    expect(classIdsOf(own.body)).toEqual(['class-w1', 'class-w2']);
    const here = await staffStanding('wanderer', who.director);
    expect(classIdsOf(here.body)).toEqual(['class-w1']);
    const there = await staffStanding('wanderer', who.otherDirector);
    expect(classIdsOf(there.body)).toEqual(['class-w2']);
  });
});
