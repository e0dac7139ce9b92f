/**
 * Programmes, results, corrections, certificates and the warning run, through the handlers
 * against DynamoDB Local. Every expected figure is worked out by hand beside its assertion.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal, Role } from '../../domain/access.js';
import type { Dependencies } from '../../functions/composition.js';
import { academicRoutes } from '../../functions/http/academics.js';
import { classFactRoutes } from '../../functions/http/class-facts.js';
import { configurationRoutes } from '../../functions/http/configuration.js';
import type { Route } from '../../functions/http/kit/http-function.js';
import { privacyRoutes } from '../../functions/http/privacy.js';
import { recordRoutes } from '../../functions/http/records.js';
import { rosterRoutes } from '../../functions/http/roster.js';
import { standingRoutes } from '../../functions/http/standing.js';
import { statusRoutes } from '../../functions/http/student-status.js';
import { twoAcademicYears } from '../support/fixtures.js';
import { uniqueTenant } from '../support/events.js';
import { clockedRoutes } from '../support/clocked-routes.js';

const allRoutes: Readonly<Record<string, Route<Dependencies, any>>> = { ...rosterRoutes, ...recordRoutes, ...configurationRoutes, ...standingRoutes, ...statusRoutes, ...classFactRoutes, ...privacyRoutes, ...academicRoutes };

/** Every route as deployed, with the clock stopped at 10:00 in Beijing on `day`. */
const { on } = clockedRoutes(allRoutes);
const call = on('2026-01-20');

const tenantId = uniqueTenant('academics');
const unitId = 'center-a';
const classId = 'c-acc';
const person = (role: Role, userId: string = role): Principal => ({ userId, tenantId, unitId, roles: [role] });
const admin = person('tenant-admin', 'admin-a');
const registrar = person('registrar', 'registrar-a');
const otherRegistrar = person('registrar', 'registrar-b');
const mathTeacher = person('course-teacher', 'ct-math');
const strangerTeacher = person('course-teacher', 'ct-other');
const classTeacher = person('class-teacher', 'teacher-a');
const counselor = person('counselor', 'counselor-a');
const director = person('center-director', 'director-a');
const [s1, s2, s3, s4, s5, s6] = ['2611001701001', '2611001701002', '2611001701003', '2611001701004', '2611001701005', '2611001701006'] as const;

const configuration = twoAcademicYears;
/** 会计学 (本科, 开放教育): 12 credits offered, 10 required. */
const accounting = {
  name: '会计学',
  level: 'undergraduate',
  studentType: 'open-education',
  requiredCredits: 10,
  courses: [
    { code: 'C1', name: '基础会计', credits: 4, programmeTerm: 1, degreeCourse: true },
    { code: 'C2', name: '经济数学', credits: 3, programmeTerm: 1, degreeCourse: false },
    { code: 'C3', name: '管理学', credits: 2, programmeTerm: 1, degreeCourse: false },
    { code: 'C4', name: '财务管理', credits: 2, programmeTerm: 2, degreeCourse: false },
    { code: 'C5', name: '审计学', credits: 1, programmeTerm: 2, degreeCourse: false },
  ],
};

const ok = (answer: { status: number; body: unknown }, status: number) => expect(answer.status, JSON.stringify(answer.body)).toBe(status);
const pointers = (answer: { body: { errors?: { pointer: string; code: string }[] } }) => (answer.body.errors ?? []).map((e) => `${e.pointer} ${e.code}`);
const enter = (principal: Principal, student: string, term: string, course: string, score: number) =>
  call('PUT /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}', { pathParameters: { tenantId, studentNumber: student, termId: term, courseCode: course }, principal, body: { score } });
const transcript = (principal: Principal, student: string, day = '2026-01-20') => on(day)('GET /tenants/{tenantId}/students/{studentNumber}/results', { pathParameters: { tenantId, studentNumber: student }, principal });

