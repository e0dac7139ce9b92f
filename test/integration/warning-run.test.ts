/**
 * The warning run (学籍预警) over a small data set worked out by hand: who is warned, who
 * goes onto the status-processing list, the statuses it records, and the counselor's and
 * registrar's findings that open from them. Through the handlers against DynamoDB Local:
 * the route accepts the run (202), the catalog's `warning-runs` consumer works out each
 * class on the local runtime's in-process queue (retries as SQS makes them), and the run's
 * Location answers its lists once done.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal, Role } from '../../domain/access.js';
import { configFromEnv, createDependencies, type Dependencies } from '../../functions/composition.js';
import { academicRoutes } from '../../functions/http/academics.js';
import { classFactRoutes } from '../../functions/http/class-facts.js';
import { configurationRoutes } from '../../functions/http/configuration.js';
import type { Route } from '../../functions/http/kit/http-function.js';
import { rosterRoutes } from '../../functions/http/roster.js';
import { standingRoutes } from '../../functions/http/standing.js';
import { statusRoutes } from '../../functions/http/student-status.js';
import { queueConsumer } from '../../functions/jobs/sqs.js';
import { pageSizeVariable, warnClass, type WarningClassMessage } from '../../functions/jobs/warning-class.js';
import { startLocalAsync } from '../../scripts/local/async-runtime.js';
import { twoAcademicYears } from '../support/fixtures.js';
import { uniqueTenant } from '../support/events.js';
import { clockedRoutes } from '../support/clocked-routes.js';

const allRoutes: Readonly<Record<string, Route<Dependencies, any>>> = { ...rosterRoutes, ...configurationRoutes, ...standingRoutes, ...statusRoutes, ...classFactRoutes, ...academicRoutes };

/** The job as deployed, on in-process queues; `beforeJoin` lets a test stop a delivery after the class's statuses are written. */
let beforeJoin: () => void = () => undefined;
const local = startLocalAsync({
  clock: { now: () => new Date() },
  schedules: false,
  retryDelayMs: 5,
  loadHandler: async (name) => {
    if (name !== 'warningRun') throw new Error(`no handler for ${name} here`);
    const dependencies = createDependencies(configFromEnv(), { now: () => new Date('2026-03-13T02:00:00Z') });
    const joinClass = dependencies.warningRuns.joinClass.bind(dependencies.warningRuns);
    dependencies.warningRuns.joinClass = async (...args) => {
      beforeJoin();
      return joinClass(...args);
    };
    return queueConsumer<WarningClassMessage>(name, (message, delivery) => warnClass(dependencies, message, delivery)) as never;
  },
});
afterAll(() => local.stop());

/** Every route as deployed, with the clock stopped at 10:00 in Beijing on `day`. */
const { on } = clockedRoutes(allRoutes, { messaging: local.messaging });
const ok = (answer: { status: number; body: unknown }, status: number) => expect(answer.status, JSON.stringify(answer.body)).toBe(status);

const tenantId = uniqueTenant('warnings');
const unitId = 'center-w';
const classId = 'c-w';
const person = (role: Role, userId: string = role): Principal => ({ userId, tenantId, unitId, roles: [role] });
const admin = person('tenant-admin', 'admin-w');
const registrar = person('registrar', 'registrar-w');
const counselor = person('counselor', 'counselor-w');
const students = Array.from({ length: 8 }, (_, i) => `26110019000${i + 1}`);
const [w1, w2, w3, w4, w5, w6, w7, w8] = students as [string, string, string, string, string, string, string, string];
const configuration = twoAcademicYears;
const courses = ['C1', 'C2', 'C3', 'C4', 'C5'].map((code) => ({ code, name: `课程${code}`, credits: 2, programmeTerm: 1, degreeCourse: false }));
const row = (studentNumber: string, termId: string, courseCode: string, score: number, makeUpScore?: number) => ({ studentNumber, termId, courseCode, score, ...(makeUpScore !== undefined ? { makeUpScore } : {}) });

