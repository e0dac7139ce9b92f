/**
 * A small demo tenant, loaded through the HTTP API itself (so it passes the same
 * validation and access rules as any client): one learning center, one new-student
 * class with its class teacher, five students, one class meeting submitted today, and
 * the 2025 autumn term's history imported from another system (`demo-history.ts`), so
 * that its term-end report (`npm run report`) shows met and missed findings.
 */
import { demoHistory, demoHistoryImportKey } from './demo-history.js';
import type { DevIdentity } from './dev-auth.js';
import type { LocalBackend } from './runtime.js';

export const demo = {
  tenantId: 'demo',
  unitId: 'center-hz01',
  classId: '2025-autumn-accounting-1',
  admin: { userId: 'admin-001', tenantId: 'demo', roles: ['tenant-admin'] },
  classTeacher: { userId: 'teacher-wang', tenantId: 'demo', unitId: 'center-hz01', roles: ['class-teacher'] },
  /** The past term whose history is imported, and its report's as-of: one week after it ended (`npm run report`'s default). */
  pastTerm: { termId: '2025-autumn', reportAsOf: '2026-01-24T00:00:00+08:00' },
} as const satisfies Record<string, unknown> & { admin: DevIdentity; classTeacher: DevIdentity };

const students = [
  { studentNumber: '2511001201001', name: '刘洋' },
  { studentNumber: '2511001201002', name: '陈静' },
  { studentNumber: '2511001201003', name: '张伟' },
  { studentNumber: '2511001201004', name: '李娜' },
  { studentNumber: '2511001201005', name: '王芳' },
];

/** Two academic years of terms, so that "where do I stand" has a term in force today. */
const configuration = {
  academicYears: [
    { id: '2025-2026', start: '2025-09-01', end: '2026-08-31' },
    { id: '2026-2027', start: '2026-09-01', end: '2027-08-31' },
  ],
  terms: [
    { id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' },
    { id: '2026-spring', start: '2026-03-02', end: '2026-07-10', academicYearId: '2025-2026' },
    { id: '2026-autumn', start: '2026-09-07', end: '2027-01-22', academicYearId: '2026-2027' },
  ],
};

async function post(backend: LocalBackend, token: string, path: string, body: unknown, method = 'POST'): Promise<number> {
  const response = await fetch(`${backend.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 200 && response.status !== 201 && response.status !== 409 && response.status !== 428) {
    throw new Error(`seeding ${path} failed: ${response.status} ${await response.text()}`);
  }
  return response.status;
}

/** Loads the demo tenant; returns false when it was there already. */
export async function seedDemo(backend: LocalBackend): Promise<boolean> {
  const admin = await backend.auth.issue(demo.admin);
  const teacher = await backend.auth.issue(demo.classTeacher);
  const base = `/tenants/${demo.tenantId}`;
  // The report names the tenant and the class teacher: both are recorded first.
  await post(backend, admin, base, { name: '学务演示机构', kind: 'headquarters' }, 'PUT');
  const unit = await post(backend, admin, `${base}/units`, { unitId: demo.unitId, name: '杭州学习中心', kind: 'learning-center' });
  const schoolClass = await post(backend, admin, `${base}/classes`, {
    classId: demo.classId,
    unitId: demo.unitId,
    name: '2025级会计学1班',
    cohort: 'new',
    entryTerm: '2025-autumn',
    classTeacherId: demo.classTeacher.userId,
    students,
  });
  if (unit === 409 && schoolClass === 409) return false;
  await post(backend, admin, `${base}/configuration`, configuration, 'PUT');
  await post(backend, admin, `${base}/staff/${demo.classTeacher.userId}`, { name: '王老师', unitId: demo.unitId }, 'PUT');
  // History up to the handlers' clock: a backend started with an earlier --clock gets the part already submitted then.
  const now = backend.clock.now().getTime();
  const history = demoHistory(demo.classId, students.map((s) => s.studentNumber)).filter((row) => Date.parse(row.submittedAt) <= now);
  if (history.length > 0) await post(backend, admin, `${base}/imports/records`, { importKey: demoHistoryImportKey, records: history });
  await post(backend, teacher, `${base}/records`, {
    kind: 'class-meeting',
    classId: demo.classId,
    content: {
      heldOn: '2025-09-12',
      kind: 'orientation',
      agenda: '新生入学教育：远程学习方法、学习平台登录、统考安排',
      noticeIssuedAt: '2025-09-08T09:00:00+08:00',
      attendees: students.slice(0, 4).map((s) => s.studentNumber),
      summary: '到会4人，讲解了学习流程与平台使用，布置了选课任务。',
    },
  });
  return true;
}
