/**
 * The transcript as .xlsx through HTTP against DynamoDB Local and s3rver: asked for (202),
 * written by the transcriptExport job on the local queue, polled, downloaded with plain
 * fetch from the presigned URL and read back without exceljs (fflate + saxes). Also the
 * course teacher's grades limited to the terms they teach the class (issue #11).
 *
 * The student s1 of 会计学 (C1 基础会计 4 credits, C2 经济数学 3, C3 管理学 2; 8 required):
 *   2025-autumn C1 50, make-up 70 → passed (the better score, 70 ≥ 60)
 *   2025-autumn C2 85            → passed
 *   2026-spring C3 40            → failed
 * Credits earned: C1 4 + C2 3 = 7. The math teacher teaches the class in 2025-autumn only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal, Role } from '../../domain/access.js';
import { configFromEnv, createDependencies, type Dependencies } from '../../functions/composition.js';
import { academicRoutes } from '../../functions/http/academics.js';
import { configurationRoutes } from '../../functions/http/configuration.js';
import { httpFunction, type Route } from '../../functions/http/kit/http-function.js';
import { privacyRoutes } from '../../functions/http/privacy.js';
import { rosterRoutes } from '../../functions/http/roster.js';
import { transcriptExportRoutes } from '../../functions/http/transcript-exports.js';
import { writeTranscriptExport } from '../../functions/reports/transcript-export-job.js';
import { bucketClient } from '../../functions/storage/s3-client.js';
import { transcriptExportKeys, type TranscriptExportContent } from '../../functions/storage/transcript-export-keys.js';
import { startLocalAsync } from '../../scripts/local/async-runtime.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { clockedRoutes } from '../support/clocked-routes.js';
import { twoAcademicYears } from '../support/fixtures.js';
import { readXlsx, values, type Sheet } from '../unit/reports/xlsx-reader.js';

const allRoutes: Readonly<Record<string, Route<Dependencies, any>>> = { ...rosterRoutes, ...configurationRoutes, ...privacyRoutes, ...academicRoutes, ...transcriptExportRoutes };
const local = startLocalAsync({ clock: { now: () => new Date() }, schedules: false, retryDelayMs: 5 });
afterAll(() => local.stop());

/** Every route with the clock stopped at 10:00 in Beijing on `day`, sending through the local queues. */
const { on, at } = clockedRoutes(allRoutes, { messaging: local.messaging });
const call = on('2026-07-20');

const tenantId = uniqueTenant('transcript-exports');
const unitId = 'center-t';
const classId = 'c-tx';
const person = (role: Role, userId: string = role): Principal => ({ userId, tenantId, unitId, roles: [role] });
const admin = person('tenant-admin', 'admin-t');
const registrar = person('registrar', 'registrar-t');
const otherRegistrar = person('registrar', 'registrar-t2');
const mathTeacher = person('course-teacher', 'ct-math');
const classTeacher = person('class-teacher', 'teacher-t');
const counselor = person('counselor', 'counselor-t');
const director = person('center-director', 'director-t');
const [s1, s2] = ['2611001801001', '2611001801002'] as const;
const programme = {
  name: '会计学',
  level: 'undergraduate',
  studentType: 'open-education',
  requiredCredits: 8,
  courses: [
    { code: 'C1', name: '基础会计', credits: 4, programmeTerm: 1, degreeCourse: true },
    { code: 'C2', name: '经济数学', credits: 3, programmeTerm: 1, degreeCourse: false },
    { code: 'C3', name: '管理学', credits: 2, programmeTerm: 2, degreeCourse: false },
  ],
};

const ok = (answer: { status: number; body: unknown }, status: number) => expect(answer.status, JSON.stringify(answer.body)).toBe(status);
const exportsPath = (student: string) => ({ tenantId, studentNumber: student });
const ask = (principal: Principal, student: string = s1, headers: Record<string, string> = {}, day = '2026-07-20') =>
  on(day)('POST /tenants/{tenantId}/students/{studentNumber}/transcript-exports', { pathParameters: exportsPath(student), principal, headers });
const poll = (principal: Principal, exportId: string, student: string = s1, day = '2026-07-20') =>
  on(day)('GET /tenants/{tenantId}/students/{studentNumber}/transcript-exports/{exportId}', { pathParameters: { ...exportsPath(student), exportId }, principal });
const transcript = (principal: Principal) => call('GET /tenants/{tenantId}/students/{studentNumber}/results', { pathParameters: exportsPath(s1), principal });

