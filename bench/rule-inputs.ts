/**
 * Rule inputs at volume (`npm run bench`, or `npx tsx bench/rule-inputs.ts`): an import of
 * 10,000 at-risk statuses end to end, and the standing of a counselor with 200 students at
 * risk. The handlers run in this process against DynamoDB Local (in memory, its own Java
 * process), as the local runtime runs them; "handler CPU" is this process's CPU over the
 * invocation (the handler, middy, zod and the SDK client; DynamoDB Local's own is not in it).
 */
import type { Context } from 'aws-lambda';
import { httpEvent, invoke } from '../test/support/events.js';
import { startBenchTable } from './local-table.js';
import type { Principal } from '../domain/access.js';

const db = await startBenchTable();
const { handler: roster } = await import('../functions/http/roster.js');
const { handler: statuses } = await import('../functions/http/student-status.js');
const { handler: configuration } = await import('../functions/http/configuration.js');
const { handler: standing } = await import('../functions/http/standing.js');

const tenantId = 'bench';
const unitId = 'center-b';
const admin: Principal = { userId: 'admin-b', tenantId, roles: ['tenant-admin'] };
const registrar: Principal = { userId: 'registrar-b', tenantId, unitId, roles: ['registrar'] };
const counselor: Principal = { userId: 'counselor-b', tenantId, unitId, roles: ['counselor'] };
const must = async (answer: Promise<{ status: number; body: unknown }>, status: number) => {
  const { status: got, body } = await answer;
  if (got !== status) throw new Error(`bench set-up: ${got} ${JSON.stringify(body).slice(0, 300)}`);
};
const number = (c: number, s: number) => `2611${String(c).padStart(4, '0')}${String(s).padStart(5, '0')}`;

await must(invoke(roster, { routeKey: 'POST /tenants/{tenantId}/units', pathParameters: { tenantId }, principal: admin, body: { unitId, name: '中心', kind: 'learning-center' } }), 201);
await must(invoke(configuration, { routeKey: 'PUT /tenants/{tenantId}/configuration', pathParameters: { tenantId }, principal: admin, body: { academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }], terms: [{ id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' }] } }), 201);
// 100 classes of 100 students; the first two (200 students) are the counselor's.
for (let c = 0; c < 100; c += 1) {
  const body = { classId: `c${c}`, unitId, name: `班${c}`, cohort: 'new', entryTerm: '2025-autumn', ...(c < 2 ? { counselorId: counselor.userId } : {}) };
  await must(invoke(roster, { routeKey: 'POST /tenants/{tenantId}/classes', pathParameters: { tenantId }, principal: admin, body }), 201);
  const students = Array.from({ length: 100 }, (_, s) => ({ studentNumber: number(c, s), name: `学生${s}` }));
  await must(invoke(roster, { routeKey: 'POST /tenants/{tenantId}/classes/{classId}/students', pathParameters: { tenantId, classId: `c${c}` }, principal: admin, body: { students } }), 201);
}

const rows = Array.from({ length: 10_000 }, (_, i) => ({ studentNumber: number(Math.floor(i / 100), i % 100), kind: 'academic-warning', documentOn: '2025-10-13' }));
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
// Lambda's context with time to spare: the figure is what the import takes, whatever the function's timeout.
const longContext = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 600_000 } as Context;
const imported = (await statuses(httpEvent({ routeKey: 'POST /tenants/{tenantId}/imports/statuses', pathParameters: { tenantId }, principal: registrar, body: { statuses: rows } }), longContext)) as { statusCode: number; body: string };
if (imported.statusCode !== 201) throw new Error(`import answered ${imported.statusCode} ${imported.body.slice(0, 300)}`);
const importWall = performance.now() - wall0;
const importCpu = process.cpuUsage(cpu0);

const runs: { cpu: number; wall: number }[] = [];
for (let i = 0; i < 25; i += 1) {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const answer = await invoke(standing, { routeKey: 'GET /tenants/{tenantId}/staff/{userId}/standing', pathParameters: { tenantId, userId: counselor.userId }, principal: counselor });
  if (answer.status !== 200) throw new Error(`standing answered ${answer.status}`);
  const used = process.cpuUsage(c0);
  if (i >= 5) runs.push({ cpu: (used.user + used.system) / 1000, wall: performance.now() - w0 });
}
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log('## Rule inputs at volume (bench/rule-inputs.ts)\n');
console.log('| what | wall | CPU in this process |');
console.log('| --- | --- | --- |');
console.log(`| import of 10,000 at-risk statuses (all or nothing) | ${(importWall / 1000).toFixed(2)} s | ${((importCpu.user + importCpu.system) / 1e6).toFixed(2)} s |`);
console.log(`| standing of a counselor with 200 students at risk (median of 20) | ${median(runs.map((r) => r.wall)).toFixed(0)} ms | ${median(runs.map((r) => r.cpu)).toFixed(0)} ms |`);
await db.stop();