/**
 * The data set, pass mark 60. "Failed" = neither the regular nor the make-up score reaches 60,
 * and a course passed in a later term (up to the run's term) is no longer failed.
 *
 *   w1  autumn C1 50 → make-up 70, C2 80           in-term failed: none          total: 0
 *   w2  autumn C1 40                                in-term: C1                   total: 1       → warned
 *   w3  autumn C1 30, C2 20, C3 10, C4 55 → 58      in-term: C1 C2 C3 C4          total: 4       → warned, processing
 *   w4  autumn C1 59.5 → make-up 60                 none (60 passes)              total: 0
 *   w5  no results                                  none                          total: 0
 *   w6  spring-2025 C1 C2 C3 30; autumn C4 45;      in-term: C4                   total: 4       → warned, processing
 *       spring-2026 C5 20 (a later term: not looked at)
 *   w7  spring-2025 C1–C4 30; autumn C5 70          none                          total: 4       → processing only
 *   w8  spring-2025 C1 30; autumn C1 75, C2 50      in-term: C2 (C1 passed now)   total: 1       → warned
 */
const dataSet = [
  row(w1, '2025-autumn', 'C1', 50, 70),
  row(w1, '2025-autumn', 'C2', 80),
  row(w2, '2025-autumn', 'C1', 40),
  row(w3, '2025-autumn', 'C1', 30),
  row(w3, '2025-autumn', 'C2', 20),
  row(w3, '2025-autumn', 'C3', 10),
  row(w3, '2025-autumn', 'C4', 55, 58),
  row(w4, '2025-autumn', 'C1', 59.5, 60),
  ...['C1', 'C2', 'C3'].map((code) => row(w6, '2025-spring', code, 30)),
  row(w6, '2025-autumn', 'C4', 45),
  row(w6, '2026-spring', 'C5', 20),
  ...['C1', 'C2', 'C3', 'C4'].map((code) => row(w7, '2025-spring', code, 30)),
  row(w7, '2025-autumn', 'C5', 70),
  row(w8, '2025-spring', 'C1', 30),
  row(w8, '2025-autumn', 'C1', 75),
  row(w8, '2025-autumn', 'C2', 50),
];

const documentRef = '教务〔2026〕8号';
const run = (day: string, body: Record<string, unknown>, principal: Principal = registrar) => on(day)('POST /tenants/{tenantId}/units/{unitId}/warning-runs', { pathParameters: { tenantId, unitId }, principal, body });
type Listed = { studentNumber: string; classId: string; failedCourses: string[] };

/** The run's answer once every queue is idle, with its lists read page after page (`limit` kept pages an answer). */
async function finished(day: string, runId: string, limit = 10): Promise<Record<string, unknown> & { warned: Listed[]; processing: Listed[]; failedTotals: { studentNumber: string; count: number }[]; answers: number }> {
  await local.idle();
  const pages: any[] = [];
  let cursor: string | undefined;
  do {
    const page = await on(day)('GET /tenants/{tenantId}/units/{unitId}/warning-runs/{runId}', { pathParameters: { tenantId, unitId, runId }, principal: registrar, query: { limit: String(limit), ...(cursor ? { cursor } : {}) } });
    ok(page, 200);
    pages.push(page.body);
    cursor = page.body.nextCursor;
  } while (cursor !== undefined);
  const { nextCursor: _next, ...first } = pages[0];
  const all = (list: string) => pages.flatMap((page) => page[list] ?? []);
  return { ...first, warned: all('warned') as Listed[], processing: all('processing') as Listed[], failedTotals: all('failedTotals') as { studentNumber: string; count: number }[], answers: pages.length };
}
const numbersOf = (listed: readonly { studentNumber: string }[]) => listed.map((s) => s.studentNumber);