/** Asks, lets the job run, polls: the ready export and the workbook's sheets as downloaded. */
async function exported(principal: Principal): Promise<{ ready: any; results: Sheet; student: Sheet }> {
  const asked = await ask(principal);
  ok(asked, 202);
  await local.idle();
  const ready = await poll(principal, asked.body.exportId);
  ok(ready, 200);
  expect(ready.body.status).toBe('ready');
  const fetched = await fetch(ready.body.download.url);
  expect(fetched.status).toBe(200);
  const { sheets } = readXlsx(new Uint8Array(await fetched.arrayBuffer()));
  expect(sheets.map((s) => s.name)).toEqual(['成绩 Results', '学生 Student']);
  return { ready: ready.body, results: sheets[0]!, student: sheets[1]! };
}
/** The student sheet's value of the item whose label starts with `label`. */
const item = (sheet: Sheet, label: string) => [...sheet.rows.values()].find((cells) => String(cells[0]?.value ?? '').startsWith(label))?.[1]?.value ?? null;

beforeAll(async () => {
  ok(await call('POST /tenants/{tenantId}/units', { pathParameters: { tenantId }, principal: admin, body: { unitId, name: '宁波学习中心', kind: 'learning-center' } }), 201);
  ok(await call('PUT /tenants/{tenantId}/configuration', { pathParameters: { tenantId }, principal: admin, body: twoAcademicYears }), 201);
  const body = { classId, unitId, name: '会计2班', cohort: 'new', entryTerm: '2025-autumn', classTeacherId: classTeacher.userId, counselorId: counselor.userId, students: [s1, s2].map((studentNumber, i) => ({ studentNumber, name: `学生${i + 1}` })) };
  ok(await call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: admin, body }), 201);
  ok(await call('PUT /tenants/{tenantId}/classes/{classId}/course-teachers/{termId}', { pathParameters: { tenantId, classId, termId: '2025-autumn' }, principal: admin, body: { teacherIds: [mathTeacher.userId] } }), 201);
  ok(await call('PUT /tenants/{tenantId}/programmes/{majorId}', { pathParameters: { tenantId, majorId: 'acc-bk' }, principal: registrar, body: programme }), 201);
  ok(await call('PUT /tenants/{tenantId}/units/{unitId}/offerings/{termId}', { pathParameters: { tenantId, unitId, termId: '2025-autumn' }, principal: admin, body: { grades: [{ grade: '2025-autumn', majorIds: ['acc-bk'] }] } }), 201);
  ok(await call('PUT /tenants/{tenantId}/students/{studentNumber}/programme', { pathParameters: exportsPath(s1), principal: registrar, body: { majorId: 'acc-bk', grade: '2025-autumn' } }), 201);
  const enter = (term: string, course: string, score: number) =>
    call('PUT /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}', { pathParameters: { tenantId, studentNumber: s1, termId: term, courseCode: course }, principal: registrar, body: { score } });
  ok(await enter('2025-autumn', 'C1', 50), 201);
  ok(await call('POST /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/make-up', { pathParameters: { tenantId, studentNumber: s1, termId: '2025-autumn', courseCode: 'C1' }, principal: registrar, headers: { 'if-match': '"1"' }, body: { score: 70 } }), 200);
  ok(await enter('2025-autumn', 'C2', 85), 201);
  ok(await enter('2026-spring', 'C3', 40), 201);
}, 60_000);

