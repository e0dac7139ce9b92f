/**
 * Every route × every role, allowed and denied, through the real handlers. A route added
 * to the catalog without a row here fails the first test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Principal, type Role } from '../../domain/access.js';
import { httpRoutes, routeKeyOf, type HttpFunctionName } from '../../functions/catalog.js';
import { handler as configuration } from '../../functions/http/configuration.js';
import { handler as privacy } from '../../functions/http/privacy.js';
import { handler as records } from '../../functions/http/records.js';
import { handler as roster } from '../../functions/http/roster.js';
import { handler as standing } from '../../functions/http/standing.js';
import { handler as findings } from '../../functions/http/findings.js';
import { useMessagingInThisProcess } from '../../functions/messaging.js';
import { startLocalAsync } from '../../scripts/local/async-runtime.js';
import { handler as studentStatus } from '../../functions/http/student-status.js';
import { handler as classFacts } from '../../functions/http/class-facts.js';
import { handler as reports } from '../../functions/http/reports.js';
import { recordReport } from '../support/reports.js';
import { handler as uploads } from '../../functions/http/uploads.js';
import { handler as academics } from '../../functions/http/academics.js';
import { handler as transcripts } from '../../functions/http/transcript-exports.js';
import { invoke, uniqueTenant, type EventInput } from '../support/events.js';
import { classBody } from '../support/fixtures.js';
import { classMeeting } from '../support/records.js';
import { validatedUpload } from '../support/uploads.js';

const handlers: Record<HttpFunctionName, Parameters<typeof invoke>[0]> = { roster, records, configuration, standing, privacy, findings, studentStatus, classFacts, reports, uploads, academics, transcripts };
const functionOf = new Map(httpRoutes.map((route) => [routeKeyOf(route), route.function]));

const tenantId = uniqueTenant('matrix');
const unitId = 'center-01';
const classId = 'class-x';
const students = ['2611001501001', '2611001501002'];
const userOf = (role: Role) => `${role}-1`;
const principalOf = (role: Role): Principal => ({ userId: userOf(role), tenantId, unitId, roles: [role] });
const termConfiguration = {
  academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }],
  terms: [{ id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' }],
};

const call = (routeKey: string, input: Omit<EventInput, 'routeKey'>) => invoke(handlers[functionOf.get(routeKey)!]!, { routeKey, ...input });

/** A talk by the class teacher, fresh for each attempt to change it. */
async function freshRecord(): Promise<string> {
  const created = await call('POST /tenants/{tenantId}/records', {
    pathParameters: { tenantId },
    principal: principalOf('class-teacher'),
    body: { kind: 'talk', classId, content: { heldOn: '2025-10-10', students: [students[0]], topic: '学习', notes: '记录' } },
  });
  expect(created.status).toBe(201);
  return created.body.recordId;
}

/** An access request by admissions staff for a student of the class, fresh for each decision. */
async function freshGrant(): Promise<string> {
  const requested = await call('POST /tenants/{tenantId}/access-requests', {
    pathParameters: { tenantId },
    principal: principalOf('admissions'),
    body: { studentNumbers: [students[0]], fields: ['phone'], reason: '招生回访', days: 7 },
  });
  expect(requested.status).toBe(201);
  return requested.body.grantId;
}

/** A class activity with its written report, approved already when `approved`. */
async function freshActivity(approved: boolean): Promise<string> {
  const created = await call('POST /tenants/{tenantId}/records', {
    pathParameters: { tenantId },
    principal: principalOf('class-teacher'),
    body: { kind: 'class-activity', classId, content: { heldOn: '2025-10-18', plan: '秋游', report: { writtenOn: '2025-10-19', text: '活动报告' } } },
  });
  expect(created.status).toBe(201);
  if (approved) {
    const approval = await call('POST /tenants/{tenantId}/records/{recordId}/approval', {
      pathParameters: { tenantId, recordId: created.body.recordId },
      principal: principalOf('center-director'),
      headers: { ...writeJson, 'if-match': '"1"' },
    });
    expect(approval.status).toBe(200);
  }
  return created.body.recordId;
}

let sharedRecord = '';
let staffClasses = 0;
let imports = 0;
let staffRecords = 0;
let sharedGrant = '';
let sharedRun = '';
/** Reports of the matrix tenant: the tenant-wide one and center-01's. */
const issuedReports: Record<'tenant' | 'unit', string> = { tenant: '', unit: '' };

let sharedUpload = '';
let sharedBatch = '';
/** Runs started here go through the local queues, as under `npm start`. */
const localAsync = startLocalAsync({ clock: { now: () => new Date() }, schedules: false });
useMessagingInThisProcess(localAsync.messaging);
afterAll(async () => {
  await localAsync.idle();
  localAsync.stop();
  useMessagingInThisProcess(undefined);
});
const runBody = { termId: '2025-autumn', asOf: '2026-01-24T16:00:00Z' };