beforeAll(async () => {
  const call = on('2025-09-01');
  ok(await call('POST /tenants/{tenantId}/units', { pathParameters: { tenantId }, principal: admin, body: { unitId, name: '学习中心', kind: 'learning-center' } }), 201);
  ok(await call('PUT /tenants/{tenantId}/configuration', { pathParameters: { tenantId }, principal: admin, body: configuration }), 201);
  const roster = students.map((studentNumber, i) => ({ studentNumber, name: `学生${i + 1}` }));
  ok(await call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: admin, body: { classId, unitId, name: '会计1班', cohort: 'new', entryTerm: '2025-autumn', counselorId: counselor.userId, students: roster } }), 201);
  ok(await call('PUT /tenants/{tenantId}/classes/{classId}/staff', { pathParameters: { tenantId, classId }, principal: admin, headers: { 'if-match': '"1"' }, body: { classTeacherId: null, counselorId: counselor.userId, registrarId: registrar.userId } }), 200);
  ok(await call('PUT /tenants/{tenantId}/programmes/{majorId}', { pathParameters: { tenantId, majorId: 'acc' }, principal: registrar, body: { name: '会计学', level: 'junior-college', studentType: 'open-education', requiredCredits: 10, courses } }), 201);
  ok(await call('PUT /tenants/{tenantId}/units/{unitId}/offerings/{termId}', { pathParameters: { tenantId, unitId, termId: '2025-autumn' }, principal: registrar, body: { grades: [{ grade: '2025-spring', majorIds: ['acc'] }] } }), 201);
  for (const studentNumber of students) ok(await call('PUT /tenants/{tenantId}/students/{studentNumber}/programme', { pathParameters: { tenantId, studentNumber }, principal: registrar, body: { majorId: 'acc', grade: '2025-spring' } }), 201);
  ok(await on('2026-03-10')('POST /tenants/{tenantId}/imports/results', { pathParameters: { tenantId }, principal: registrar, body: { results: dataSet } }), 201);
});

