/**
 * Academics at volume (`npm run bench`, or `npx tsx bench/academics.ts`): an import of 10,000
 * results, and the warning run of a unit of 10,000 students × 20 courses (200,000 results),
 * previewed and then issued, each as the job it is: the route accepts the run (202), the
 * catalog's `warning-runs` consumer (functions/jobs/warning-run.ts) takes the 100 class
 * messages on the local runtime's in-process queue, and the run's lists are read back page
 * after page. The handlers run in this process against DynamoDB Local, as the local runtime
 * runs them; "CPU" is this process's CPU over the span (handlers, middy, zod, the SDK
 * client; not DynamoDB Local's). The 190,000 results the run reads besides the import, and
 * the enrolments, are written straight through the repository: setting up is not measured.
 */
import type { Context } from 'aws-lambda';
import { httpEvent, type EventInput } from '../test/support/events.js';
import { startBenchTable } from './local-table.js';
import type { Principal } from '../domain/access.js';

const db = await startBenchTable();
// The GET of a run hands out page cursors: the local runtime's way, a key in the environment.
process.env['CURSOR_KEY'] = 'bench-cursor-key-0123456789abcdef0123456789abcdef';
const { useMessagingInThisProcess } = await import('../functions/messaging.js');
const { startLocalAsync } = await import('../scripts/local/async-runtime.js');
const { asyncFunctions } = await import('../functions/catalog.js');
const { resolve } = await import('node:path');
const { pathToFileURL } = await import('node:url');
/** Each class delivery's wall time, to show the slowest invocation against Lambda's limits. */
const deliveries: number[] = [];
const local = startLocalAsync({
  clock: { now: () => new Date() },
  schedules: false,
  loadHandler: async (name) => {
    const { handler } = (await import(pathToFileURL(resolve(import.meta.dirname, '..', asyncFunctions[name as keyof typeof asyncFunctions].entry)).href)) as { handler: (event: unknown, context: unknown) => Promise<unknown> };
    return async (event, context) => {
      const start = performance.now();
      try {
        return await handler(event, context);
      } finally {
        deliveries.push(performance.now() - start);
      }
    };
  },
});
useMessagingInThisProcess(local.messaging);
const { handler: roster } = await import('../functions/http/roster.js');
const { handler: configuration } = await import('../functions/http/configuration.js');
const { handler: academics } = await import('../functions/http/academics.js');
const { configFromEnv, createDependencies } = await import('../functions/composition.js');
const { academicKeys } = await import('../functions/http/programmes.js');
const { resultKeys } = await import('../functions/http/results.js');

const tenantId = 'bench';
const unitId = 'center-b';
const admin: Principal = { userId: 'admin-b', tenantId, roles: ['tenant-admin'] };
const registrar: Principal = { userId: 'registrar-b', tenantId, unitId, roles: ['registrar'] };
const longContext = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 600_000 } as Context;
/** Set-up calls get a long deadline: on a loaded machine DynamoDB Local may take longer than a test's context allows. */
const invoke = async (handler: (event: ReturnType<typeof httpEvent>, context: Context) => Promise<unknown>, input: EventInput) => {
  const answer = (await handler(httpEvent(input), longContext)) as { statusCode: number; body: string };
  return { status: answer.statusCode, body: JSON.parse(answer.body) as unknown };
};
const must = async (answer: Promise<{ status: number; body: unknown }>, status: number) => {
  const { status: got, body } = await answer;
  if (got !== status) throw new Error(`bench set-up: ${got} ${JSON.stringify(body).slice(0, 300)}`);
};
const number = (c: number, s: number) => `2611${String(c).padStart(4, '0')}${String(s).padStart(5, '0')}`;
const courses = Array.from({ length: 20 }, (_, i) => ({ code: `K${String(i).padStart(2, '0')}`, name: `课程${i}`, credits: 3, programmeTerm: 1 + (i % 4), degreeCourse: false }));
/** Every tenth student fails the first five courses (1,000 warned, 1,000 to processing); the rest pass with 60–99. */
const scoreOf = (s: number, k: number) => (s % 10 === 0 && k < 5 ? 30 : 60 + ((s + k) % 40));