/** An academic warning of the class's first student, recorded by a registrar of the unit, fresh for each attempt to lift it. */
async function freshStatus(): Promise<string> {
  const recorded = await call('POST /tenants/{tenantId}/students/{studentNumber}/statuses', {
    pathParameters: { tenantId, studentNumber: students[0]! },
    principal: principalOf('registrar'),
    body: { kind: 'academic-warning', documentOn: '2025-10-10' },
  });
  expect(recorded.status).toBe(201);
  return recorded.body.statusId;
}
const writeJson = { 'content-type': 'application/json' };

/** A preview warning run of the unit, accepted once by its registrar (the matrix reads it back). */
let sharedWarningRun: Promise<string> | undefined;
function warningRunOfUnit(): Promise<string> {
  sharedWarningRun ??= (async () => {
    const accepted = await call('POST /tenants/{tenantId}/units/{unitId}/warning-runs', { pathParameters: { tenantId, unitId }, principal: principalOf('registrar'), body: { termId: '2025-autumn', documentOn: '2025-10-10', documentRef: '预警文件' } });
    expect(accepted.status).toBe(202);
    return accepted.body.runId as string;
  })();
  return sharedWarningRun;
}

/** Academics: a programme, its offering to the class's unit, students[0] enrolled, and course-teacher-1 teaching class-x in 2025-autumn; once. */
const academicProgramme = {
  name: '会计学',
  level: 'undergraduate',
  studentType: 'open-education',
  requiredCredits: 6,
  courses: ['C1', 'C2', 'C3'].map((code) => ({ code, name: `课程${code}`, credits: 2, programmeTerm: 1, degreeCourse: false })),
};
let academicsReady: Promise<void> | undefined;
function academicsSetUp(): Promise<void> {
  academicsReady ??= (async () => {
    const admin = principalOf('tenant-admin');
    expect((await call('PUT /tenants/{tenantId}/programmes/{majorId}', { pathParameters: { tenantId, majorId: 'acc' }, principal: admin, body: academicProgramme })).status).toBe(201);
    expect((await call('PUT /tenants/{tenantId}/units/{unitId}/offerings/{termId}', { pathParameters: { tenantId, unitId, termId: '2025-autumn' }, principal: admin, body: { grades: [{ grade: '2025-autumn', majorIds: ['acc'] }] } })).status).toBe(201);
    expect((await call('PUT /tenants/{tenantId}/students/{studentNumber}/programme', { pathParameters: { tenantId, studentNumber: students[0]! }, principal: admin, body: { majorId: 'acc', grade: '2025-autumn' } })).status).toBe(201);
    expect((await call('PUT /tenants/{tenantId}/classes/{classId}/course-teachers/{termId}', { pathParameters: { tenantId, classId, termId: '2025-autumn' }, principal: admin, body: { teacherIds: [userOf('course-teacher')] } })).status).toBe(201);
  })();
  return academicsReady;
}
let academicStudents = 0;
/** A new student of class-x, enrolled in the programme, with a failed result of C1 in 2025-autumn when `withResult`. */
async function freshEnrolled(withResult: boolean): Promise<string> {
  await academicsSetUp();
  const studentNumber = `26110017${String(++academicStudents).padStart(5, '0')}`;
  const admin = principalOf('tenant-admin');
  expect((await call('POST /tenants/{tenantId}/classes/{classId}/students', { pathParameters: { tenantId, classId }, principal: admin, body: { students: [{ studentNumber, name: '学生' }] } })).status).toBe(201);
  expect((await call('PUT /tenants/{tenantId}/students/{studentNumber}/programme', { pathParameters: { tenantId, studentNumber }, principal: admin, body: { majorId: 'acc', grade: '2025-autumn' } })).status).toBe(201);
  if (withResult) {
    const entered = await call('PUT /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}', { pathParameters: { tenantId, studentNumber, termId: '2025-autumn', courseCode: 'C1' }, principal: principalOf('registrar'), body: { score: 40 } });
    expect(entered.status).toBe(201);
  }
  return studentNumber;
}
/** A correction of a fresh result, asked for by the course teacher (so a registrar may decide it). */
async function freshCorrection(): Promise<{ studentNumber: string; correctionId: string }> {
  const studentNumber = await freshEnrolled(true);
  const asked = await call('POST /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/corrections', {
    pathParameters: { tenantId, studentNumber, termId: '2025-autumn', courseCode: 'C1' },
    principal: principalOf('course-teacher'),
    headers: { ...writeJson, 'if-match': '"1"' },
    body: { field: 'score', value: 45, reason: '漏加分' },
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  return { studentNumber, correctionId: asked.body.correctionId };
}
const resultPath = (studentNumber: string, courseCode = 'C1') => ({ tenantId, studentNumber, termId: '2025-autumn', courseCode });

interface Row {
  readonly allowed: readonly Role[];
  readonly request: (role: Role) => Promise<Omit<EventInput, 'routeKey' | 'principal'>>;
}

const classReaders: Role[] = ['tenant-admin', 'supervisor', 'center-director', 'class-teacher', 'counselor'];
const classWriters: Role[] = ['center-director', 'class-teacher', 'counselor'];
const uploadReaders: Role[] = ['tenant-admin', 'center-director', 'class-teacher', 'counselor', 'registrar'];

const matrix: Record<string, Row> = {
  'PUT /tenants/{tenantId}': {
    allowed: ['tenant-admin'],
    request: async () => ({ pathParameters: { tenantId }, headers: { ...writeJson, 'if-match': '"1"' }, body: { name: '弘成教育', kind: 'headquarters' } }),
  },
  'GET /tenants/{tenantId}': { allowed: [...roles], request: async () => ({ pathParameters: { tenantId } }) },
  'POST /tenants/{tenantId}/units': {
    allowed: ['tenant-admin'],
    request: async (role) => ({ pathParameters: { tenantId }, body: { unitId: `unit-${role}`, name: '中心', kind: 'college' } }),
  },
  'POST /tenants/{tenantId}/classes': {
    allowed: ['tenant-admin', 'center-director'],
    request: async (role) => ({ pathParameters: { tenantId }, body: classBody(`class-${role}`, unitId, []) }),
  },
  'GET /tenants/{tenantId}/classes/{classId}': { allowed: classReaders, request: async () => ({ pathParameters: { tenantId, classId } }) },
  'POST /tenants/{tenantId}/records': {
    allowed: classWriters,
    request: async () => ({ pathParameters: { tenantId }, body: classMeeting(classId, students) }),
  },
  'GET /tenants/{tenantId}/records': { allowed: classReaders, request: async () => ({ pathParameters: { tenantId }, query: { classId } }) },
  'GET /tenants/{tenantId}/records/{recordId}': { allowed: classReaders, request: async () => ({ pathParameters: { tenantId, recordId: sharedRecord } }) },
  'GET /tenants/{tenantId}/records/{recordId}/versions': { allowed: classReaders, request: async () => ({ pathParameters: { tenantId, recordId: sharedRecord } }) },
  'POST /tenants/{tenantId}/records/{recordId}/corrections': {
    allowed: classWriters,
    request: async () => ({
      pathParameters: { tenantId, recordId: await freshRecord() },
      headers: { ...writeJson, 'if-match': '"1"' },
      body: { content: { heldOn: '2025-10-10', students: [students[0]], topic: '学习情况', notes: '更正' }, reason: '话题填错' },
    }),
  },
  'POST /tenants/{tenantId}/records/{recordId}/withdrawal': {
    allowed: classWriters,
    request: async () => ({ pathParameters: { tenantId, recordId: await freshRecord() }, headers: { ...writeJson, 'if-match': '"1"' }, body: { reason: '重复' } }),
  },
  'POST /tenants/{tenantId}/records/{recordId}/approval': {
    allowed: ['center-director'],
    request: async () => ({ pathParameters: { tenantId, recordId: await freshActivity(false) }, headers: { ...writeJson, 'if-match': '"1"' } }),
  },
  'POST /tenants/{tenantId}/records/{recordId}/publication': {
    allowed: ['center-director'],
    request: async () => ({ pathParameters: { tenantId, recordId: await freshActivity(true) }, headers: { ...writeJson, 'if-match': '"2"' } }),
  },
  'POST /tenants/{tenantId}/imports/records': {
    allowed: ['tenant-admin'],
    request: async () => ({
      pathParameters: { tenantId },
      body: { importKey: `matrix-${++imports}`, records: [{ ...classMeeting(classId, students), authorId: userOf('class-teacher'), submittedAt: '2025-09-12T12:00:00+08:00' }] },
    }),
  },
  'GET /tenants/{tenantId}/configuration': { allowed: [...roles], request: async () => ({ pathParameters: { tenantId } }) },
  'PUT /tenants/{tenantId}/configuration': {
    allowed: ['tenant-admin'],
    request: async () => ({ pathParameters: { tenantId }, headers: { ...writeJson, 'if-match': '"1"' }, body: termConfiguration }),
  },
  'GET /tenants/{tenantId}/classes/{classId}/standing': { allowed: classReaders, request: async () => ({ pathParameters: { tenantId, classId } }) },
  'GET /tenants/{tenantId}/classes/{classId}/staff-changes': { allowed: classReaders, request: async () => ({ pathParameters: { tenantId, classId } }) },
  'PUT /tenants/{tenantId}/classes/{classId}/staff': {
    allowed: ['tenant-admin', 'center-director'],
    // Its own class per role, so each allowed attempt finds version 1.
    request: async (role) => {
      const ownClass = `staff-${role}-${++staffClasses}`;
      const created = await call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: principalOf('tenant-admin'), body: classBody(ownClass, unitId, []) });
      expect(created.status).toBe(201);
      return { pathParameters: { tenantId, classId: ownClass }, headers: { ...writeJson, 'if-match': '"1"' }, body: { classTeacherId: 'teacher-new', counselorId: null } };
    },
  },
  'POST /tenants/{tenantId}/classes/{classId}/students': {
    allowed: ['tenant-admin', 'center-director'],
    request: async (role) => ({ pathParameters: { tenantId, classId }, body: { students: [{ studentNumber: `26110015${String(roles.indexOf(role)).padStart(5, '0')}`, name: '新生' }] } }),
  },
  'GET /tenants/{tenantId}/classes/{classId}/course-teachers': { allowed: classReaders, request: async () => ({ pathParameters: { tenantId, classId } }) },
  'PUT /tenants/{tenantId}/classes/{classId}/course-teachers/{termId}': {
    allowed: ['tenant-admin', 'center-director'],
    // A term of its own per role, so each allowed attempt sets version 1.
    request: async (role) => ({ pathParameters: { tenantId, classId, termId: `${2030 + roles.indexOf(role)}-autumn` }, body: { teacherIds: ['teacher-math'] } }),
  },
  'PUT /tenants/{tenantId}/staff/{userId}': {
    allowed: ['tenant-admin', 'center-director'],
    request: async (role) => ({ pathParameters: { tenantId, userId: `new-staff-${role}-${++staffRecords}` }, body: { name: '新同事', unitId } }),
  },
  'GET /tenants/{tenantId}/staff/{userId}': {
    // The entry read is the class teacher's own: self, the unit's director, admin, supervisor.
    allowed: ['class-teacher', 'center-director', 'tenant-admin', 'supervisor'],
    request: async () => ({ pathParameters: { tenantId, userId: userOf('class-teacher') } }),
  },
  'GET /tenants/{tenantId}/units/{unitId}/staff': {
    allowed: ['center-director', 'tenant-admin', 'supervisor'],
    request: async () => ({ pathParameters: { tenantId, unitId } }),
  },
  'GET /tenants/{tenantId}/students/{studentNumber}': {
    allowed: [...classReaders, 'registrar'],
    request: async () => ({ pathParameters: { tenantId, studentNumber: students[0]! } }),
  },
  'POST /tenants/{tenantId}/access-requests': {
    allowed: [...roles],
    request: async () => ({ pathParameters: { tenantId }, body: { studentNumbers: [students[1]], fields: ['idNumber'], reason: '核对学籍', days: 3 } }),
  },
  'GET /tenants/{tenantId}/access-requests': { allowed: [...roles], request: async () => ({ pathParameters: { tenantId } }) },
  'GET /tenants/{tenantId}/access-requests/{grantId}': {
    allowed: ['admissions', 'center-director', 'tenant-admin'],
    request: async () => ({ pathParameters: { tenantId, grantId: sharedGrant } }),
  },
  'POST /tenants/{tenantId}/access-requests/{grantId}/decision': {
    allowed: ['center-director'],
    request: async () => ({ pathParameters: { tenantId, grantId: await freshGrant() }, body: { approve: true } }),
  },
  'GET /tenants/{tenantId}/reveals': {
    allowed: ['supervisor', 'tenant-admin'],
    request: async () => ({ pathParameters: { tenantId }, query: { studentNumber: students[0]! } }),
  },
  // The director of center-01, where the directory records the class teacher and where class-x is.
  'GET /tenants/{tenantId}/staff/{userId}/standing': {
    allowed: ['class-teacher', 'tenant-admin', 'supervisor', 'center-director'],
    request: async () => ({ pathParameters: { tenantId, userId: userOf('class-teacher') } }),
  },
  'POST /tenants/{tenantId}/runs': { allowed: ['tenant-admin'], request: async () => ({ pathParameters: { tenantId }, body: runBody }) },
  'GET /tenants/{tenantId}/runs/{runId}': { allowed: ['tenant-admin', 'supervisor'], request: async () => ({ pathParameters: { tenantId, runId: sharedRun } }) },
  // Every role may ask; each sees only the findings it may (test/integration/findings-api.test.ts).
  'GET /tenants/{tenantId}/terms/{termId}/findings': { allowed: [...roles], request: async () => ({ pathParameters: { tenantId, termId: '2025-autumn' } }) },
  'GET /tenants/{tenantId}/terms/{termId}/findings/summary': { allowed: [...roles], request: async () => ({ pathParameters: { tenantId, termId: '2025-autumn' }, query: { by: 'rule' } }) },
  'GET /tenants/{tenantId}/runs': { allowed: ['tenant-admin', 'supervisor'], request: async () => ({ pathParameters: { tenantId }, query: { termId: '2025-autumn' } }) },
  // Warnings and status processing: a registrar of the student's unit (sanctions: its director, see rule-inputs.test.ts).
  'POST /tenants/{tenantId}/students/{studentNumber}/statuses': {
    allowed: ['registrar'],
    request: async () => ({ pathParameters: { tenantId, studentNumber: students[0]! }, body: { kind: 'academic-warning', documentOn: '2025-10-10' } }),
  },
  // Private: the class's staff, registrars and director of its unit, admin; not supervisors.
  'GET /tenants/{tenantId}/students/{studentNumber}/statuses': {
    allowed: ['tenant-admin', 'center-director', 'class-teacher', 'counselor', 'registrar'],
    request: async () => ({ pathParameters: { tenantId, studentNumber: students[0]! } }),
  },
  'POST /tenants/{tenantId}/students/{studentNumber}/statuses/{statusId}/lifting': {
    allowed: ['registrar'],
    request: async () => ({ pathParameters: { tenantId, studentNumber: students[0]!, statusId: await freshStatus() }, headers: { ...writeJson, 'if-match': '"1"' }, body: { clearedOn: '2025-11-01' } }),
  },
  'POST /tenants/{tenantId}/imports/statuses': {
    allowed: ['registrar'],
    request: async () => ({ pathParameters: { tenantId }, body: { statuses: students.map((studentNumber) => ({ studentNumber, kind: 'status-processing', documentOn: '2025-10-10' })) } }),
  },
  'PUT /tenants/{tenantId}/classes/{classId}/tuition/{termId}': {
    allowed: ['finance'],
    // A term of its own per role, so each allowed attempt sets version 1.
    request: async (role) => ({ pathParameters: { tenantId, classId, termId: `${2030 + roles.indexOf(role)}-spring` }, body: { students: students.map((studentNumber) => ({ studentNumber, billed: 4800, paid: 4800 })) } }),
  },
  'GET /tenants/{tenantId}/classes/{classId}/tuition': {
    allowed: ['finance', 'tenant-admin', 'center-director', 'class-teacher', 'counselor', 'registrar'],
    request: async () => ({ pathParameters: { tenantId, classId } }),
  },
  'PUT /tenants/{tenantId}/classes/{classId}/graduation': {
    allowed: ['tenant-admin', 'center-director', 'registrar'],
    // Its own class per role, so each allowed attempt sets version 1.
    request: async (role) => {
      const ownClass = `graduating-${role}`;
      await call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: principalOf('tenant-admin'), body: classBody(ownClass, unitId, []) });
      return { pathParameters: { tenantId, classId: ownClass }, body: { graduatesOn: '2026-01-10', applicationOn: '2025-11-01' } };
    },
  },
  'PUT /tenants/{tenantId}/classes/{classId}/exams/{examId}': {
    allowed: ['academic-affairs', 'registrar'],
    request: async (role) => ({ pathParameters: { tenantId, classId, examId: `exam-${role}` }, body: { bookingOpensOn: '2025-11-01', bookingClosesOn: '2025-11-10', examOn: '2025-12-06', unbookedStudents: [students[0]], unconfirmedStudents: [] } }),
  },
  'GET /tenants/{tenantId}/classes/{classId}/facts': { allowed: classReaders, request: async () => ({ pathParameters: { tenantId, classId } }) },
  'PUT /tenants/{tenantId}/staff/{userId}/teaching-hours/{termId}': {
    allowed: ['center-director', 'academic-affairs'],
    request: async (role) => ({ pathParameters: { tenantId, userId: userOf('class-teacher'), termId: `${2030 + roles.indexOf(role)}-autumn` }, body: { hours: 36 } }),
  },
  'PUT /tenants/{tenantId}/staff/{userId}/recruitment/{termId}': {
    allowed: ['center-director', 'admissions'],
    request: async (role) => ({ pathParameters: { tenantId, userId: userOf('class-teacher'), termId: `${2030 + roles.indexOf(role)}-autumn` }, body: { referral: { target: 3, result: 1 }, continuation: { result: 2 } } }),
  },
  'GET /tenants/{tenantId}/staff/{userId}/term-figures': {
    allowed: ['class-teacher', 'center-director', 'tenant-admin', 'supervisor'],
    request: async () => ({ pathParameters: { tenantId, userId: userOf('class-teacher') } }),
  },
  'GET /tenants/{tenantId}/terms/{termId}/reports': {
    allowed: ['tenant-admin', 'supervisor', 'center-director'],
    request: async () => ({ pathParameters: { tenantId, termId: '2025-autumn' } }),
  },
  // center-01's report: every role's principal is of center-01, so its director may (another unit's director and the tenant-wide report below).
  'GET /tenants/{tenantId}/terms/{termId}/reports/{reportId}/download': {
    allowed: ['tenant-admin', 'supervisor', 'center-director'],
    request: async () => ({ pathParameters: { tenantId, termId: '2025-autumn', reportId: issuedReports.unit }, query: { file: 'xlsx-zh' } }),
  },
  // Uploads: the class's teacher, counselor and registrars upload for its students.
  'POST /tenants/{tenantId}/uploads': {
    allowed: ['class-teacher', 'counselor', 'registrar'],
    request: async () => ({ pathParameters: { tenantId }, body: { purpose: 'withdrawal-form', classId, fileName: `${students[0]}学生1.jpg`, size: 100, contentType: 'image/jpeg' } }),
  },
  // Results: the uploader (the class teacher here), the class's staff and registrars, the unit's director, the tenant admin.
  'GET /tenants/{tenantId}/uploads/{uploadId}': { allowed: uploadReaders, request: async () => ({ pathParameters: { tenantId, uploadId: sharedUpload } }) },
  'GET /tenants/{tenantId}/classes/{classId}/uploads': { allowed: uploadReaders, request: async () => ({ pathParameters: { tenantId, classId } }) },
  'GET /tenants/{tenantId}/uploads/{uploadId}/download': { allowed: uploadReaders, request: async () => ({ pathParameters: { tenantId, uploadId: sharedUpload } }) },
  'POST /tenants/{tenantId}/upload-batches': {
    allowed: ['class-teacher', 'counselor', 'registrar'],
    request: async () => ({ pathParameters: { tenantId }, body: { kind: 'withdrawal', classId, studentNumbers: students } }),
  },
  'GET /tenants/{tenantId}/upload-batches/{batchId}': { allowed: uploadReaders, request: async () => ({ pathParameters: { tenantId, batchId: sharedBatch } }) },
  // Academics: programmes and offerings are the tenant admin's and registrars'.
  'PUT /tenants/{tenantId}/programmes/{majorId}': {
    allowed: ['tenant-admin', 'registrar'],
    request: async (role) => ({ pathParameters: { tenantId, majorId: `major-${role}` }, body: academicProgramme }),
  },
  'GET /tenants/{tenantId}/programmes': { allowed: [...roles], request: async () => ({ pathParameters: { tenantId } }) },
  'PUT /tenants/{tenantId}/units/{unitId}/offerings/{termId}': {
    allowed: ['tenant-admin', 'registrar'],
    request: async (role) => {
      await academicsSetUp();
      return { pathParameters: { tenantId, unitId, termId: `${2030 + roles.indexOf(role)}-autumn` }, body: { grades: [{ grade: '2025-autumn', majorIds: ['acc'] }] } };
    },
  },
  'PUT /tenants/{tenantId}/students/{studentNumber}/programme': {
    allowed: ['tenant-admin', 'registrar'],
    request: async () => {
      const studentNumber = await freshEnrolled(false);
      return { pathParameters: { tenantId, studentNumber }, headers: { ...writeJson, 'if-match': '"1"' }, body: { majorId: 'acc', grade: '2025-autumn' } };
    },
  },
  // Results: a registrar of the unit, or the class's course teacher of the term.
  'PUT /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}': {
    allowed: ['registrar', 'course-teacher'],
    request: async () => ({ pathParameters: resultPath(await freshEnrolled(false)), body: { score: 75 } }),
  },
  'POST /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/make-up': {
    allowed: ['registrar', 'course-teacher'],
    request: async () => ({ pathParameters: resultPath(await freshEnrolled(true)), headers: { ...writeJson, 'if-match': '"1"' }, body: { score: 66 } }),
  },
  'POST /tenants/{tenantId}/imports/results': {
    allowed: ['registrar'],
    request: async () => ({ pathParameters: { tenantId }, body: { results: [{ studentNumber: await freshEnrolled(false), termId: '2025-autumn', courseCode: 'C2', score: 88 }] } }),
  },
  // Every reader of the student and the class's course teacher; the scores themselves only to some (academics.test.ts).
  'GET /tenants/{tenantId}/students/{studentNumber}/results': {
    allowed: [...classReaders, 'registrar', 'course-teacher'],
    request: async () => {
      await academicsSetUp();
      return { pathParameters: { tenantId, studentNumber: students[0]! } };
    },
  },
  'POST /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/corrections': {
    allowed: ['registrar', 'course-teacher'],
    request: async () => ({ pathParameters: resultPath(await freshEnrolled(true)), headers: { ...writeJson, 'if-match': '"1"' }, body: { field: 'score', value: 45, reason: '漏加分' } }),
  },
  // Corrections carry grades: those who see grades by their work.
  'GET /tenants/{tenantId}/students/{studentNumber}/corrections': {
    allowed: ['registrar', 'course-teacher'],
    request: async () => {
      await academicsSetUp();
      return { pathParameters: { tenantId, studentNumber: students[0]! } };
    },
  },
  'POST /tenants/{tenantId}/students/{studentNumber}/corrections/{correctionId}/decision': {
    allowed: ['registrar'],
    request: async () => ({ pathParameters: { tenantId, ...(await freshCorrection()) }, body: { approve: true } }),
  },
  'POST /tenants/{tenantId}/units/{unitId}/warning-runs': {
    allowed: ['registrar'],
    request: async () => ({ pathParameters: { tenantId, unitId }, body: { termId: '2025-autumn', documentOn: '2025-10-10', documentRef: '预警文件' } }),
  },
  'GET /tenants/{tenantId}/units/{unitId}/warning-runs': { allowed: ['tenant-admin', 'center-director', 'registrar'], request: async () => ({ pathParameters: { tenantId, unitId } }) },
  'POST /tenants/{tenantId}/students/{studentNumber}/certificates': {
    allowed: ['tenant-admin', 'registrar'],
    request: async () => ({ pathParameters: { tenantId, studentNumber: students[0]! }, body: { purpose: 'personal' } }),
  },
  'GET /tenants/{tenantId}/units/{unitId}/warning-runs/{runId}': {
    allowed: ['tenant-admin', 'center-director', 'registrar'],
    request: async () => ({ pathParameters: { tenantId, unitId, runId: await warningRunOfUnit() } }),
  },
  // A transcript export: whoever reads the transcript asks, masked as their JSON transcript is (transcript-exports.test.ts).
  'POST /tenants/{tenantId}/students/{studentNumber}/transcript-exports': {
    allowed: [...classReaders, 'registrar', 'course-teacher'],
    request: async () => {
      await academicsSetUp();
      return { pathParameters: { tenantId, studentNumber: students[0]! } };
    },
  },
  // Collected by who asked for it only: a role that may not ask polls one the registrar asked for.
  'GET /tenants/{tenantId}/students/{studentNumber}/transcript-exports/{exportId}': {
    allowed: [...classReaders, 'registrar', 'course-teacher'],
    request: async (role) => {
      await academicsSetUp();
      const asker = [...classReaders, 'registrar', 'course-teacher'].includes(role) ? role : 'registrar';
      const asked = await call('POST /tenants/{tenantId}/students/{studentNumber}/transcript-exports', { pathParameters: { tenantId, studentNumber: students[0]! }, principal: principalOf(asker) });
      expect(asked.status, JSON.stringify(asked.body)).toBe(202);
      return { pathParameters: { tenantId, studentNumber: students[0]!, exportId: asked.body.exportId } };
    },
  },
  // Bulk enrolment: the tenant admin and registrars (of the students' unit), a fresh student without a major each time.
  'POST /tenants/{tenantId}/imports/enrolments': {
    allowed: ['tenant-admin', 'registrar'],
    request: async () => {
      await academicsSetUp();
      const studentNumber = `26110027${String(++academicStudents).padStart(5, '0')}`;
      const added = await call('POST /tenants/{tenantId}/classes/{classId}/students', { pathParameters: { tenantId, classId }, principal: principalOf('tenant-admin'), body: { students: [{ studentNumber, name: '学生' }] } });
      expect(added.status).toBe(201);
      return { pathParameters: { tenantId }, body: { enrolments: [{ studentNumber, majorId: 'acc', grade: '2025-autumn' }] } };
    },
  },
};

