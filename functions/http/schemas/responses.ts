/**
 * What the API answers, as zod schemas. They document the API (OpenAPI) and the tests
 * hold every answer to them; the handlers do not import them, so they cost no bundle.
 * Objects are strict: a field that leaks out (a storage key, a private note) fails.
 */
import * as z from 'zod/mini';
import { submittableKinds } from '../../../domain/records/kinds.js';
import { configurationBody } from './configuration.js';

export const problem = z.strictObject({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  errors: z.optional(
    z.array(z.strictObject({ pointer: z.string(), path: z.array(z.union([z.string(), z.number()])), code: z.string(), detail: z.string() })),
  ),
});

export const unit = z.strictObject({
  tenantId: z.string(),
  unitId: z.string(),
  name: z.string(),
  kind: z.enum(['learning-center', 'college', 'department']),
});

/** A class without its roster; `version` is its ETag. */
export const classStaff = z.strictObject({
  tenantId: z.string(),
  classId: z.string(),
  unitId: z.string(),
  name: z.string(),
  cohort: z.enum(['new', 'returning']),
  entryTerm: z.string(),
  enrolledOn: z.optional(z.iso.date()),
  classTeacherId: z.optional(z.string()),
  counselorId: z.optional(z.string()),
  registrarId: z.optional(z.string()),
  version: z.int(),
});

export const schoolClass = z.extend(classStaff, {
  students: z.array(z.strictObject({ studentNumber: z.string(), name: z.string() })),
});

export const record = z.strictObject({
  tenantId: z.string(),
  recordId: z.string(),
  kind: z.enum(submittableKinds as [string, ...string[]]),
  classId: z.optional(z.string()),
  authorId: z.string(),
  /** A staff member's own document: the author's unit when submitted (its director reads it). */
  unitId: z.optional(z.string()),
  submittedAt: z.iso.datetime(),
  occurredOn: z.iso.date(),
  version: z.int(),
  status: z.enum(['active', 'withdrawn']),
  /** The kind's content, as submitted; private fields named in `maskedFields` are left out. */
  content: z.record(z.string(), z.unknown()),
  change: z.optional(z.strictObject({ type: z.enum(['correction', 'withdrawal', 'approval', 'publication']), by: z.string(), at: z.iso.datetime(), reason: z.string() })),
  imported: z.optional(z.strictObject({ importId: z.string(), by: z.string(), at: z.iso.datetime() })),
  maskedFields: z.array(z.string()),
  /** Present when private content is shown only because of an access grant (the read is logged). */
  revealedThroughGrants: z.optional(z.array(z.string())),
});

export const recordPage = z.strictObject({ items: z.array(record), nextCursor: z.optional(z.string()) });
export const recordVersions = z.strictObject({ items: z.array(record) });

