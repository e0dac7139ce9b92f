/**
 * Academics at volume (`npm run bench`, or `npx tsx bench/academics.ts`): an import of 10,000
 * results, and the warning run of a unit of 10,000 students × 20 courses (200,000 results),
 * previewed and then issued. The handlers run in this process against DynamoDB Local, as the
 * local runtime runs them; "CPU" is this process's CPU over the invocation (handler, middy,
 * zod, the SDK client; not DynamoDB Local's). The 190,000 results the run reads besides the
 * import, and the enrolments, are written straight through the repository: setting up is not measured.
 */
import type { Context } from 'aws-lambda';
import { httpEvent, invoke } from '../test/support/events.js';
import { startBenchTable } from './local-table.js';
import type { Principal } from '../domain/access.js';

const db = await startBenchTable();
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

const longContext = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 600_000 } as Context;
async function measured(routeKey: string, pathParameters: Record<string, string>, body: unknown, status: number) {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const answer = (await academics(httpEvent({ routeKey, pathParameters, principal: registrar, body }), longContext)) as { statusCode: number; body: string };
  const wall = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  if (answer.statusCode !== status) throw new Error(`${routeKey} answered ${answer.statusCode} ${answer.body.slice(0, 300)}`);
  return { wall: wall / 1000, cpu: (cpu.user + cpu.system) / 1e6, body: JSON.parse(answer.body) as { warned?: unknown[]; processing?: unknown[] } };
}

console.log('## Academics at volume (bench/academics.ts)\n');
console.log('| what | wall | CPU in this process |');
console.log('| --- | --- | --- |');
// Each row is printed as soon as it is measured.
const rows = students.map((s) => ({ studentNumber: s.studentNumber, termId: '2025-autumn', courseCode: courses[0]!.code, score: scoreOf(s.index, 0) }));
const imported = await measured('POST /tenants/{tenantId}/imports/results', { tenantId }, { results: rows }, 201);
console.log(`| import of 10,000 results (all or nothing) | ${imported.wall.toFixed(2)} s | ${imported.cpu.toFixed(2)} s |`);
const run = { termId: '2025-autumn', documentOn: '2026-01-20', documentRef: '预警〔2026〕1号' };
const preview = await measured('POST /tenants/{tenantId}/units/{unitId}/warning-runs', { tenantId, unitId }, run, 200);
console.log(`| warning run preview, 10,000 students × 20 courses (${preview.body.warned?.length} warned, ${preview.body.processing?.length} to processing) | ${preview.wall.toFixed(2)} s | ${preview.cpu.toFixed(2)} s |`);
const issued = await measured('POST /tenants/{tenantId}/units/{unitId}/warning-runs', { tenantId, unitId }, { ...run, issue: true }, 201);
console.log(`| the same run issued (writes ${(issued.body.warned?.length ?? 0) + (issued.body.processing?.length ?? 0)} statuses, 100 classes' counts, the kept list) | ${issued.wall.toFixed(2)} s | ${issued.cpu.toFixed(2)} s |`);
const again = await measured('POST /tenants/{tenantId}/units/{unitId}/warning-runs', { tenantId, unitId }, { ...run, issue: true }, 200);
console.log(`| issued again under the same document (reads the kept list, writes nothing) | ${again.wall.toFixed(2)} s | ${again.cpu.toFixed(2)} s |`);
await db.stop();
