/**
 * A warning run (学籍预警) whose class fails on every delivery ends `failed`, naming the class,
 * instead of running forever; issuing the same document again runs that class alone and ends
 * `done`. Through the handlers against DynamoDB Local, the catalog's `warning-runs` consumer
 * on the local runtime's in-process queues (3 deliveries, then the dead-letter queue). The
 * failure is a roster read that throws for one class: nothing else of the job is changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal, Role } from '../../domain/access.js';
import { configFromEnv, createDependencies, type Dependencies } from '../../functions/composition.js';
import { academicRoutes } from '../../functions/http/academics.js';
import { configurationRoutes } from '../../functions/http/configuration.js';
import type { Route } from '../../functions/http/kit/http-function.js';
import { rosterRoutes } from '../../functions/http/roster.js';
import { statusRoutes } from '../../functions/http/student-status.js';
import { queueConsumer } from '../../functions/jobs/sqs.js';
import { warnClass, type WarningClassMessage } from '../../functions/jobs/warning-class.js';
import { startLocalAsync } from '../../scripts/local/async-runtime.js';
import { twoAcademicYears } from '../support/fixtures.js';
import { uniqueTenant } from '../support/events.js';
import { clockedRoutes } from '../support/clocked-routes.js';

const allRoutes: Readonly<Record<string, Route<Dependencies, any>>> = { ...rosterRoutes, ...configurationRoutes, ...statusRoutes, ...academicRoutes };

const tenantId = uniqueTenant('warning-failed');
const unitId = 'center-f';
const [classA, classB, classC] = ['c-fa', 'c-fb', 'c-fc'] as const;

/** The class whose roster read throws (every delivery of its message fails), and how often each class's roster was read. */
let failingClass: string | undefined;
const rosterReads = new Map<string, number>();
const local = startLocalAsync({
  clock: { now: () => new Date() },
  schedules: false,
  retryDelayMs: 5,
  loadHandler: async (name) => {
    if (name !== 'warningRun') throw new Error(`no handler for ${name} here`);
    const dependencies = createDependencies(configFromEnv(), { now: () => new Date('2026-03-13T02:00:00Z') });
    const listStudents = dependencies.roster.listStudents.bind(dependencies.roster);
    dependencies.roster.listStudents = async (tenant, classId) => {
      rosterReads.set(classId, (rosterReads.get(classId) ?? 0) + 1);
      if (classId === failingClass) throw new Error('the roster cannot be read');
      return listStudents(tenant, classId);
    };
    return queueConsumer<WarningClassMessage>(name, (message, delivery) => warnClass(dependencies, message, delivery)) as never;
  },
});
afterAll(() => local.stop());

const { on } = clockedRoutes(allRoutes, { messaging: local.messaging });
const ok = (answer: { status: number; body: unknown }, status: number) => expect(answer.status, JSON.stringify(answer.body)).toBe(status);

const person = (role: Role, userId: string): Principal => ({ userId, tenantId, unitId, roles: [role] });
const admin = person('tenant-admin', 'admin-f');
const registrar = person('registrar', 'registrar-f');
const courses = ['C1', 'C2', 'C3', 'C4'].map((code) => ({ code, name: `课程${code}`, credits: 2, programmeTerm: 1, degreeCourse: false }));
const row = (studentNumber: string, courseCode: string, score: number) => ({ studentNumber, termId: '2025-autumn', courseCode, score });

/**
 * Pass mark 60, a warning from 1 failed course in the term, status processing from 4 in total:
 *
 *   c-fa  a1 C1 40                        → warned
 *         a2 C1 80                        → nobody
 *   c-fb  b1 C1 50                        → warned
 *         b2 C1 30, C2 20, C3 10, C4 0    → warned and processing (4 failed)
 *   c-fc  c1 C1 90                        → nobody
 *         c2 C2 45                        → warned
 *
 * With c-fb failing: 2 classes done, warned a1 + c2 = 2, processing 0.
 * With every class: 3 classes done, warned a1, b1, b2, c2 = 4, processing b2 = 1.
 */