describe('access matrix: every route × every role', () => {
  beforeAll(async () => {
    const admin = principalOf('tenant-admin');
    expect((await call('POST /tenants/{tenantId}/units', { pathParameters: { tenantId }, principal: admin, body: { unitId, name: '中心', kind: 'learning-center' } })).status).toBe(201);
    const body = { ...classBody(classId, unitId, students), classTeacherId: userOf('class-teacher'), counselorId: userOf('counselor') };
    expect((await call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: admin, body })).status).toBe(201);
    expect((await call('PUT /tenants/{tenantId}/configuration', { pathParameters: { tenantId }, principal: admin, body: termConfiguration })).status).toBe(201);
    expect((await call('PUT /tenants/{tenantId}', { pathParameters: { tenantId }, principal: admin, body: { name: '弘成教育', kind: 'headquarters' } })).status).toBe(201);
    const recorded = await call('PUT /tenants/{tenantId}/staff/{userId}', { pathParameters: { tenantId, userId: userOf('class-teacher') }, principal: admin, body: { name: '王老师', unitId } });
    expect(recorded.status).toBe(201);
    sharedRecord = await freshRecord();
    sharedGrant = await freshGrant();
    const run = await call('POST /tenants/{tenantId}/runs', { pathParameters: { tenantId }, principal: admin, body: runBody });
    expect(run.status, JSON.stringify(run.body)).toBe(202);
    sharedRun = run.body.runId;
    issuedReports.tenant = await recordReport(tenantId, '2025-autumn', { kind: 'tenant' });
    issuedReports.unit = await recordReport(tenantId, '2025-autumn', { kind: 'unit', unitId });
    const batch = await call('POST /tenants/{tenantId}/upload-batches', { pathParameters: { tenantId }, principal: principalOf('class-teacher'), body: { kind: 'withdrawal', classId, studentNumbers: students } });
    expect(batch.status).toBe(201);
    sharedBatch = batch.body.batchId;
    sharedUpload = await validatedUpload(principalOf('class-teacher'), tenantId, { purpose: 'graduation-photo', classId, fileName: `${students[1]}学生2.jpg`, contentType: 'image/jpeg' });
  });

  it('has a row for every route of the catalog', () => {
    expect(Object.keys(matrix).sort()).toEqual(httpRoutes.map(routeKeyOf).sort());
  });

  for (const [routeKey, row] of Object.entries(matrix)) {
    describe(routeKey, () => {
      it.each(roles.map((role) => [role, row.allowed.includes(role)] as const))('%s → allowed: %s', async (role, allowed) => {
        const response = await call(routeKey, { ...(await row.request(role)), principal: principalOf(role) });
        if (allowed) expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
        else expect(response.status, JSON.stringify(response.body)).toBe(403);
      });

      it('refuses another tenant’s admin', async () => {
        const stranger: Principal = { userId: 'x', tenantId: 'another-tenant', roles: ['tenant-admin'] };
        expect((await call(routeKey, { ...(await row.request('tenant-admin')), principal: stranger })).status).toBe(403);
      });
    });
  }
});