beforeAll(async () => {
  ok(await call('POST /tenants/{tenantId}/units', { pathParameters: { tenantId }, principal: admin, body: { unitId, name: '杭州学习中心', kind: 'learning-center' } }), 201);
  ok(await call('PUT /tenants/{tenantId}/configuration', { pathParameters: { tenantId }, principal: admin, body: configuration }), 201);
  const students = [s1, s2, s3, s4, s5, s6].map((studentNumber, i) => ({ studentNumber, name: `学生${i + 1}` }));
  const body = { classId, unitId, name: '会计1班', cohort: 'new', entryTerm: '2025-autumn', classTeacherId: classTeacher.userId, counselorId: counselor.userId, students };
  ok(await call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: admin, body }), 201);
  ok(await call('PUT /tenants/{tenantId}/classes/{classId}/course-teachers/{termId}', { pathParameters: { tenantId, classId, termId: '2025-autumn' }, principal: admin, body: { teacherIds: [mathTeacher.userId] } }), 201);
  ok(await call('PUT /tenants/{tenantId}/programmes/{majorId}', { pathParameters: { tenantId, majorId: 'acc-bk' }, principal: registrar, body: accounting }), 201);
  ok(await call('PUT /tenants/{tenantId}/units/{unitId}/offerings/{termId}', { pathParameters: { tenantId, unitId, termId: '2025-autumn' }, principal: admin, body: { grades: [{ grade: '2025-autumn', majorIds: ['acc-bk'] }] } }), 201);
  // s6 stays without a major.
  for (const student of [s1, s2, s3, s4, s5]) {
    ok(await call('PUT /tenants/{tenantId}/students/{studentNumber}/programme', { pathParameters: { tenantId, studentNumber: student }, principal: registrar, body: { majorId: 'acc-bk', grade: '2025-autumn' } }), 201);
  }
});

describe('programmes, courses and a student’s major', () => {
  it('programmes are kept by the tenant admin and registrars only', async () => {
    const put = (principal: Principal) => call('PUT /tenants/{tenantId}/programmes/{majorId}', { pathParameters: { tenantId, majorId: 'law-zk' }, principal, body: { ...accounting, name: '法学', level: 'junior-college' } });
    for (const principal of [classTeacher, counselor, director, mathTeacher]) ok(await put(principal), 403);
    ok(await put(admin), 201);
    // A second write without If-Match would overwrite unseen: 428; with the version read, 200.
    ok(await put(admin), 428);
    const changed = await call('PUT /tenants/{tenantId}/programmes/{majorId}', { pathParameters: { tenantId, majorId: 'law-zk' }, principal: registrar, headers: { 'if-match': '"1"' }, body: { ...accounting, name: '法学（专科）', level: 'junior-college' } });
    ok(changed, 200);
    expect(changed.body).toMatchObject({ majorId: 'law-zk', name: '法学（专科）', version: 2 });
  });

  it('a programme whose courses cannot give its required credits is refused, naming requiredCredits', async () => {
    // The five courses give 4 + 3 + 2 + 2 + 1 = 12 credits: 13 required cannot be reached.
    const answer = await call('PUT /tenants/{tenantId}/programmes/{majorId}', { pathParameters: { tenantId, majorId: 'acc-x' }, principal: admin, body: { ...accounting, requiredCredits: 13 } });
    ok(answer, 422);
    expect(pointers(answer)).toEqual(['#/requiredCredits programme.credits-unreachable']);
    const twice = await call('PUT /tenants/{tenantId}/programmes/{majorId}', { pathParameters: { tenantId, majorId: 'acc-x' }, principal: admin, body: { ...accounting, courses: [accounting.courses[0], accounting.courses[0]] } });
    ok(twice, 400);
  });

  it('a student is placed only in a major their site offers to their grade; level and type follow from the major', async () => {
    const place = (majorId: string, grade: string) => call('PUT /tenants/{tenantId}/students/{studentNumber}/programme', { pathParameters: { tenantId, studentNumber: s6 }, principal: registrar, body: { majorId, grade } });
    expect(pointers(await place('no-such', '2025-autumn'))).toEqual(['#/majorId enrolment.unknown-major']);
    // law-zk exists but center-a offers only acc-bk, and only to grade 2025-autumn.
    expect(pointers(await place('law-zk', '2025-autumn'))).toEqual(['#/majorId enrolment.not-offered']);
    expect(pointers(await place('acc-bk', '2026-spring'))).toEqual(['#/majorId enrolment.not-offered']);
    ok(await call('PUT /tenants/{tenantId}/students/{studentNumber}/programme', { pathParameters: { tenantId, studentNumber: s6 }, principal: classTeacher, body: { majorId: 'acc-bk', grade: '2025-autumn' } }), 403);
    const read = await transcript(registrar, s1);
    expect(read.body.programme).toEqual({ majorId: 'acc-bk', name: '会计学', level: 'undergraduate', studentType: 'open-education', grade: '2025-autumn', requiredCredits: 10 });
    expect(read.body.siteId).toBe(unitId);
  });
});

