/**
 * What an API client does in a term, step by step, over real HTTP on the local runtime
 * (`startLocalBackend`, as `npm start` runs it, its clock set to a day of the autumn term)
 * with development tokens for each role:
 * set up the tenant, submit and retry, correct, withdraw, import the past, ask for
 * private fields and have the request decided, read the reveal log, and ask where a
 * class stands. Each step's rules are tested in depth in test/integration; this file
 * proves they are reachable, in order, through the API alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevIdentity } from '../../scripts/local/dev-auth.js';
import { startLocalBackend, type LocalBackend } from '../../scripts/local/runtime.js';
import { classMeetingContent } from '../support/records.js';

const dataDir = mkdtempSync(join(tmpdir(), 'xuewu-journey-'));
let backend: LocalBackend;

const tenantId = 'journey';
const unitId = 'center-sz01';
const base = `/tenants/${tenantId}`;
const staff = (userId: string, roles: DevIdentity['roles'], unit: string | undefined = unitId): DevIdentity => ({
  userId,
  tenantId,
  roles,
  ...(unit !== undefined ? { unitId: unit } : {}),
});
const admin = staff('admin-j', ['tenant-admin'], undefined);
const director = staff('director-j', ['center-director']);
const teacher = staff('teacher-li', ['class-teacher']);
const colleague = staff('teacher-zhao', ['class-teacher']);
const supervisor = staff('supervisor-j', ['supervisor'], undefined);

const classId = '2026-autumn-law-1';
const student = { studentNumber: '2611002301001', name: '周敏', idNumber: '11010519491231002X', phone: '13800138000' };
const roster = [student.studentNumber, '2611002301002', '2611002301003'];

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

async function call(who: DevIdentity, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${backend.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await backend.auth.issue(who)}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

describe('an API client’s term, through HTTP on the local runtime', () => {
  beforeAll(async () => {
    // A Monday of the autumn term, whatever day the tests run on.
    backend = await startLocalBackend({ dataDir, clock: { startAt: '2026-11-23T10:00:00+08:00' } });
  });
  afterAll(async () => {
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets up the tenant: its record, terms, a learning center, two classes, a bulk of students and the staff directory', async () => {
    expect((await call(admin, 'PUT', base, { name: '深圳开放学院', kind: 'school' })).status).toBe(201);
    const configuration = {
      academicYears: [{ id: '2026-2027', start: '2026-09-01', end: '2027-08-31' }],
      terms: [{ id: '2026-autumn', start: '2026-09-07', end: '2027-01-22', academicYearId: '2026-2027' }],
    };
    expect((await call(admin, 'PUT', `${base}/configuration`, configuration)).status).toBe(201);
    expect((await call(admin, 'POST', `${base}/units`, { unitId, name: '深圳学习中心', kind: 'learning-center' })).status).toBe(201);
    const schoolClass = { unitId, name: '2026级法学1班', cohort: 'new', entryTerm: '2026-autumn' };
    expect((await call(admin, 'POST', `${base}/classes`, { ...schoolClass, classId, classTeacherId: teacher.userId, students: [student] })).status).toBe(201);
    expect((await call(director, 'POST', `${base}/classes`, { ...schoolClass, classId: '2026-autumn-law-2', classTeacherId: colleague.userId })).status).toBe(201);

    const bulk = await call(director, 'POST', `${base}/classes/${classId}/students`, { students: roster.slice(1).map((studentNumber, i) => ({ studentNumber, name: `学生${i + 2}` })) });
    expect(bulk.status).toBe(201);
    const read = await call(teacher, 'GET', `${base}/classes/${classId}`);
    expect(read.body.students.map((s: { studentNumber: string }) => s.studentNumber).sort()).toEqual(roster);

    expect((await call(director, 'PUT', `${base}/staff/${teacher.userId}`, { name: '李老师', unitId, department: '法学系' })).status).toBe(201);
    const entry = await call(teacher, 'GET', `${base}/staff/${teacher.userId}`);
    expect(entry.body.classes).toEqual([{ classId, role: 'class-teacher' }]);
  });

  let meetingId = '';

  it('takes a class meeting once however often the client retries it, stamped with the server’s time', async () => {
    const meeting = { kind: 'class-meeting', classId, content: classMeetingContent(roster, { heldOn: '2026-11-16', noticeIssuedAt: '2026-11-13T09:00:00+08:00' }) };
    const key = { 'idempotency-key': 'meeting-2026-11-16' };
    const first = await call(teacher, 'POST', `${base}/records`, meeting, key);
    expect(first.status).toBe(201);
    const retried = await call(teacher, 'POST', `${base}/records`, meeting, key);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.recordId).toBe(first.body.recordId);
    meetingId = first.body.recordId;
    expect(Math.abs(Date.parse(first.body.submittedAt) - backend.clock.now().getTime())).toBeLessThan(60_000);
    const listed = await call(director, 'GET', `${base}/records?classId=${classId}&kind=class-meeting`);
    expect(listed.body.items.map((r: { recordId: string }) => r.recordId)).toEqual([meetingId]);
  });

  it('corrects it with the ETag read, keeps both versions, and refuses the stale ETag', async () => {
    const read = await call(teacher, 'GET', `${base}/records/${meetingId}`);
    const content = { ...read.body.content, summary: '补充：布置了期中复习计划。' };
    const corrected = await call(teacher, 'POST', `${base}/records/${meetingId}/corrections`, { content, reason: '补充总结' }, { 'if-match': read.headers.get('etag') ?? '' });
    expect(corrected.status).toBe(200);
    expect(corrected.headers.get('etag')).toBe('"2"');
    const stale = await call(teacher, 'POST', `${base}/records/${meetingId}/corrections`, { content, reason: '再次补充' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    const versions = await call(teacher, 'GET', `${base}/records/${meetingId}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('masks a talk’s notes for the director, and withdraws it with a reason without deleting it', async () => {
    const talk = await call(teacher, 'POST', `${base}/records`, { kind: 'talk', classId, content: { heldOn: '2026-11-18', students: [student.studentNumber], topic: '学习状态', notes: '家庭经济困难，需关注' } });
    expect(talk.status).toBe(201);
    const seen = await call(director, 'GET', `${base}/records/${talk.body.recordId}`);
    expect(seen.body.maskedFields).toContain('notes');
    expect(seen.body.content).not.toHaveProperty('notes');
    const withdrawn = await call(teacher, 'POST', `${base}/records/${talk.body.recordId}/withdrawal`, { reason: '记错学生' }, { 'if-match': '"1"' });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await call(teacher, 'GET', `${base}/records/${talk.body.recordId}`)).body.status).toBe('withdrawn');
  });

  it('imports a past meeting with its original author and submission time', async () => {
    const imported = await call(admin, 'POST', `${base}/imports/records`, {
      importKey: 'legacy-2026-09',
      records: [
        {
          kind: 'class-meeting',
          classId,
          authorId: teacher.userId,
          submittedAt: '2026-09-15T10:00:00+08:00',
          content: classMeetingContent(roster, { heldOn: '2026-09-14', noticeIssuedAt: '2026-09-11T09:00:00+08:00', kind: 'orientation' }),
        },
      ],
    });
    expect(imported.status).toBe(201);
    const record = await call(teacher, 'GET', `${base}/records/${imported.body.recordIds[0]}`);
    expect(record.body).toMatchObject({ authorId: teacher.userId, submittedAt: '2026-09-15T02:00:00.000Z', imported: { importId: 'legacy-2026-09' } });
  });

  it('opens a student’s ID number to a colleague only through the director’s approval, and logs the read', async () => {
    const before = await call(colleague, 'GET', `${base}/students/${student.studentNumber}`);
    expect(before.status).toBe(403);
    const asked = await call(colleague, 'POST', `${base}/access-requests`, { studentNumbers: [student.studentNumber], fields: ['idNumber'], reason: '核对奖学金申请', days: 3 });
    expect(asked.status).toBe(201);
    const pending = await call(director, 'GET', `${base}/access-requests?unitId=${unitId}`);
    expect(pending.body.items.map((g: { grantId: string }) => g.grantId)).toContain(asked.body.grantId);
    expect((await call(director, 'POST', `${base}/access-requests/${asked.body.grantId}/decision`, { approve: true })).status).toBe(200);

    const after = await call(colleague, 'GET', `${base}/students/${student.studentNumber}`);
    expect(after.body).toMatchObject({ idNumber: student.idNumber, revealedThroughGrants: ['idNumber'] });
    expect(after.body).not.toHaveProperty('phone');
    const log = await call(supervisor, 'GET', `${base}/reveals?studentNumber=${student.studentNumber}`);
    expect(log.body.items).toEqual([expect.objectContaining({ userId: colleague.userId, fields: ['idNumber'], grantId: asked.body.grantId })]);
  });

  it('tells the class teacher where the class stands in the term in force, the meetings counted as evidence', async () => {
    const standing = await call(teacher, 'GET', `${base}/classes/${classId}/standing`);
    expect(standing.status).toBe(200);
    expect(standing.body.termId).toBe('2026-autumn');
    const evidence = JSON.stringify(standing.body.findings);
    expect(evidence).toContain(meetingId);
  });
});