export const storedConfiguration = z.extend(configurationBody, {
  revision: z.int(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});

const finding = z.strictObject({
  key: z.string(),
  ruleId: z.string(),
  ruleSetVersion: z.string(),
  configRevision: z.optional(z.string()),
  subject: z.strictObject({ kind: z.enum(['staff', 'class', 'student']), id: z.string() }),
  period: z.strictObject({ key: z.string(), from: z.iso.date(), to: z.iso.date(), dueBy: z.string() }),
  measure: z.enum(['count', 'person-times', 'all-covered', 'rate', 'maximum']),
  required: z.number(),
  actual: z.number(),
  status: z.enum(['met', 'missed', 'pending', 'not-applicable', 'blocked']),
  remaining: z.optional(z.number()),
  workingDaysLeft: z.optional(z.nullable(z.number())),
  missingIds: z.optional(z.array(z.string())),
  evidenceIds: z.array(z.string()),
  params: z.record(z.string(), z.number()),
  reason: z.optional(z.string()),
});

export const standing = z.strictObject({
  asOf: z.iso.datetime(),
  termId: z.string(),
  ruleSetVersion: z.string(),
  configurationRevision: z.int(),
  findings: z.array(finding),
  warnings: z.array(z.string()),
});

const guardian = z.strictObject({ name: z.string(), relation: z.string(), phone: z.string() });

/** A student as a caller may see them: private fields only where role or grant allow. */
export const studentView = z.strictObject({
  studentNumber: z.string(),
  name: z.string(),
  classId: z.string(),
  gender: z.optional(z.enum(['male', 'female'])),
  birthDate: z.optional(z.iso.date()),
  idNumber: z.optional(z.string()),
  phone: z.optional(z.string()),
  address: z.optional(z.string()),
  guardians: z.optional(z.array(guardian)),
  maskedFields: z.array(z.string()),
  /** Fields shown only because of an access grant; each such read is logged. */
  revealedThroughGrants: z.array(z.string()),
});

export const accessGrant = z.strictObject({
  tenantId: z.string(),
  grantId: z.string(),
  requesterId: z.string(),
  unitId: z.string(),
  studentNumbers: z.array(z.string()),
  fields: z.array(z.string()),
  reason: z.string(),
  days: z.int(),
  state: z.enum(['pending', 'approved', 'refused']),
  requestedAt: z.iso.datetime(),
  decision: z.optional(z.strictObject({ by: z.string(), at: z.iso.datetime(), note: z.optional(z.string()), expiresAt: z.optional(z.iso.datetime()) })),
});
export const accessGrants = z.strictObject({ items: z.array(accessGrant) });

export const revealPage = z.strictObject({
  items: z.array(
    z.strictObject({
      tenantId: z.string(),
      entryId: z.string(),
      at: z.iso.datetime(),
      userId: z.string(),
      studentNumber: z.string(),
      fields: z.array(z.string()),
      grantId: z.string(),
      route: z.string(),
    }),
  ),
  nextCursor: z.optional(z.string()),
});

export const addedStudents = z.strictObject({
  classId: z.string(),
  added: z.int(),
  students: z.array(z.strictObject({ studentNumber: z.string(), name: z.string() })),
});

export const importReceipt = z.strictObject({
  importId: z.string(),
  importedBy: z.string(),
  importedAt: z.iso.datetime(),
  count: z.int(),
  /** Written now, and found written by an earlier attempt of the same import. */
  written: z.int(),
  alreadyPresent: z.int(),
  recordIds: z.array(z.string()),
});

const servingStaff = z.strictObject({ classTeacherId: z.optional(z.string()), counselorId: z.optional(z.string()), registrarId: z.optional(z.string()) });
export const staffChanges = z.strictObject({
  items: z.array(
    z.strictObject({ tenantId: z.string(), classId: z.string(), version: z.int(), before: servingStaff, after: servingStaff, by: z.string(), at: z.iso.datetime() }),
  ),
});

export const courseTeachers = z.strictObject({
  tenantId: z.string(),
  classId: z.string(),
  termId: z.string(),
  teacherIds: z.array(z.string()),
  version: z.int(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});
export const courseTeachersList = z.strictObject({ items: z.array(courseTeachers) });

export const staffMember = z.strictObject({
  tenantId: z.string(),
  userId: z.string(),
  name: z.string(),
  unitId: z.string(),
  department: z.optional(z.string()),
  version: z.int(),
});
export const staffEntry = z.extend(staffMember, {
  classes: z.array(z.strictObject({ classId: z.string(), role: z.enum(['class-teacher', 'counselor', 'registrar']) })),
});
export const staffList = z.strictObject({ items: z.array(staffMember) });

export const tenant = z.strictObject({ tenantId: z.string(), name: z.string(), kind: z.enum(['headquarters', 'college', 'school']), version: z.int() });

const statusCounts = z.strictObject({ met: z.int(), missed: z.int(), pending: z.int(), 'not-applicable': z.int(), blocked: z.int() });

export const complianceRun = z.strictObject({
  tenantId: z.string(),
  runId: z.string(),
  startedBy: z.union([z.strictObject({ kind: z.literal('schedule') }), z.strictObject({ kind: z.literal('user'), userId: z.string() })]),
  asOf: z.iso.datetime(),
  after: z.optional(z.iso.datetime()),
  termId: z.optional(z.string()),
  status: z.enum(['accepted', 'running', 'succeeded', 'failed']),
  acceptedAt: z.iso.datetime(),
  startedAt: z.optional(z.iso.datetime()),
  finishedAt: z.optional(z.iso.datetime()),
  durationMs: z.optional(z.int()),
  terms: z.optional(z.array(z.string())),
  periods: z.optional(z.array(z.strictObject({ termId: z.string(), kind: z.string(), key: z.string(), lastDay: z.iso.date() }))),
  unitsTotal: z.optional(z.int()),
  unitsDone: z.int(),
  unitsFailed: z.int(),
  failedUnits: z.optional(z.array(z.string())),
  counts: statusCounts,
  configurationRevision: z.optional(z.int()),
  ruleSetVersion: z.optional(z.string()),
});

export const runPage = z.strictObject({ items: z.array(complianceRun), nextCursor: z.optional(z.string()) });

const storedFinding = z.extend(finding, {
  termId: z.string(),
  unitId: z.string(),
  classId: z.optional(z.string()),
  staffIds: z.array(z.string()),
  family: z.enum(['class-teacher', 'counselor', 'registrar']),
  asOf: z.iso.datetime(),
  runId: z.string(),
  /** Named students under warning or sanction left out for a reader who does not serve the class. */
  maskedFields: z.array(z.string()),
});

export const findingPage = z.strictObject({ termId: z.string(), items: z.array(storedFinding), nextCursor: z.optional(z.string()) });
export const findingSummary = z.strictObject({
  termId: z.string(),
  by: z.enum(['unit', 'class', 'staff', 'rule']),
  rows: z.array(z.strictObject({ key: z.string(), counts: statusCounts, total: z.int(), complianceRate: z.nullable(z.number()) })),
});
/** An at-risk status (学籍预警, 学籍处理, 纪律处分); `version` is its ETag. */
export const studentStatus = z.strictObject({
  classId: z.string(),
  studentNumber: z.string(),
  statusId: z.string(),
  kind: z.enum(['academic-warning', 'status-processing', 'sanction']),
  documentOn: z.iso.date(),
  documentRef: z.optional(z.string()),
  clearedOn: z.optional(z.iso.date()),
  version: z.int(),
  recordedBy: z.string(),
  recordedAt: z.iso.datetime(),
  lifted: z.optional(z.strictObject({ by: z.string(), at: z.iso.datetime() })),
});
export const studentStatuses = z.strictObject({ items: z.array(studentStatus) });
export const statusImport = z.strictObject({ count: z.int(), statusIds: z.array(z.string()) });

/** Finance's tuition figures of a class for one term, in yuan; `version` is its ETag. */
export const tuition = z.strictObject({
  termId: z.string(),
  students: z.array(z.strictObject({ studentNumber: z.string(), billed: z.number(), paid: z.number() })),
  version: z.int(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});
export const tuitionList = z.strictObject({ items: z.array(tuition) });

const stamp = { version: z.int(), updatedAt: z.iso.datetime(), updatedBy: z.string() };
export const graduation = z.strictObject({ graduatesOn: z.iso.date(), applicationOn: z.optional(z.iso.date()), studentNumbers: z.optional(z.array(z.string())), ...stamp });
export const examSession = z.strictObject({
  examId: z.string(),
  bookingOpensOn: z.iso.date(),
  bookingClosesOn: z.iso.date(),
  examOn: z.iso.date(),
  unbookedStudents: z.array(z.string()),
  unconfirmedStudents: z.array(z.string()),
  ...stamp,
});
export const classFacts = z.strictObject({ graduation: z.optional(graduation), exams: z.array(examSession) });
export const teachingHours = z.strictObject({ termId: z.string(), hours: z.int(), ...stamp });
const targetAndResult = z.strictObject({ target: z.optional(z.int()), result: z.int() });
export const recruitment = z.strictObject({ termId: z.string(), referral: targetAndResult, continuation: targetAndResult, ...stamp });
export const termFigures = z.strictObject({ teachingHours: z.array(teachingHours), recruitment: z.array(recruitment) });

/** A term-end report as the listing shows it: which files it has, not where they are stored. */
export const termReport = z.strictObject({
  reportId: z.string(),
  termId: z.string(),
  scope: z.union([z.strictObject({ kind: z.literal('tenant') }), z.strictObject({ kind: z.literal('unit'), unitId: z.string() })]),
  revision: z.int(),
  asOf: z.iso.datetime(),
  issuedAt: z.iso.datetime(),
  counts: z.strictObject({ met: z.int(), missed: z.int(), pending: z.int(), notApplicable: z.int(), blocked: z.int(), total: z.int(), rate: z.nullable(z.number()) }),
  files: z.array(z.enum(['xlsx-zh', 'xlsx-en', 'json'])),
});
export const termReports = z.strictObject({ termId: z.string(), items: z.array(termReport) });
/** A short-lived presigned GET of one file of a report. */
export const reportDownload = z.strictObject({
  reportId: z.string(),
  file: z.enum(['xlsx-zh', 'xlsx-en', 'json']),
  url: z.url(),
  expiresAt: z.iso.datetime(),
  fileName: z.string(),
  contentType: z.string(),
});

/** An upload and, once validated, its result (issue #12). */
const uploadProblem = z.strictObject({ rule: z.string(), message: z.string(), sheet: z.optional(z.string()), row: z.optional(z.int()), column: z.optional(z.string()) });
export const upload = z.strictObject({
  tenantId: z.string(),
  uploadId: z.string(),
  purpose: z.enum(['withdrawal-form', 'change-evidence', 'graduation-photo', 'new-student-photo', 'withdrawal-list', 'change-table', 'exemption-table', 'supervision-sheet']),
  /** Absent for a registry table uploaded for the whole unit. */
  classId: z.optional(z.string()),
  unitId: z.string(),
  termId: z.optional(z.string()),
  studentNumber: z.optional(z.string()),
  fileName: z.string(),
  folder: z.optional(z.string()),
  key: z.string(),
  declaredSize: z.int(),
  contentType: z.string(),
  uploaderId: z.string(),
  requestedAt: z.iso.datetime(),
  batchId: z.optional(z.string()),
  result: z.optional(
    z.strictObject({
      verdict: z.enum(['accepted', 'rejected']),
      etag: z.string(),
      sequencer: z.string(),
      size: z.int(),
      contentType: z.string(),
      validatedAt: z.iso.datetime(),
      problems: z.array(uploadProblem),
      problemCount: z.int(),
      listedProblemCount: z.optional(z.int()),
      listingStoppedBy: z.optional(z.enum(['count', 'bytes'])),
      problemCounts: z.optional(z.array(z.strictObject({ rule: z.string(), column: z.optional(z.string()), count: z.int(), columns: z.optional(z.int()) }))),
      copyKey: z.string(),
      complete: z.optional(z.boolean()),
      missingCells: z.optional(z.array(z.strictObject({ studentNumber: z.string(), header: z.string(), column: z.string() }))),
      missingCellCount: z.optional(z.int()),
      annotatedKey: z.optional(z.string()),
      listedStudents: z.optional(z.array(z.string())),
      configurationRevision: z.optional(z.int()),
    }),
  ),
});
export const uploadGranted = z.strictObject({
  upload,
  post: z.strictObject({ url: z.url(), fields: z.record(z.string(), z.string()) }),
  expiresAt: z.iso.datetime(),
});
export const uploadPage = z.strictObject({ items: z.array(upload), nextCursor: z.optional(z.string()) });
export const uploadDownload = z.strictObject({ url: z.url(), expiresAt: z.iso.datetime(), copy: z.enum(['verdict', 'annotated']), verdict: z.enum(['accepted', 'rejected']) });
const crossCheck = z.strictObject({
  checkedAt: z.iso.datetime(),
  status: z.enum(['matched', 'mismatched']),
  listRejected: z.boolean(),
  rowsWithoutFile: z.array(z.string()),
  filesWithoutRow: z.array(z.string()),
  rejectedFiles: z.array(z.string()),
});
export const uploadBatch = z.strictObject({
  tenantId: z.string(),
  batchId: z.string(),
  kind: z.enum(['withdrawal', 'information-change']),
  /** Absent for a unit-wide information-change batch. */
  classId: z.optional(z.string()),
  unitId: z.string(),
  studentNumbers: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  version: z.int(),
  crossCheck: z.optional(crossCheck),
  awaiting: z.array(z.string()),
});