const [a1, a2, b1, b2, c1, c2] = ['2611002000001', '2611002000002', '2611002000003', '2611002000004', '2611002000005', '2611002000006'] as const;
const rosters = { [classA]: [a1, a2], [classB]: [b1, b2], [classC]: [c1, c2] };
const results = [row(a1, 'C1', 40), row(a2, 'C1', 80), row(b1, 'C1', 50), row(b2, 'C1', 30), row(b2, 'C2', 20), row(b2, 'C3', 10), row(b2, 'C4', 0), row(c1, 'C1', 90), row(c2, 'C2', 45)];

const documentRef = '教务〔2026〕21号';
const issue = (day: string) =>
  on(day)('POST /tenants/{tenantId}/units/{unitId}/warning-runs', { pathParameters: { tenantId, unitId }, principal: registrar, body: { termId: '2025-autumn', documentOn: '2026-03-13', documentRef, issue: true } });
const runOf = (runId: string) => on('2026-03-14')('GET /tenants/{tenantId}/units/{unitId}/warning-runs/{runId}', { pathParameters: { tenantId, unitId, runId }, principal: registrar });
/** The student's statuses under this document, as `kind` sorted. */
const statusesOf = async (studentNumber: string) =>
  ((await on('2026-03-14')('GET /tenants/{tenantId}/students/{studentNumber}/statuses', { pathParameters: { tenantId, studentNumber }, principal: registrar })).body.items as { kind: string; documentRef: string }[])
    .filter((s) => s.documentRef === documentRef)
    .map((s) => s.kind)
    .sort();

beforeAll(async () => {
  const call = on('2025-09-01');
  ok(await call('POST /tenants/{tenantId}/units', { pathParameters: { tenantId }, principal: admin, body: { unitId, name: '学习中心', kind: 'learning-center' } }), 201);
  ok(await call('PUT /tenants/{tenantId}/configuration', { pathParameters: { tenantId }, principal: admin, body: twoAcademicYears }), 201);
  for (const [classId, numbers] of Object.entries(rosters)) {
    const students = numbers.map((studentNumber, i) => ({ studentNumber, name: `学生${classId}${i + 1}` }));
    ok(await call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: admin, body: { classId, unitId, name: `班级${classId}`, cohort: 'new', entryTerm: '2025-autumn', counselorId: 'counselor-f', students } }), 201);
  }
  ok(await call('PUT /tenants/{tenantId}/programmes/{majorId}', { pathParameters: { tenantId, majorId: 'acc' }, principal: registrar, body: { name: '会计学', level: 'junior-college', studentType: 'open-education', requiredCredits: 8, courses } }), 201);
  ok(await call('PUT /tenants/{tenantId}/units/{unitId}/offerings/{termId}', { pathParameters: { tenantId, unitId, termId: '2025-autumn' }, principal: registrar, body: { grades: [{ grade: '2025-spring', majorIds: ['acc'] }] } }), 201);
  for (const studentNumber of Object.values(rosters).flat()) ok(await call('PUT /tenants/{tenantId}/students/{studentNumber}/programme', { pathParameters: { tenantId, studentNumber }, principal: registrar, body: { majorId: 'acc', grade: '2025-spring' } }), 201);
  ok(await on('2026-03-10')('POST /tenants/{tenantId}/imports/results', { pathParameters: { tenantId }, principal: registrar, body: { results } }), 201);
});