describe('results: entry, make-up, import, credits', () => {
  it('the class’s course teacher of the term or a registrar enters a result, once; others are refused', async () => {
    ok(await enter(strangerTeacher, s1, '2025-autumn', 'C1', 50), 403); // teaches no term of this class
    ok(await enter(mathTeacher, s1, '2026-spring', 'C1', 50), 403); // teaches it in 2025-autumn only
    ok(await enter(classTeacher, s1, '2025-autumn', 'C1', 50), 403);
    ok(await enter(counselor, s1, '2025-autumn', 'C1', 50), 403);
    const entered = await enter(mathTeacher, s1, '2025-autumn', 'C1', 50);
    ok(entered, 201);
    expect(entered.body).toMatchObject({ studentNumber: s1, classId, termId: '2025-autumn', courseCode: 'C1', score: 50, enteredBy: mathTeacher.userId, version: 1 });
    // Entered again: a change is a correction, never an overwrite.
    ok(await enter(registrar, s1, '2025-autumn', 'C1', 90), 409);
    expect(pointers(await enter(registrar, s1, '2025-autumn', 'X9', 70))).toEqual(['#/path/courseCode result.course-not-in-programme']);
    expect(pointers(await enter(registrar, s6, '2025-autumn', 'C1', 70))).toEqual(['#/path/studentNumber result.no-major']);
    ok(await enter(registrar, s1, '2025-autumn', 'C2', 100.05), 400); // one decimal place at most
    ok(await enter(registrar, s1, '2025-autumn', 'C2', 101), 400);
  });

  it('the make-up result of a failed course is entered once, with If-Match; the better score counts', async () => {
    const makeUp = (student: string, course: string, score: number, headers: Record<string, string> = { 'if-match': '"1"' }) =>
      call('POST /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/make-up', { pathParameters: { tenantId, studentNumber: student, termId: '2025-autumn', courseCode: course }, principal: registrar, headers, body: { score } });
    ok(await makeUp(s1, 'C1', 70, {}), 428);
    const done = await makeUp(s1, 'C1', 70);
    ok(done, 200);
    expect(done.body).toMatchObject({ score: 50, makeUpScore: 70, makeUp: { by: registrar.userId }, version: 2 });
    expect(pointers(await makeUp(s1, 'C1', 80, { 'if-match': '"2"' }))).toEqual(['#/makeUpScore result.make-up-entered']);
    ok(await enter(registrar, s1, '2025-autumn', 'C2', 80), 201);
    // 80 ≥ 60: passed, there is no make-up.
    expect(pointers(await makeUp(s1, 'C2', 90))).toEqual(['#/makeUpScore result.passed-already']);
    ok(await makeUp(s1, 'C3', 90), 404);
  });

  it('an import is all or nothing, naming every bad row', async () => {
    const rejected = await call('POST /tenants/{tenantId}/imports/results', {
      pathParameters: { tenantId },
      principal: registrar,
      body: {
        results: [
          { studentNumber: s2, termId: '2025-autumn', courseCode: 'C1', score: 40 },
          { studentNumber: '2611009999999', termId: '2025-autumn', courseCode: 'C1', score: 40 },
          { studentNumber: s2, termId: '2025-autumn', courseCode: 'X9', score: 40 },
          { studentNumber: s2, termId: '2025-autumn', courseCode: 'C1', score: 41 },
          { studentNumber: s6, termId: '2025-autumn', courseCode: 'C1', score: 40 },
          { studentNumber: s2, termId: '2025-autumn', courseCode: 'C2', score: 75, makeUpScore: 80 },
        ],
      },
    });
    ok(rejected, 422);
    expect(pointers(rejected)).toEqual([
      '#/results/1/studentNumber unknown_reference',
      '#/results/2/courseCode result.course-not-in-programme',
      '#/results/3/courseCode result.duplicate-row',
      '#/results/4/studentNumber result.no-major',
      '#/results/5/makeUpScore result.passed-already',
    ]);
    // Nothing of it was written: s2's first row was good, yet s2 has no result.
    expect((await transcript(registrar, s2)).body.results).toEqual([]);
    ok(await call('POST /tenants/{tenantId}/imports/results', { pathParameters: { tenantId }, principal: counselor, body: { results: [{ studentNumber: s2, termId: '2025-autumn', courseCode: 'C1', score: 40 }] } }), 403);
  });

  it('an import of 300 rows over 60 students of a second class is written whole, in byte-sized transactions run side by side', async () => {
    const bigClass = 'c-big';
    const numbers = Array.from({ length: 60 }, (_, i) => `26110018${String(i).padStart(5, '0')}`);
    ok(await call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: admin, body: { classId: bigClass, unitId, name: '会计2班', cohort: 'new', entryTerm: '2025-autumn', students: [] } }), 201);
    ok(await call('POST /tenants/{tenantId}/classes/{classId}/students', { pathParameters: { tenantId, classId: bigClass }, principal: admin, body: { students: numbers.map((studentNumber) => ({ studentNumber, name: '学生' })) } }), 201);
    for (const studentNumber of numbers) ok(await call('PUT /tenants/{tenantId}/students/{studentNumber}/programme', { pathParameters: { tenantId, studentNumber }, principal: registrar, body: { majorId: 'acc-bk', grade: '2025-autumn' } }), 201);
    // 60 students × 5 courses = 300 rows; student i scores 40 + i in every course.
    const rows = numbers.flatMap((studentNumber, i) => accounting.courses.map((course) => ({ studentNumber, termId: '2025-autumn', courseCode: course.code, score: 40 + i })));
    const imported = await call('POST /tenants/{tenantId}/imports/results', { pathParameters: { tenantId }, principal: registrar, body: { results: rows } });
    ok(imported, 201);
    expect(imported.body).toEqual({ count: 300 });
    // Student 25 scored 65 in all five: 12 credits; student 19 scored 59 in all: 0.
    expect((await transcript(registrar, numbers[25]!)).body.creditsEarned).toBe(12);
    expect((await transcript(registrar, numbers[19]!)).body.creditsEarned).toBe(0);
    // The same rows again: every result exists, 409, and nothing changes.
    ok(await call('POST /tenants/{tenantId}/imports/results', { pathParameters: { tenantId }, principal: registrar, body: { results: rows.slice(0, 2) } }), 409);
  });

  it('credits earned are the credits of the programme’s courses passed, each once, regular or make-up', async () => {
    // s1: C1 50 → make-up 70 (passed, 4 credits), C2 80 (passed, 3 credits): 7 of the 10 required.
    const read = await transcript(registrar, s1);
    ok(read, 200);
    expect(read.body).toMatchObject({ passMark: 60, creditsEarned: 7, maskedFields: [] });
    expect(read.body.results).toEqual([
      { termId: '2025-autumn', courseCode: 'C1', courseName: '基础会计', credits: 4, version: 2, score: 50, makeUpScore: 70, passed: true },
      { termId: '2025-autumn', courseCode: 'C2', courseName: '经济数学', credits: 3, version: 1, score: 80, passed: true },
    ]);
  });
});