describe('the transcript as .xlsx', () => {
  it('a registrar asks (202 with Location), the job writes it, and the ready export downloads the workbook with every grade', async () => {
    const asked = await ask(registrar);
    ok(asked, 202);
    expect(asked.headers['location']).toBe(`/tenants/${tenantId}/students/${s1}/transcript-exports/${asked.body.exportId}`);
    expect(asked.body).toMatchObject({ studentNumber: s1, status: 'pending', maskedFields: [] });
    const { ready, results, student } = await exported(registrar);
    expect(ready.download.fileName).toBe(`transcript-${s1}-20260720.xlsx`);
    expect(Date.parse(ready.download.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    expect(values(results, 1, 8)).toEqual(['学期 Term', '课程代码 Course code', '课程名称 Course name', '学分 Credits', '成绩 Score', '补考成绩 Make-up score', '是否通过 Passed', '更正次数 Corrections']);
    // Term order (2025-autumn before 2026-spring), then course code; make-up only where entered.
    expect(values(results, 2, 8)).toEqual(['2025-autumn', 'C1', '基础会计', 4, 50, 70, '是 yes', 0]);
    expect(values(results, 3, 8)).toEqual(['2025-autumn', 'C2', '经济数学', 3, 85, null, '是 yes', 0]);
    expect(values(results, 4, 8)).toEqual(['2026-spring', 'C3', '管理学', 2, 40, null, '否 no', 0]);
    expect(results.rows.has(5)).toBe(false);
    // 4 + 3 = 7 credits earned of the 8 required.
    expect(item(student, '已获学分')).toBe(7);
    expect(item(student, '要求学分')).toBe(8);
    expect(item(student, '专业')).toBe('会计学 (acc-bk)');
    expect(item(student, '屏蔽字段')).toBe('—');
  });

  it('the class teacher’s export masks every grade, as their JSON transcript does', async () => {
    const json = await transcript(classTeacher);
    expect(json.body.maskedFields).toEqual(['grades']);
    const { ready, results, student } = await exported(classTeacher);
    expect(ready.maskedFields).toEqual(['grades']);
    expect(values(results, 2, 8)).toEqual(['2025-autumn', 'C1', '基础会计', 4, '***', '***', '***', '***']);
    expect(values(results, 4, 8)).toEqual(['2026-spring', 'C3', '管理学', 2, '***', '***', '***', '***']);
    expect(item(student, '已获学分')).toBe('***');
    expect(item(student, '屏蔽字段')).toBe('成绩 grades');
  });

  it('a counselor’s grant of grades reveals them in the export; the reveal is logged when asked, and the file is refused once the grant has ended', async () => {
    const requested = await call('POST /tenants/{tenantId}/access-requests', { pathParameters: { tenantId }, principal: counselor, body: { studentNumbers: [s1], fields: ['grades'], reason: '学业谈话需要成绩单', days: 1 } });
    ok(requested, 201);
    ok(await call('POST /tenants/{tenantId}/access-requests/{grantId}/decision', { pathParameters: { tenantId, grantId: requested.body.grantId }, principal: director, body: { approve: true } }), 200);
    const { ready, results } = await exported(counselor);
    expect(ready.maskedFields).toEqual([]);
    expect(values(results, 4, 8)).toEqual(['2026-spring', 'C3', '管理学', 2, 40, null, '否 no', 0]);
    const log = await call('GET /tenants/{tenantId}/reveals', { pathParameters: { tenantId }, principal: admin, query: { studentNumber: s1 } });
    expect(log.body.items).toContainEqual(expect.objectContaining({ userId: counselor.userId, fields: ['grades'], grantId: requested.body.grantId, route: `/tenants/${tenantId}/students/${s1}/transcript-exports` }));
    // A week later the one-day grant has ended: the counselor still reads the (masked) transcript, but not this file.
    ok(await poll(counselor, ready.exportId, s1, '2026-07-27'), 403);
  });

  it('only who asked collects the export: another registrar gets 403, an unknown id 404', async () => {
    const asked = await ask(registrar);
    ok(asked, 202);
    ok(await poll(otherRegistrar, asked.body.exportId), 403);
    ok(await poll(registrar, '0190d3e4-0000-7000-8000-000000000000'), 404);
    ok(await ask(person('finance', 'finance-t')), 403);
    ok(await ask(registrar, '2611009999999'), 404);
  });

  it('a ready export is collected for 6 days after it was written, then answers expired without a download (the bucket deletes the workbook after 7)', async () => {
    const { ready } = await exported(registrar);
    // The job's clock wrote readyAt; 6 × 86,400,000 ms later the download ends.
    const until = Date.parse(ready.readyAt) + 6 * 86_400_000;
    expect(ready.downloadableUntil).toBe(new Date(until).toISOString());
    const getAt = (instant: number) =>
      at(new Date(instant))('GET /tenants/{tenantId}/students/{studentNumber}/transcript-exports/{exportId}', { pathParameters: { ...exportsPath(s1), exportId: ready.exportId }, principal: registrar });
    const lastMinute = await getAt(until - 60_000);
    ok(lastMinute, 200);
    expect(lastMinute.body).toMatchObject({ status: 'ready', download: { fileName: ready.download.fileName } });
    const expired = await getAt(until);
    ok(expired, 200);
    expect(expired.body).toMatchObject({ exportId: ready.exportId, status: 'expired', readyAt: ready.readyAt });
    expect(expired.body.download).toBeUndefined();
  });

  it('the same Idempotency-Key gives the same export, once', async () => {
    const first = await ask(registrar, s1, { 'idempotency-key': 'tx-export-1' });
    const again = await ask(registrar, s1, { 'idempotency-key': 'tx-export-1' });
    ok(first, 202);
    ok(again, 202);
    expect(again.body.exportId).toBe(first.body.exportId);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });
});

describe('a course teacher sees the grades of the terms they teach the class only', () => {
  it('the JSON transcript shows 2025-autumn’s scores and masks 2026-spring’s, without credits earned', async () => {
    const read = await transcript(mathTeacher);
    ok(read, 200);
    expect(read.body.maskedFields).toEqual(['grades']);
    expect(read.body.creditsEarned).toBeUndefined();
    expect(read.body.results.map((r: Record<string, unknown>) => [r['termId'], r['courseCode'], r['score'] ?? null, r['passed'] ?? null])).toEqual([
      ['2025-autumn', 'C1', 50, true],
      ['2025-autumn', 'C2', 85, true],
      ['2026-spring', 'C3', null, null],
    ]);
  });

  it('their corrections list shows the corrections of 2025-autumn only; a registrar’s shows both', async () => {
    const correct = (term: string, course: string) =>
      call('POST /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/corrections', { pathParameters: { tenantId, studentNumber: s1, termId: term, courseCode: course }, principal: registrar, headers: { 'if-match': '"1"' }, body: { field: 'score', value: 45, reason: '登分错误' } });
    ok(await correct('2025-autumn', 'C2'), 201);
    ok(await correct('2026-spring', 'C3'), 201);
    const listed = async (principal: Principal) => (await call('GET /tenants/{tenantId}/students/{studentNumber}/corrections', { pathParameters: exportsPath(s1), principal })).body.items.map((c: { termId: string; courseCode: string }) => `${c.termId} ${c.courseCode}`).sort();
    expect(await listed(mathTeacher)).toEqual(['2025-autumn C2']);
    expect(await listed(registrar)).toEqual(['2025-autumn C2', '2026-spring C3']);
  });

  it('so does the export', async () => {
    const { results, student } = await exported(mathTeacher);
    expect(values(results, 2, 8)).toEqual(['2025-autumn', 'C1', '基础会计', 4, 50, 70, '是 yes', 0]);
    expect(values(results, 4, 8)).toEqual(['2026-spring', 'C3', '管理学', 2, '***', '***', '***', '***']);
    expect(item(student, '已获学分')).toBe('***');
  });
});

describe('the export job', () => {
  const dropped = { queues: { send: async () => {} }, events: { publish: async () => {} } };
  const askUndelivered = httpFunction(allRoutes, () => createDependencies(configFromEnv(), { now: () => new Date('2026-07-20T02:00:00Z') }, { messaging: dropped }));
  const dependencies = createDependencies(configFromEnv());
  const stored = (exportId: string) => dependencies.facts.get<TranscriptExportContent>(tenantId, `class:${classId}`, transcriptExportKeys.export(s1, exportId));

  it('an export stays pending, without a download, until its message is handled; a repeated delivery then writes nothing', async () => {
    const asked = await invoke(askUndelivered, { routeKey: 'POST /tenants/{tenantId}/students/{studentNumber}/transcript-exports', pathParameters: exportsPath(s1), principal: registrar });
    ok(asked, 202);
    const pending = await poll(registrar, asked.body.exportId);
    expect(pending.body.status).toBe('pending');
    expect(pending.body).not.toHaveProperty('download');
    const message = { tenantId, classId, studentNumber: s1, exportId: asked.body.exportId };
    expect(await writeTranscriptExport(dependencies, bucketClient('reports'), message)).toBe('written');
    // Pending at version 1, ready at 2; a second delivery leaves it at 2.
    expect((await stored(asked.body.exportId))?.version).toBe(2);
    expect(await writeTranscriptExport(dependencies, bucketClient('reports'), message)).toBe('ready-already');
    expect((await stored(asked.body.exportId))?.version).toBe(2);
    expect((await poll(registrar, asked.body.exportId)).body.status).toBe('ready');
  });

  it('drops a message naming no export (nothing to retry)', async () => {
    expect(await writeTranscriptExport(dependencies, bucketClient('reports'), { tenantId, classId, studentNumber: s1, exportId: '0190d3e4-0000-7000-8000-000000000001' })).toBe('unknown');
  });
});