describe('a warning run whose class keeps failing', () => {
  let runId: string;

  it('ends failed once its class fails on the last delivery, naming that class; the classes done keep their lists and statuses, the failed one has none', async () => {
    failingClass = classB;
    const accepted = await issue('2026-03-13');
    ok(accepted, 202);
    runId = accepted.body.runId;
    await local.idle();
    // c-fb's message: 3 deliveries (the queue's maxReceiveCount), each failing at the roster, then the dead-letter queue.
    expect(rosterReads.get(classB)).toBe(3);
    expect(local.deadLetters).toEqual([{ from: 'warning-runs', body: { tenantId, runId, classId: classB }, receiveCount: 3 }]);

    const run = await runOf(runId);
    ok(run, 200);
    expect(run.body).toMatchObject({ status: 'failed', classesTotal: 3, classesDone: 2, failedClasses: [classB], warnedCount: 2, processingCount: 0 });
    expect(run.body.finishedAt).toEqual(expect.any(String));
    // The lists of the classes done: c-fa's a1 and c-fc's c2 warned, nobody in processing.
    expect(run.body.warned.map((s: { studentNumber: string }) => s.studentNumber)).toEqual([a1, c2]);
    expect(run.body.processing).toEqual([]);

    expect(await statusesOf(a1)).toEqual(['academic-warning']);
    expect(await statusesOf(c2)).toEqual(['academic-warning']);
    for (const studentNumber of [a2, b1, b2, c1]) expect(await statusesOf(studentNumber)).toEqual([]);
    const listed = await on('2026-03-14')('GET /tenants/{tenantId}/units/{unitId}/warning-runs', { pathParameters: { tenantId, unitId }, principal: registrar });
    expect(listed.body.items).toEqual([expect.objectContaining({ runId, status: 'failed', failedClasses: [classB] })]);
  });

  it('issued again once the failure is lifted, runs the failed class alone and ends done with every class’s statuses, none twice', async () => {
    failingClass = undefined;
    rosterReads.clear();
    const again = await issue('2026-03-14');
    ok(again, 202);
    // Reopened: the failed class is outstanding again; what the done classes added stays.
    expect(again.body).toMatchObject({ runId, status: 'running', classesDone: 2, failedClasses: [], warnedCount: 2, processingCount: 0 });
    expect(again.body.finishedAt).toBeUndefined();
    await local.idle();
    // Only c-fb was sent: the classes done were not evaluated again.
    expect(Object.fromEntries(rosterReads)).toEqual({ [classB]: 1 });

    const run = await runOf(runId);
    // 2 warned before + c-fb's b1 and b2 = 4; processing 0 + b2 = 1.
    expect(run.body).toMatchObject({ status: 'done', classesTotal: 3, classesDone: 3, failedClasses: [], warnedCount: 4, processingCount: 1 });
    expect(run.body.warned.map((s: { studentNumber: string }) => s.studentNumber)).toEqual([a1, b1, b2, c2]);
    expect(run.body.processing.map((s: { studentNumber: string }) => s.studentNumber)).toEqual([b2]);
    expect(await statusesOf(a1)).toEqual(['academic-warning']);
    expect(await statusesOf(b1)).toEqual(['academic-warning']);
    expect(await statusesOf(b2)).toEqual(['academic-warning', 'status-processing']);
    expect(await statusesOf(c2)).toEqual(['academic-warning']);
    for (const studentNumber of [a2, c1]) expect(await statusesOf(studentNumber)).toEqual([]);

    // Done is final: the same document once more is answered 200 and sends nothing.
    ok(await issue('2026-03-15'), 200);
    await local.idle();
    expect(Object.fromEntries(rosterReads)).toEqual({ [classB]: 1 });
  });
});