describe('the warning run (学籍预警)', () => {
  it('previews exactly the students worked out by hand as a job, writing nothing but the preview', async () => {
    const accepted = await run('2026-03-13', { termId: '2025-autumn', documentOn: '2026-03-13', documentRef });
    ok(accepted, 202);
    expect(accepted.body).toMatchObject({ kind: 'preview', status: 'running', classesTotal: 1, classesDone: 0 });
    expect(accepted.headers['location']).toBe(`/tenants/${tenantId}/units/${unitId}/warning-runs/${accepted.body.runId}`);
    const preview = await finished('2026-03-13', accepted.body.runId);
    expect(preview).toMatchObject({
      kind: 'preview',
      status: 'done',
      classesDone: 1,
      warnedCount: 4,
      processingCount: 3,
      warned: [
        { studentNumber: w2, failedCourses: ['C1'] },
        { studentNumber: w3, failedCourses: ['C1', 'C2', 'C3', 'C4'] },
        { studentNumber: w6, failedCourses: ['C4'] },
        { studentNumber: w8, failedCourses: ['C2'] },
      ],
      processing: [
        { studentNumber: w3, failedCourses: ['C1', 'C2', 'C3', 'C4'] },
        { studentNumber: w6, failedCourses: ['C1', 'C2', 'C3', 'C4'] },
        { studentNumber: w7, failedCourses: ['C1', 'C2', 'C3', 'C4'] },
      ],
      // The first month of 2025-2026 ended on 30 Sep 2025, before the document; 2026-2027's ends on 30 Sep 2026.
      processingDueOn: '2026-09-30',
    });
    expect(preview.failedTotals.map((t) => [t.studentNumber, t.count])).toEqual([
      [w1, 0], [w2, 1], [w3, 4], [w4, 0], [w5, 0], [w6, 4], [w7, 4], [w8, 1],
    ]);
    const statuses = await on('2026-03-13')('GET /tenants/{tenantId}/students/{studentNumber}/statuses', { pathParameters: { tenantId, studentNumber: w2 }, principal: registrar });
    expect(statuses.body.items).toEqual([]);
    const issued = await on('2026-03-13')('GET /tenants/{tenantId}/units/{unitId}/warning-runs', { pathParameters: { tenantId, unitId }, principal: registrar });
    ok(issued, 200);
    expect(issued.body.items).toEqual([]);
  });

  it('keeps a list longer than one kept page in pages and reads it back whole (WARNING_LIST_PAGE_SIZE=3)', async () => {
    // The list was one item, refused (413) past ~4,000 students; now it is pages of a class's entries.
    // Entries of c-w: 4 warned + 3 processing + 8 failed totals = 15 → 15 / 3 = 5 pages; read 2 pages an answer → 3 answers.
    process.env[pageSizeVariable] = '3';
    try {
      const accepted = await run('2026-03-13', { termId: '2025-autumn', documentOn: '2026-03-13', documentRef });
      ok(accepted, 202);
      const preview = await finished('2026-03-13', accepted.body.runId, 2);
      expect(preview.answers).toBe(3);
      expect(numbersOf(preview.warned)).toEqual([w2, w3, w6, w8]);
      expect(numbersOf(preview.processing)).toEqual([w3, w6, w7]);
      expect(numbersOf(preview.failedTotals)).toEqual(students);
    } finally {
      delete process.env[pageSizeVariable];
    }
  });

  it('is refused to anyone but a registrar of the unit, and for a document dated after today', async () => {
    ok(await run('2026-03-13', { termId: '2025-autumn', documentOn: '2026-03-13', documentRef }, counselor), 403);
    ok(await run('2026-03-13', { termId: '2025-autumn', documentOn: '2026-03-13', documentRef }, { ...registrar, unitId: 'center-other' }), 403);
    const future = await run('2026-03-13', { termId: '2025-autumn', documentOn: '2026-03-14', documentRef, issue: true });
    ok(future, 422);
    expect(future.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/documentOn']);
  });

  it('issuing records a warning per warned student and status processing per listed one, dated by the document; issuing again changes nothing', async () => {
    const accepted = await run('2026-03-13', { termId: '2025-autumn', documentOn: '2026-03-13', documentRef, issue: true });
    ok(accepted, 202);
    expect(accepted.body).toMatchObject({ kind: 'issue', status: 'running', classesTotal: 1 });
    const issued = await finished('2026-03-13', accepted.body.runId);
    expect(issued).toMatchObject({ kind: 'issue', status: 'done', warnedCount: 4, processingCount: 3 });
    expect(numbersOf(issued.warned)).toEqual([w2, w3, w6, w8]);
    const kindsOf = async (studentNumber: string) =>
      ((await on('2026-03-13')('GET /tenants/{tenantId}/students/{studentNumber}/statuses', { pathParameters: { tenantId, studentNumber }, principal: counselor })).body.items as { kind: string; documentOn: string; documentRef: string }[])
        .map((s) => `${s.kind} ${s.documentOn} ${s.documentRef}`)
        .sort();
    const expected = {
      [w1]: [],
      [w2]: [`academic-warning 2026-03-13 ${documentRef}`],
      [w3]: [`academic-warning 2026-03-13 ${documentRef}`, `status-processing 2026-03-13 ${documentRef}`],
      [w4]: [],
      [w5]: [],
      [w6]: [`academic-warning 2026-03-13 ${documentRef}`, `status-processing 2026-03-13 ${documentRef}`],
      [w7]: [`status-processing 2026-03-13 ${documentRef}`],
      [w8]: [`academic-warning 2026-03-13 ${documentRef}`],
    };
    for (const studentNumber of students) expect(await kindsOf(studentNumber)).toEqual(expected[studentNumber]);

    // The same document again, a day later: the same run, done (200), and no status written twice.
    const again = await run('2026-03-14', { termId: '2025-autumn', documentOn: '2026-03-13', documentRef, issue: true });
    ok(again, 200);
    expect(again.body).toMatchObject({ runId: accepted.body.runId, status: 'done', warnedCount: 4, processingCount: 3 });
    expect(again.headers['location']).toBe(accepted.headers['location']);
    await local.idle();
    for (const studentNumber of students) expect(await kindsOf(studentNumber)).toEqual(expected[studentNumber]);
    // The same document with another date is a different document: refused.
    ok(await run('2026-03-14', { termId: '2025-autumn', documentOn: '2026-03-12', documentRef, issue: true }), 409);
    const kept = await on('2026-03-14')('GET /tenants/{tenantId}/units/{unitId}/warning-runs', { pathParameters: { tenantId, unitId }, principal: registrar });
    expect(kept.body.items).toHaveLength(1);
    expect(kept.body.items[0]).toMatchObject({ runId: accepted.body.runId, kind: 'issue', documentRef, termId: '2025-autumn', acceptedBy: registrar.userId, warnedCount: 4, processingCount: 3 });
  });

  it('opens the counselor’s findings from the document’s date: parents told within 7 days of each status, a talk this quarter with each student at risk', async () => {
    const standing = await on('2026-03-13')('GET /tenants/{tenantId}/staff/{userId}/standing', { pathParameters: { tenantId, userId: counselor.userId }, principal: counselor });
    ok(standing, 200);
    const findings = standing.body.findings as { ruleId: string; subject: { id: string }; status: string; period: { from: string; to: string }; missingIds?: string[] }[];
    // Seven statuses (warnings of w2 w3 w6 w8, processing of w3 w6 w7), each from 13 Mar to 13 + 7 = 20 Mar, nobody told yet.
    const told = findings.filter((f) => f.ruleId === 'CO-PARENT-WARNING');
    expect(told.map((f) => f.subject.id).sort()).toEqual([w2, w3, w3, w6, w6, w7, w8]);
    for (const f of told) expect(f).toMatchObject({ status: 'pending', period: { from: '2026-03-13', to: '2026-03-20' } });
    // The quarter January–March (the spring term holds 2–31 March of it): five students at risk, none talked to.
    const talks = findings.filter((f) => f.ruleId === 'CO-TALK-ATRISK');
    expect(talks).toHaveLength(1);
    expect(talks[0]).toMatchObject({ status: 'pending', missingIds: [w2, w3, w6, w7, w8], period: { to: '2026-03-31' } });
  });

  it('REG-STATUS-PROCESSING reads the failed-course counts: w3, w6 and w7 (4 each) are owed a list within September 2026', async () => {
    const standing = await on('2026-09-10')('GET /tenants/{tenantId}/staff/{userId}/standing', { pathParameters: { tenantId, userId: registrar.userId }, principal: registrar });
    ok(standing, 200);
    const finding = (standing.body.findings as { ruleId: string }[]).find((f) => f.ruleId === 'REG-STATUS-PROCESSING');
    // 2026-autumn is the first term of 2026-2027: due 1 Sep + 1 month − 1 day = 30 Sep; no list submitted yet.
    expect(finding).toMatchObject({ status: 'pending', required: 3, actual: 0, missingIds: [w3, w6, w7], period: { to: '2026-09-30' } });
  });

  it('the tenant’s own count of failed courses that warns: with 2, only w3 (4 in the term) is warned', async () => {
    const current = await on('2026-03-15')('GET /tenants/{tenantId}/configuration', { pathParameters: { tenantId }, principal: admin });
    ok(await on('2026-03-15')('PUT /tenants/{tenantId}/configuration', { pathParameters: { tenantId }, principal: admin, headers: { 'if-match': String(current.headers['etag']) }, body: { ...configuration, academics: { warningFailedCourses: 2 } } }), 200);
    const accepted = await run('2026-03-15', { termId: '2025-autumn', documentOn: '2026-03-15', documentRef: '教务〔2026〕9号' });
    ok(accepted, 202);
    const preview = await finished('2026-03-15', accepted.body.runId);
    expect(numbersOf(preview.warned)).toEqual([w3]);
    expect(numbersOf(preview.processing)).toEqual([w3, w6, w7]);
  });
  it('a class whose delivery stops after its statuses are written is retried into one set of statuses, and a message delivered again changes nothing', async () => {
    // warningFailedCourses is 2 since the test above: warned w3 (4 in the term); processing w3, w6, w7 (4 in total each).
    const ref = '教务〔2026〕10号';
    let stops = 1;
    beforeJoin = () => {
      if (stops-- > 0) throw new Error('the delivery stops between the statuses and the join');
    };
    try {
      const accepted = await run('2026-03-15', { termId: '2025-autumn', documentOn: '2026-03-15', documentRef: ref, issue: true });
      ok(accepted, 202);
      const issued = await finished('2026-03-15', accepted.body.runId);
      expect(issued).toMatchObject({ status: 'done', classesDone: 1, warnedCount: 1, processingCount: 3 });
      // The class's message once more, as SQS may deliver it: the run is done, nothing is written.
      await local.messaging.queues.send('warning-runs', [{ tenantId, runId: accepted.body.runId, classId }]);
      await local.idle();
      expect(local.deadLetters).toEqual([]);
      const ofDocument = async (studentNumber: string) =>
        ((await on('2026-03-15')('GET /tenants/{tenantId}/students/{studentNumber}/statuses', { pathParameters: { tenantId, studentNumber }, principal: registrar })).body.items as { kind: string; documentRef: string }[])
          .filter((s) => s.documentRef === ref)
          .map((s) => s.kind)
          .sort();
      expect(await ofDocument(w3)).toEqual(['academic-warning', 'status-processing']);
      expect(await ofDocument(w6)).toEqual(['status-processing']);
      expect(await ofDocument(w7)).toEqual(['status-processing']);
      for (const studentNumber of [w1, w2, w4, w5, w8]) expect(await ofDocument(studentNumber)).toEqual([]);
      expect(stops).toBe(-1);
    } finally {
      beforeJoin = () => undefined;
    }
  });
});