describe('access matrix: term-end reports beyond the role', () => {
  const download = (principal: Principal, reportId: string) =>
    call('GET /tenants/{tenantId}/terms/{termId}/reports/{reportId}/download', { pathParameters: { tenantId, termId: '2025-autumn', reportId }, query: { file: 'json' }, principal });
  const otherDirector: Principal = { userId: 'director-9', tenantId, unitId: 'center-09', roles: ['center-director'] };

  it('refuses the director of another unit the unit’s report (403)', async () => {
    expect((await download(otherDirector, issuedReports.unit)).status).toBe(403);
  });

  it('refuses a unit’s director the tenant-wide report (403), which the admin and the supervisor may read', async () => {
    expect((await download(principalOf('center-director'), issuedReports.tenant)).status).toBe(403);
    expect((await download(principalOf('tenant-admin'), issuedReports.tenant)).status).toBe(200);
    expect((await download(principalOf('supervisor'), issuedReports.tenant)).status).toBe(200);
  });
});

/**
 * The unit-wide variants of the upload routes (an information-change batch and its table
 * declared for the whole unit, `unitId` instead of `classId`): every role of center-01,
 * and the registry of another unit. The unit's registry declares and uploads; the unit's
 * readers (registrar, director, tenant admin, the creator) read — not the class staff.
 */