describe('a class joining its warning run (the conditional writes)', () => {
  const repository = () => createDependencies(configFromEnv(), { now: () => new Date('2026-03-13T02:00:00Z') }).warningRuns;
  const listing = (classId: string, warnedCount: number, processingCount: number) => ({ classId, pages: [], warnedCount, processingCount });
  const acceptRun = async (runId: string) => {
    const runs = repository();
    const accepted = await runs.accept({
      tenantId, runId, unitId, termId: '2025-autumn', documentOn: '2026-03-13', documentRef: runId, issue: true,
      settings: { passMark: 60, warningFailedCourses: 1, processingFailedCourses: 4, certificateLimit: 3 },
      classIds: ['x', 'y'], classesDone: 0, failedClasses: [], warnedCount: 0, processingCount: 0, status: 'running', acceptedBy: registrar.userId, acceptedAt: '2026-03-13T02:00:00.000Z',
    });
    expect(accepted).toBe(true);
    return runs;
  };

  it('counts a class joined done once, and never turns it failed', async () => {
    const runs = await acceptRun('joins-once');
    expect(await runs.joinClass(tenantId, 'joins-once', listing('x', 2, 1))).toMatchObject({ joined: true, run: { classesDone: 1, warnedCount: 2, processingCount: 1 } });
    expect(await runs.joinClass(tenantId, 'joins-once', listing('x', 2, 1))).toEqual({ joined: false });
    expect(await runs.joinClassFailed(tenantId, 'joins-once', 'x')).toEqual({ joined: false });
    expect(await runs.classOutcome(tenantId, 'joins-once', 'x')).toBe('done');
    expect(await runs.get(tenantId, 'joins-once')).toMatchObject({ classesDone: 1, failedClasses: [], warnedCount: 2, processingCount: 1, status: 'running' });
  });

  it('names a class failing twice once; finishes failed only over the counts read, and done after the class joins done in the reopened run', async () => {
    const runs = await acceptRun('fails-twice');
    await runs.joinClass(tenantId, 'fails-twice', listing('x', 1, 0));
    expect(await runs.joinClassFailed(tenantId, 'fails-twice', 'y')).toMatchObject({ joined: true, run: { failedClasses: ['y'] } });
    expect(await runs.joinClassFailed(tenantId, 'fails-twice', 'y')).toMatchObject({ joined: true, run: { failedClasses: ['y'], classesDone: 1 } });
    // 1 done + 1 failed of 2: failed. Finishing done over these counts is refused (a class failed), and so is a stale count.
    expect(await runs.finish(tenantId, 'fails-twice', 'done', { classesDone: 1, failedClasses: [] }, '2026-03-13T02:01:00.000Z')).toBe(false);
    expect(await runs.finish(tenantId, 'fails-twice', 'failed', { classesDone: 0, failedClasses: ['y'] }, '2026-03-13T02:01:00.000Z')).toBe(false);
    expect(await runs.finish(tenantId, 'fails-twice', 'failed', { classesDone: 1, failedClasses: ['y'] }, '2026-03-13T02:01:00.000Z')).toBe(true);
    // Finished: no class joins, done or failed.
    expect(await runs.joinClass(tenantId, 'fails-twice', listing('y', 1, 1))).toEqual({ joined: false });
    expect(await runs.get(tenantId, 'fails-twice')).toMatchObject({ status: 'failed', classesDone: 1, failedClasses: ['y'], warnedCount: 1 });

    expect(await runs.reopen(tenantId, 'fails-twice')).toBe(true);
    expect(await runs.reopen(tenantId, 'fails-twice')).toBe(false);
    expect(await runs.classOutcomes(tenantId, 'fails-twice')).toEqual(new Map([['x', 'done'], ['y', 'failed']]));
    expect(await runs.joinClass(tenantId, 'fails-twice', listing('y', 1, 1))).toMatchObject({ joined: true, run: { status: 'running', classesDone: 2, failedClasses: [], warnedCount: 2, processingCount: 1 } });
    expect(await runs.finish(tenantId, 'fails-twice', 'done', { classesDone: 2, failedClasses: [] }, '2026-03-14T02:00:00.000Z')).toBe(true);
    expect(await runs.get(tenantId, 'fails-twice')).toMatchObject({ status: 'done', finishedAt: '2026-03-14T02:00:00.000Z' });
  });
});