await must(invoke(roster, { routeKey: 'POST /tenants/{tenantId}/units', pathParameters: { tenantId }, principal: admin, body: { unitId, name: '中心', kind: 'learning-center' } }), 201);
await must(invoke(configuration, { routeKey: 'PUT /tenants/{tenantId}/configuration', pathParameters: { tenantId }, principal: admin, body: { academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }], terms: [{ id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' }] } }), 201);
await must(invoke(academics, { routeKey: 'PUT /tenants/{tenantId}/programmes/{majorId}', pathParameters: { tenantId, majorId: 'acc' }, principal: admin, body: { name: '会计学', level: 'undergraduate', studentType: 'open-education', requiredCredits: 60, courses } }), 201);
for (let c = 0; c < 100; c += 1) {
  await must(invoke(roster, { routeKey: 'POST /tenants/{tenantId}/classes', pathParameters: { tenantId }, principal: admin, body: { classId: `c${c}`, unitId, name: `班${c}`, cohort: 'new', entryTerm: '2025-autumn' } }), 201);
  const students = Array.from({ length: 100 }, (_, s) => ({ studentNumber: number(c, s), name: `学生${s}` }));
  await must(invoke(roster, { routeKey: 'POST /tenants/{tenantId}/classes/{classId}/students', pathParameters: { tenantId, classId: `c${c}` }, principal: admin, body: { students } }), 201);
}
const { facts } = createDependencies(configFromEnv());
const at = '2026-01-20T02:00:00.000Z';
const stamped = (owner: `class:${string}`, fact: string, content: unknown) => ({ tenantId, owner, fact, content, version: 1, updatedAt: at, updatedBy: 'bench' });
const students = Array.from({ length: 10_000 }, (_, i) => ({ classId: `c${Math.floor(i / 100)}`, studentNumber: number(Math.floor(i / 100), i % 100), index: i }));
await facts.createAll(students.map((s) => stamped(`class:${s.classId}`, academicKeys.enrolment(s.studentNumber), { majorId: 'acc', grade: '2025-autumn' })));
// Courses K01–K19 of every student go in straight; K00 of every student comes through the import below.
const setUpResults = students.flatMap((s) => courses.slice(1).map((course, k) => stamped(`class:${s.classId}`, resultKeys.result(s.studentNumber, '2025-autumn', course.code), { score: scoreOf(s.index, k + 1), enteredBy: 'bench', enteredAt: at })));
for (let i = 0; i < setUpResults.length; i += 10_000) await facts.createAll(setUpResults.slice(i, i + 10_000));

async function call(routeKey: string, pathParameters: Record<string, string>, body: unknown, status: number, query?: Record<string, string>) {
  const answer = (await academics(httpEvent({ routeKey, pathParameters, principal: registrar, body, ...(query ? { query } : {}) }), longContext)) as { statusCode: number; body: string };
  if (answer.statusCode !== status) throw new Error(`${routeKey} answered ${answer.statusCode} ${answer.body.slice(0, 300)}`);
  return JSON.parse(answer.body) as { runId: string; status: string; warnedCount: number; processingCount: number; warned?: unknown[]; processing?: unknown[]; nextCursor?: string };
}
async function measured<T>(work: () => Promise<T>) {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const result = await work();
  const cpu = process.cpuUsage(cpu0);
  return { wall: (performance.now() - wall0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, result };
}
const seconds = (figures: { wall: number; cpu: number }) => `${figures.wall.toFixed(2)} s | ${figures.cpu.toFixed(2)} s`;

/** Accepted (202), every class delivered until the queue is idle, then the lists read back 10 kept pages an answer. */
async function job(body: Record<string, unknown>) {
  deliveries.length = 0;
  const accepted = await measured(() => call('POST /tenants/{tenantId}/units/{unitId}/warning-runs', { tenantId, unitId }, body, 202));
  const done = await measured(() => local.idle());
  const read = await measured(async () => {
    let cursor: string | undefined;
    let answers = 0;
    let listed = 0;
    let last;
    do {
      last = await call('GET /tenants/{tenantId}/units/{unitId}/warning-runs/{runId}', { tenantId, unitId, runId: accepted.result.runId }, undefined, 200, cursor ? { cursor } : undefined);
      answers++;
      listed += (last.warned?.length ?? 0) + (last.processing?.length ?? 0);
      cursor = last.nextCursor;
    } while (cursor !== undefined);
    return { answers, listed, run: last };
  });
  if (read.result.run.status !== 'done') throw new Error(`the run is ${read.result.run.status} once the queue is idle`);
  const slowest = Math.max(...deliveries) / 1000;
  return { accepted, done, read, slowest, deliveries: deliveries.length };
}

console.log('## Academics at volume (bench/academics.ts)\n');
console.log('| what | wall | CPU in this process |');
console.log('| --- | --- | --- |');
// Each row is printed as soon as it is measured.
const rows = students.map((s) => ({ studentNumber: s.studentNumber, termId: '2025-autumn', courseCode: courses[0]!.code, score: scoreOf(s.index, 0) }));
const imported = await measured(() => call('POST /tenants/{tenantId}/imports/results', { tenantId }, { results: rows }, 201));
console.log(`| import of 10,000 results (all or nothing) | ${seconds(imported)} |`);
const document = { termId: '2025-autumn', documentOn: '2026-01-20', documentRef: '预警〔2026〕1号' };
for (const [label, body] of [['preview', document], ['issue', { ...document, issue: true }]] as const) {
  const run = await job(body);
  const { warnedCount, processingCount } = run.read.result.run;
  console.log(`| ${label}: accepted (202, 100 class messages sent) | ${seconds(run.accepted)} |`);
  console.log(`| ${label}: ${run.deliveries} class deliveries until done (${warnedCount} warned, ${processingCount} to processing${label === 'issue' ? `, ${warnedCount + processingCount} statuses and 100 classes' counts written` : ''}); slowest delivery ${run.slowest.toFixed(2)} s | ${seconds(run.done)} |`);
  console.log(`| ${label}: the lists read back (${run.read.result.answers} answers of ≤ 10 kept pages, ${run.read.result.listed} listed) | ${seconds(run.read)} |`);
}
const again = await measured(() => call('POST /tenants/{tenantId}/units/{unitId}/warning-runs', { tenantId, unitId }, { ...document, issue: true }, 200));
console.log(`| issued again under the same document (the same run, done: 200, writes nothing) | ${seconds(again)} |`);
// One class message alone, as one Lambda invocation takes it: the deliveries above ran 100 at
// once in this process, so each one's wall time is the whole job's. The run is issued under a
// second document, its messages held back; the first class's is then handed to the consumer.
const held: object[] = [];
useMessagingInThisProcess({ queues: { send: async (_queue, messages) => void held.push(...messages) }, events: local.messaging.events });
await call('POST /tenants/{tenantId}/units/{unitId}/warning-runs', { tenantId, unitId }, { ...document, documentRef: '预警〔2026〕2号', issue: true }, 202);
const { handler: warningRun } = await import('../functions/jobs/warning-run.js');
const sqsEvent = { Records: [{ messageId: 'bench', body: JSON.stringify(held[0]), attributes: { ApproximateReceiveCount: '1' } }] } as never;
const alone = await measured(() => warningRun(sqsEvent) as Promise<{ batchItemFailures: unknown[] }>);
if (alone.result.batchItemFailures.length > 0) throw new Error('the class message alone was not done');
console.log(`| one class message alone, issued (100 students × 20 courses = 2,000 results read; 10 warned, 10 to processing: 20 statuses, the class's counts, its pages) | ${seconds(alone)} |`);
local.stop();
useMessagingInThisProcess(undefined);
await db.stop();