describe('access matrix: unit-wide batches and tables × every role', () => {
  const unitRegistry: Role[] = ['center-director', 'registrar'];
  const unitReaders: Role[] = ['tenant-admin', 'center-director', 'registrar'];
  const otherRegistrar: Principal = { userId: 'registrar-9', tenantId, unitId: 'center-09', roles: ['registrar'] };
  let unitBatch = '';
  let unitTable = '';
  const unitRows: Record<string, Row> = {
    'POST /tenants/{tenantId}/upload-batches': { allowed: unitRegistry, request: async () => ({ pathParameters: { tenantId }, body: { kind: 'information-change', unitId, studentNumbers: students } }) },
    'GET /tenants/{tenantId}/upload-batches/{batchId}': { allowed: unitReaders, request: async () => ({ pathParameters: { tenantId, batchId: unitBatch } }) },
    'POST /tenants/{tenantId}/uploads': {
      allowed: unitRegistry,
      request: async () => ({ pathParameters: { tenantId }, body: { purpose: 'change-table', unitId, fileName: '信息修改统计表.xlsx', size: 1000, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', batchId: unitBatch } }),
    },
    'GET /tenants/{tenantId}/uploads/{uploadId}': { allowed: unitReaders, request: async () => ({ pathParameters: { tenantId, uploadId: unitTable } }) },
  };

  beforeAll(async () => {
    const declared = await call('POST /tenants/{tenantId}/upload-batches', { pathParameters: { tenantId }, principal: principalOf('registrar'), body: { kind: 'information-change', unitId, studentNumbers: students } });
    expect(declared.status, JSON.stringify(declared.body)).toBe(201);
    unitBatch = declared.body.batchId;
    const granted = await call('POST /tenants/{tenantId}/uploads', { ...(await unitRows['POST /tenants/{tenantId}/uploads']!.request('registrar')), principal: principalOf('registrar') });
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    unitTable = granted.body.upload.uploadId;
  });

  for (const [routeKey, row] of Object.entries(unitRows)) {
    describe(`${routeKey} for the unit`, () => {
      it.each(roles.map((role) => [role, row.allowed.includes(role)] as const))('%s → allowed: %s', async (role, allowed) => {
        const response = await call(routeKey, { ...(await row.request(role)), principal: principalOf(role) });
        if (allowed) expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
        else expect(response.status, JSON.stringify(response.body)).toBe(403);
      });

      it('refuses a registrar of another unit', async () => {
        expect((await call(routeKey, { ...(await row.request('registrar')), principal: otherRegistrar })).status).toBe(403);
      });
    });
  }
});
