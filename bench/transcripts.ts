/**
 * Transcripts and enrolment at volume (`npm run bench`, or `npx tsx bench/transcripts.ts`):
 * the transcript workbook of a student with 120 results (the most courses a programme
 * holds) written by the export job's writer, median of 20 in this process; and a bulk
 * enrolment of 5,000 students (the route's limit) through the academics handler against
 * DynamoDB Local. "CPU" is this process's CPU over the measurement (not DynamoDB Local's).
 */
import type { Context } from 'aws-lambda';
import type { Principal } from '../domain/access.js';
import { httpEvent, invoke } from '../test/support/events.js';
import { startBenchTable } from './local-table.js';

const db = await startBenchTable();
const { transcriptView } = await import('../domain/academics/transcript.js');
const { defaultAcademicSettings } = await import('../domain/academics/results.js');
const { transcriptWorkbookBytes } = await import('../functions/reports/transcript-workbook.js');
const { handler: roster } = await import('../functions/http/roster.js');
const { handler: configuration } = await import('../functions/http/configuration.js');
const { handler: academics } = await import('../functions/http/academics.js');

console.log('## Transcripts and bulk enrolment (bench/transcripts.ts)\n');
console.log('| what | wall | CPU in this process |');
console.log('| --- | --- | --- |');

// The workbook: 120 courses of 3 credits over 8 terms, every tenth failed and made up.
const courses = Array.from({ length: 120 }, (_, i) => ({ code: `K${String(i).padStart(3, '0')}`, name: `课程${i}`, credits: 3, programmeTerm: 1 + (i % 8), degreeCourse: false }));
const terms = ['2022-autumn', '2023-spring', '2023-autumn', '2024-spring', '2024-autumn', '2025-spring', '2025-autumn', '2026-spring'];
const results = courses.map((c, i) => ({ studentNumber: 's', classId: 'c', termId: terms[i % 8]!, courseCode: c.code, score: i % 10 === 0 ? 40 : 60 + (i % 40), ...(i % 10 === 0 ? { makeUpScore: 70 } : {}), enteredBy: 'r', enteredAt: '2026-07-01T00:00:00.000Z', version: 1 }));
const { transcript } = transcriptView(
  { student: { studentNumber: 's', name: '学生' }, classId: 'c', siteId: 'u', enrolment: { majorId: 'm', grade: '2022-autumn' }, programme: { majorId: 'm', name: '专业', level: 'undergraduate', studentType: 'open-education', requiredCredits: 300, courses }, settings: defaultAcademicSettings, results },
  { everyTerm: true, terms: new Set() },
);
const samples: { wall: number; cpu: number; bytes: number }[] = [];
for (let i = 0; i < 21; i += 1) {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const bytes = await transcriptWorkbookBytes(transcript, '2026-07-20T02:00:00.000Z');
  const cpu = process.cpuUsage(cpu0);
  if (i > 0) samples.push({ wall: performance.now() - wall0, cpu: (cpu.user + cpu.system) / 1000, bytes: bytes.length });
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`| transcript workbook, 120 results (${(samples[0]!.bytes / 1024).toFixed(1)} KiB), median of 20 after a warm-up | ${median(samples.map((s) => s.wall)).toFixed(1)} ms | ${median(samples.map((s) => s.cpu)).toFixed(1)} ms |`);

// Bulk enrolment: 5,000 students in 50 classes of one site.
const tenantId = 'bench-enrol';
const unitId = 'center-e';
const admin: Principal = { userId: 'admin-e', tenantId, roles: ['tenant-admin'] };
const registrar: Principal = { userId: 'registrar-e', tenantId, unitId, roles: ['registrar'] };
const must = async (answer: Promise<{ status: number; body: unknown }>, status: number) => {
  const { status: got, body } = await answer;
  if (got !== status) throw new Error(`bench set-up: ${got} ${JSON.stringify(body).slice(0, 300)}`);
};
const number = (c: number, s: number) => `2612${String(c).padStart(4, '0')}${String(s).padStart(5, '0')}`;
await must(invoke(roster, { routeKey: 'POST /tenants/{tenantId}/units', pathParameters: { tenantId }, principal: admin, body: { unitId, name: '中心', kind: 'learning-center' } }), 201);
await must(invoke(configuration, { routeKey: 'PUT /tenants/{tenantId}/configuration', pathParameters: { tenantId }, principal: admin, body: { academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }], terms: [{ id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' }] } }), 201);
await must(invoke(academics, { routeKey: 'PUT /tenants/{tenantId}/programmes/{majorId}', pathParameters: { tenantId, majorId: 'acc' }, principal: admin, body: { name: '会计学', level: 'undergraduate', studentType: 'open-education', requiredCredits: 60, courses: courses.slice(0, 20) } }), 201);
await must(invoke(academics, { routeKey: 'PUT /tenants/{tenantId}/units/{unitId}/offerings/{termId}', pathParameters: { tenantId, unitId, termId: '2025-autumn' }, principal: admin, body: { grades: [{ grade: '2025-autumn', majorIds: ['acc'] }] } }), 201);
for (let c = 0; c < 50; c += 1) {
  await must(invoke(roster, { routeKey: 'POST /tenants/{tenantId}/classes', pathParameters: { tenantId }, principal: admin, body: { classId: `c${c}`, unitId, name: `班${c}`, cohort: 'new', entryTerm: '2025-autumn' } }), 201);
  const students = Array.from({ length: 100 }, (_, s) => ({ studentNumber: number(c, s), name: `学生${s}` }));
  await must(invoke(roster, { routeKey: 'POST /tenants/{tenantId}/classes/{classId}/students', pathParameters: { tenantId, classId: `c${c}` }, principal: admin, body: { students } }), 201);
}
const enrolments = Array.from({ length: 5000 }, (_, i) => ({ studentNumber: number(Math.floor(i / 100), i % 100), majorId: 'acc', grade: '2025-autumn' }));
const longContext = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 600_000 } as Context;
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
const answer = (await academics(httpEvent({ routeKey: 'POST /tenants/{tenantId}/imports/enrolments', pathParameters: { tenantId }, principal: registrar, body: { enrolments } }), longContext)) as { statusCode: number; body: string };
const wall = (performance.now() - wall0) / 1000;
const cpu = process.cpuUsage(cpu0);
if (answer.statusCode !== 201) throw new Error(`enrolment import answered ${answer.statusCode} ${answer.body.slice(0, 300)}`);
console.log(`| bulk enrolment of 5,000 students in 50 classes (all or nothing) | ${wall.toFixed(2)} s | ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s |`);
await db.stop();