describe('grades are private', () => {
  it('the class teacher and counselor read the transcript with the scores masked; the course teacher and registrar see them', async () => {
    for (const principal of [classTeacher, counselor, director, admin]) {
      const read = await transcript(principal, s1);
      ok(read, 200);
      expect(read.body.maskedFields).toEqual(['grades']);
      expect(read.body.creditsEarned).toBeUndefined();
      expect(read.body.results.map((r: Record<string, unknown>) => [r['courseCode'], 'score' in r, 'passed' in r])).toEqual([
        ['C1', false, false],
        ['C2', false, false],
      ]);
    }
    expect((await transcript(mathTeacher, s1)).body.results[0].score).toBe(50);
    ok(await transcript(strangerTeacher, s1), 403);
    ok(await transcript(person('finance', 'finance-a'), s1), 403);
  });

  it('a grant of grades reveals them to the counselor, and the read is logged first', async () => {
    const requested = await call('POST /tenants/{tenantId}/access-requests', { pathParameters: { tenantId }, principal: counselor, body: { studentNumbers: [s1], fields: ['grades'], reason: '学业谈话需要了解成绩', days: 3 } });
    ok(requested, 201);
    ok(await call('POST /tenants/{tenantId}/access-requests/{grantId}/decision', { pathParameters: { tenantId, grantId: requested.body.grantId }, principal: director, body: { approve: true } }), 200);
    const read = await transcript(counselor, s1);
    expect(read.body).toMatchObject({ maskedFields: [], creditsEarned: 7 });
    const log = await call('GET /tenants/{tenantId}/reveals', { pathParameters: { tenantId }, principal: admin, query: { studentNumber: s1 } });
    expect(log.body.items).toEqual([expect.objectContaining({ userId: counselor.userId, studentNumber: s1, fields: ['grades'], grantId: requested.body.grantId, route: `/tenants/${tenantId}/students/${s1}/results` })]);
    // The grant is for s1 only.
    expect((await transcript(counselor, s2)).body.maskedFields).toEqual([]); // s2 has no results: nothing to mask
  });
});

describe('corrections (成绩更正)', () => {
  it('two registrars deciding at once: one decision is kept, the other gets 409; the old value stays with who and why', async () => {
    ok(await enter(mathTeacher, s1, '2025-autumn', 'C3', 55), 201);
    const ask = (headers: Record<string, string>, value = 65) =>
      call('POST /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/corrections', { pathParameters: { tenantId, studentNumber: s1, termId: '2025-autumn', courseCode: 'C3' }, principal: mathTeacher, headers, body: { field: 'score', value, reason: '试卷复核漏加5分' } });
    ok(await ask({}), 428);
    ok(await ask({ 'if-match': '"2"' }), 412);
    expect(pointers(await ask({ 'if-match': '"1"' }, 55))).toEqual(['#/value correction.unchanged']);
    const asked = await ask({ 'if-match': '"1"' });
    ok(asked, 201);
    expect(asked.body).toMatchObject({ state: 'pending', field: 'score', value: 65, requestedBy: mathTeacher.userId, resultVersion: 1 });
    const decide = (principal: Principal, approve: boolean) =>
      call('POST /tenants/{tenantId}/students/{studentNumber}/corrections/{correctionId}/decision', { pathParameters: { tenantId, studentNumber: s1, correctionId: asked.body.correctionId }, principal, body: { approve } });
    ok(await decide(mathTeacher, true), 403);
    const [first, second] = await Promise.all([decide(registrar, true), decide(otherRegistrar, false)]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const kept = first.status === 200 ? first : second;
    const result = (await transcript(registrar, s1)).body.results.find((r: { courseCode: string }) => r.courseCode === 'C3');
    if (kept.body.state === 'approved') {
      // 55 → 65, kept with who asked, who approved and why; version 1 → 2.
      expect(result).toMatchObject({ score: 65, passed: true, version: 2, changes: [{ field: 'score', from: 55, to: 65, reason: '试卷复核漏加5分', requestedBy: mathTeacher.userId, approvedBy: registrar.userId }] });
    } else {
      expect(result).toMatchObject({ score: 55, passed: false, version: 1 });
      expect(result.changes).toBeUndefined();
    }
    ok(await decide(registrar, true), 409);
    const listed = await call('GET /tenants/{tenantId}/students/{studentNumber}/corrections', { pathParameters: { tenantId, studentNumber: s1 }, principal: registrar });
    expect(listed.body.items).toEqual([expect.objectContaining({ correctionId: asked.body.correctionId, state: kept.body.state, version: 2 })]);
    ok(await call('GET /tenants/{tenantId}/students/{studentNumber}/corrections', { pathParameters: { tenantId, studentNumber: s1 }, principal: counselor }), 403);
  });

  it('a registrar does not decide their own request', async () => {
    ok(await enter(registrar, s1, '2025-autumn', 'C5', 58), 201);
    const asked = await call('POST /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/corrections', { pathParameters: { tenantId, studentNumber: s1, termId: '2025-autumn', courseCode: 'C5' }, principal: registrar, headers: { 'if-match': '"1"' }, body: { field: 'score', value: 60, reason: '登分错误' } });
    ok(asked, 201);
    const decide = (principal: Principal) => call('POST /tenants/{tenantId}/students/{studentNumber}/corrections/{correctionId}/decision', { pathParameters: { tenantId, studentNumber: s1, correctionId: asked.body.correctionId }, principal, body: { approve: true } });
    ok(await decide(registrar), 403);
    ok(await decide(otherRegistrar), 200);
  });
});

describe('grade certificates (出具成绩证明)', () => {
  const issue = (principal: Principal, purpose: string, student: string = s4) =>
    call('POST /tenants/{tenantId}/students/{studentNumber}/certificates', { pathParameters: { tenantId, studentNumber: student }, principal, body: { purpose } });

  it('for a graduate’s job fairs: the third is issued, the fourth refused (不超过三次); a personal transcript is not counted', async () => {
    // The class has not graduated yet: no job-fair certificate.
    const early = await issue(registrar, 'job-fair');
    ok(early, 422);
    expect(pointers(early)).toEqual(['#/purpose certificate.not-graduate']);
    ok(await call('PUT /tenants/{tenantId}/classes/{classId}/graduation', { pathParameters: { tenantId, classId }, principal: registrar, body: { graduatesOn: '2026-01-10' } }), 201);
    ok(await issue(counselor, 'job-fair'), 403);
    for (const nth of [1, 2, 3]) {
      const answer = await issue(registrar, 'job-fair');
      ok(answer, 201);
      expect(answer.body).toMatchObject({ purpose: 'job-fair', jobFairCertificates: nth, limit: 3 });
    }
    const fourth = await issue(registrar, 'job-fair');
    ok(fourth, 422);
    expect(pointers(fourth)).toEqual(['#/purpose certificate.limit-reached']);
    const personal = await issue(registrar, 'personal');
    ok(personal, 201);
    expect(personal.body).toMatchObject({ jobFairCertificates: 3 });
    // Another graduate of the class starts from none.
    expect((await issue(registrar, 'job-fair', s5)).body).toMatchObject({ jobFairCertificates: 1 });
  });
});
