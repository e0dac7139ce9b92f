/**
 * The OpenAPI 3.1 description of the HTTP API, generated from the catalog's routes, the
 * routes' own request schemas and the response schemas. `npm run openapi` writes it; the
 * local runtime serves it at /openapi.json. Not imported by any Lambda function.
 */
import * as z from 'zod/mini';
import { safeParse, toJSONSchema, type $ZodType } from 'zod/v4/core';
import { recordKinds, submittableKinds } from '../../domain/records/kinds.js';
import { httpRoutes, routeKeyOf } from '../catalog.js';
import { configurationRoutes } from './configuration.js';
import type { Route } from './kit/http-function.js';
import { privacyRoutes } from './privacy.js';
import { recordRoutes } from './records.js';
import { rosterRoutes } from './roster.js';
import { identifier } from './schemas/common.js';
import { importRecordRow, maxImportRows } from './schemas/records.js';
import * as responses from './schemas/responses.js';
import * as academic from './schemas/academic-responses.js';
import { academicRoutes } from './academics.js';
import { standingRoutes } from './standing.js';
import { findingRoutes } from './findings.js';
import { statusRoutes } from './student-status.js';
import { classFactRoutes } from './class-facts.js';
import { reportRoutes } from './reports.js';
import { uploadRoutes } from './uploads.js';
import * as transcriptExports from './schemas/transcript-exports.js';
import { transcriptExportRoutes } from './transcript-exports.js';

/** Response headers a client acts on; a test fails when an answer carries one undocumented. */
export type DocumentedHeader = 'etag' | 'location' | 'retry-after';
export const documentedHeaders: readonly DocumentedHeader[] = ['etag', 'location', 'retry-after'];

export interface ResponseDescription {
  readonly description: string;
  readonly schema?: $ZodType;
  readonly headers?: readonly DocumentedHeader[];
}

export interface RouteDescription {
  readonly summary: string;
  /** The answers particular to this route; the common problems are added to every route. */
  readonly responses: Readonly<Record<number, ResponseDescription>>;
}

const created = (schema: $ZodType, what: string, headers: readonly DocumentedHeader[] = []) => ({ 201: { description: `${what} created`, schema, headers } });
const ok = (schema: $ZodType, what: string, headers: readonly DocumentedHeader[] = []) => ({ 200: { description: what, schema, headers } });
const conflict = (description: string) => ({ 409: { description, schema: responses.problem } });
const unprocessable = (description: string) => ({ 422: { description, schema: responses.problem } });
const notFound = { 404: { description: 'Not found', schema: responses.problem } };
const preconditions = {
  412: { description: 'If-Match names a version that is no longer current', schema: responses.problem },
  428: { description: 'If-Match is required', schema: responses.problem },
};

const describedRoutes: Readonly<Record<string, RouteDescription>> = {
  'PUT /tenants/{tenantId}': {
    summary: 'Record the tenant itself: name and kind (tenant admin); If-Match once recorded',
    responses: { ...ok(responses.tenant, 'Changed', ['etag']), ...created(responses.tenant, 'Tenant', ['etag']), ...preconditions },
  },
  'GET /tenants/{tenantId}': { summary: 'The tenant', responses: { ...ok(responses.tenant, 'The tenant', ['etag']), ...notFound } },
  'POST /tenants/{tenantId}/units': { summary: 'Create a unit (learning center, college, department)', responses: { ...created(responses.unit, 'Unit'), ...conflict('The unit exists') } },
  'POST /tenants/{tenantId}/classes': {
    summary: 'Create a class with its students, all or nothing',
    responses: {
      ...created(responses.schoolClass, 'Class', ['location']),
      ...conflict('The class or a student number exists'),
      ...unprocessable('The unit does not exist, a staff member named is recorded in another unit, or a returning cohort contradicts the entry term'),
    },
  },
  'GET /tenants/{tenantId}/classes/{classId}': { summary: 'A class and its roster', responses: { ...ok(responses.schoolClass, 'The class', ['etag']), ...notFound } },
  'POST /tenants/{tenantId}/records': {
    summary: 'Submit a record of any kind; the server stamps the time and author',
    responses: {
      ...created(responses.record, 'Record', ['location', 'etag']),
      ...notFound,
      ...unprocessable('A rule is broken (a student not in the class, a date in the future, …)'),
    },
  },
  'GET /tenants/{tenantId}/records': { summary: 'Records of a class or an author, by kind and day', responses: { ...ok(responses.recordPage, 'A page of records'), ...notFound } },
  'GET /tenants/{tenantId}/records/{recordId}': { summary: 'One record, private fields masked unless the caller needs them', responses: { ...ok(responses.record, 'The record', ['etag']), ...notFound } },
  'GET /tenants/{tenantId}/records/{recordId}/versions': { summary: 'Every version of a record, oldest first', responses: { ...ok(responses.recordVersions, 'The versions'), ...notFound } },
  'POST /tenants/{tenantId}/records/{recordId}/corrections': {
    summary: 'Correct a record: a new version; the old one is kept',
    responses: { ...ok(responses.record, 'The new version', ['etag', 'location']), ...notFound, ...preconditions, ...conflict('The record was withdrawn'), ...unprocessable('A rule is broken') },
  },
  'POST /tenants/{tenantId}/records/{recordId}/withdrawal': {
    summary: 'Withdraw a record with a reason; it stays readable',
    responses: { ...ok(responses.record, 'The withdrawn record', ['etag']), ...notFound, ...preconditions, ...conflict('The record was withdrawn already') },
  },
  'POST /tenants/{tenantId}/records/{recordId}/approval': {
    summary: "The center head approves a class activity's written report (报负责人审核)",
    responses: { ...ok(responses.record, 'The approved version', ['etag']), ...notFound, ...preconditions, ...conflict('The record was withdrawn'), ...unprocessable('Not an activity, no report, or approved already') },
  },
  'POST /tenants/{tenantId}/records/{recordId}/publication': {
    summary: "The center head publishes an approved activity report (网站发布)",
    responses: { ...ok(responses.record, 'The published version', ['etag']), ...notFound, ...preconditions, ...conflict('The record was withdrawn'), ...unprocessable('Not approved yet, or published already') },
  },
  'POST /tenants/{tenantId}/imports/records': {
    summary: 'Import past records with their original authors and submission times (tenant admin); every row is checked before any is written, and sending the same importKey again completes a cut-short import without duplicates',
    responses: {
      ...created(responses.importReceipt, 'Import'),
      ...conflict('The importKey was used before with a different row, which is named; nothing is written'),
      ...unprocessable('Rows break rules; each is named'),
    },
  },
  'GET /tenants/{tenantId}/configuration': { summary: "The tenant's terms, calendar and thresholds", responses: { ...ok(responses.storedConfiguration, 'The configuration', ['etag']), ...notFound } },
  'PUT /tenants/{tenantId}/configuration': {
    summary: 'Set the configuration; If-Match once one exists; every revision is kept',
    responses: {
      ...ok(responses.storedConfiguration, 'Changed', ['etag']),
      ...created(responses.storedConfiguration, 'Configuration', ['etag']),
      ...preconditions,
      ...unprocessable('The configuration contradicts itself (overlapping terms, unknown rule, …)'),
    },
  },
  'GET /tenants/{tenantId}/classes/{classId}/standing': {
    summary: 'Where a class stands: open periods of the term in force and of the term to come, as of now',
    responses: { ...ok(responses.standing, 'The standing'), ...notFound, ...conflict('The tenant has no configuration yet') },
  },
  'GET /tenants/{tenantId}/staff/{userId}/standing': {
    summary: "Where a staff member stands across the classes they serve (to the director of the unit they are recorded in or serve a class of: that unit's classes only)",
    responses: { ...ok(responses.standing, 'The standing'), ...conflict('The tenant has no configuration yet') },
  },
  'PUT /tenants/{tenantId}/classes/{classId}/staff': {
    summary: "Change the class's class teacher, counselor and registrar (null for nobody; registrarId left out stays as is); If-Match with the class's ETag",
    responses: { ...ok(responses.classStaff, 'The class', ['etag']), ...notFound, ...preconditions, ...unprocessable('A staff member named is recorded in another unit') },
  },
  'GET /tenants/{tenantId}/classes/{classId}/staff-changes': {
    summary: "Every change of the class's class teacher, counselor and registrar: before, after, by whom, when",
    responses: { ...ok(responses.staffChanges, 'Oldest first'), ...notFound },
  },
  'POST /tenants/{tenantId}/classes/{classId}/students': {
    summary: 'Add up to 1,000 students to a class, all or nothing; every taken number is reported',
    responses: { ...created(responses.addedStudents, 'Students'), ...notFound, ...conflict('Student numbers are taken; nothing was added') },
  },
  'GET /tenants/{tenantId}/classes/{classId}/course-teachers': {
    summary: "A class's course teachers (任课教师), per term",
    responses: { ...ok(responses.courseTeachersList, 'Per term'), ...notFound },
  },
  'PUT /tenants/{tenantId}/classes/{classId}/course-teachers/{termId}': {
    summary: "Set a term's course teachers; If-Match once set",
    responses: { ...ok(responses.courseTeachers, 'Changed', ['etag']), ...created(responses.courseTeachers, 'Course teachers', ['etag']), ...notFound, ...preconditions },
  },
  'PUT /tenants/{tenantId}/staff/{userId}': {
    summary: 'Record a staff member: name, unit, department (roles stay with the identity provider); If-Match once recorded',
    responses: { ...ok(responses.staffMember, 'Changed', ['etag']), ...created(responses.staffMember, 'Staff member', ['etag']), ...notFound, ...preconditions, ...unprocessable('The unit does not exist, or the staff member serves classes of another unit') },
  },
  'GET /tenants/{tenantId}/staff/{userId}': {
    summary: 'A staff member and the classes they serve',
    responses: { ...ok(responses.staffEntry, 'The staff member', ['etag']), ...notFound },
  },
  'GET /tenants/{tenantId}/units/{unitId}/staff': { summary: "A unit's staff", responses: ok(responses.staffList, 'The staff') },
  'GET /tenants/{tenantId}/students/{studentNumber}': {
    summary: 'A student: private fields shown as the role needs or a grant allows; reads through a grant are logged',
    responses: { ...ok(responses.studentView, 'The student'), ...notFound },
  },
  'POST /tenants/{tenantId}/access-requests': {
    summary: 'Ask for named private fields of named students, with a reason and a duration',
    responses: { ...created(responses.accessGrant, 'Access request', ['location']), ...unprocessable('Unknown students, or students of several units') },
  },
  'GET /tenants/{tenantId}/access-requests': { summary: "The caller's access requests, or (?unitId=) those its director decides", responses: ok(responses.accessGrants, 'The requests') },
  'GET /tenants/{tenantId}/access-requests/{grantId}': { summary: 'One access request', responses: { ...ok(responses.accessGrant, 'The request'), ...notFound } },
  'POST /tenants/{tenantId}/access-requests/{grantId}/decision': {
    summary: "Approve or refuse a request (the students' unit director)",
    responses: { ...ok(responses.accessGrant, 'The decided request'), ...notFound, ...conflict('Decided already') },
  },
  'GET /tenants/{tenantId}/reveals': { summary: 'The log of reads through grants, newest first (supervisors)', responses: ok(responses.revealPage, 'A page of the log') },
  'POST /tenants/{tenantId}/runs': {
    summary: 'Start a compliance run of a term as of an instant (tenant admin); it runs asynchronously',
    responses: {
      202: { description: 'Run accepted; GET its Location for progress and outcome', schema: responses.complianceRun, headers: ['location'] },
      ...unprocessable('The instant is in the future, or the term is not configured'),
    },
  },
  'GET /tenants/{tenantId}/runs/{runId}': { summary: 'A compliance run: who started it, as of when, which periods, progress, counts by status, outcome', responses: { ...ok(responses.complianceRun, 'The run'), ...notFound } },
  'GET /tenants/{tenantId}/terms/{termId}/findings': {
    summary:
      "Findings of a term as the caller may see them: closed periods at their latest completed revision, and, once the term has ended, the periods still open at the newest completed revision as `pending` with `remaining` and `workingDaysLeft` (`status=pending` lists those); filtered and paged",
    responses: ok(responses.findingPage, 'A page of findings'),
  },
  'GET /tenants/{tenantId}/terms/{termId}/findings/summary': {
    summary: 'Counts per status and the compliance rate (met ÷ (met + missed)) per unit, class, staff member or rule',
    responses: ok(responses.findingSummary, 'The summary'),
  },
  'GET /tenants/{tenantId}/runs': {
    summary:
      "The tenant's compliance runs, newest first (tenant admin, supervisor): by the term they evaluated (`termId`: an on-demand run of it, or a daily run that covered it) and `status`; `limit`, `cursor`",
    responses: ok(responses.runPage, 'A page of runs'),
  },
  'POST /tenants/{tenantId}/students/{studentNumber}/statuses': {
    summary: "Record an at-risk status: academic warning or status processing (the class's registrar or a registrar of its unit), disciplinary sanction (the unit's director), dated by the college's document",
    responses: { ...created(responses.studentStatus, 'Status', ['location', 'etag']), ...notFound, ...unprocessable('The document is dated after today') },
  },
  'GET /tenants/{tenantId}/students/{studentNumber}/statuses': {
    summary: "A student's at-risk statuses (the class's staff and registrars, its unit's director, admin)",
    responses: { ...ok(responses.studentStatuses, 'The statuses'), ...notFound },
  },
  'POST /tenants/{tenantId}/students/{studentNumber}/statuses/{statusId}/lifting': {
    summary: 'Lift an at-risk status on a day; If-Match with its ETag',
    responses: { ...ok(responses.studentStatus, 'The lifted status', ['etag']), ...notFound, ...preconditions, ...conflict('Lifted already'), ...unprocessable('Lifted before it was issued, or on a day still to come') },
  },
  'POST /tenants/{tenantId}/imports/statuses': {
    summary: 'Import up to 10,000 at-risk statuses from the 教务系统, all or nothing: every unknown student and bad date is named by row and field, and nothing is written',
    responses: { ...created(responses.statusImport, 'Statuses'), ...unprocessable('Rows name unknown students or impossible dates; each is named') },
  },
  'PUT /tenants/{tenantId}/classes/{classId}/tuition/{termId}': {
    summary: "Finance sets a class's tuition for a term: billed and paid per student, in yuan (up to 1,000 rows); If-Match once set",
    responses: { ...ok(responses.tuition, 'Changed', ['etag']), ...created(responses.tuition, 'Tuition', ['etag']), ...notFound, ...preconditions, ...unprocessable('Rows name students not on the class roster; each is named') },
  },
  'GET /tenants/{tenantId}/classes/{classId}/tuition': {
    summary: "A class's tuition per term (finance, the class's staff and registrars, its unit's director, admin)",
    responses: { ...ok(responses.tuitionList, 'Per term'), ...notFound },
  },
  'PUT /tenants/{tenantId}/classes/{classId}/graduation': {
    summary: "Set a class's graduation: the day, the application day, the graduating students (default: the whole class); tenant admin, the unit's director or a registrar of the unit; If-Match once set",
    responses: { ...ok(responses.graduation, 'Changed', ['etag']), ...created(responses.graduation, 'Graduation', ['etag']), ...notFound, ...preconditions, ...unprocessable('The application comes after graduation, or students are not on the roster') },
  },
  'PUT /tenants/{tenantId}/classes/{classId}/exams/{examId}': {
    summary: 'Record an exam session of a class: booking window, exam day, the students unbooked when its last 2 days began and those who had not confirmed the notice 2 days before (academic affairs or a registrar of the unit); If-Match once set',
    responses: { ...ok(responses.examSession, 'Changed', ['etag']), ...created(responses.examSession, 'Exam session', ['etag']), ...notFound, ...preconditions, ...unprocessable('Days out of order, or students not on the roster') },
  },
  'GET /tenants/{tenantId}/classes/{classId}/facts': {
    summary: "A class's graduation and exam sessions (as for reading the class)",
    responses: { ...ok(responses.classFacts, 'The facts'), ...notFound },
  },
  'PUT /tenants/{tenantId}/staff/{userId}/teaching-hours/{termId}': {
    summary: "A staff member's teaching hours (学时) in a term (the director of their unit or academic affairs); If-Match once set",
    responses: { ...ok(responses.teachingHours, 'Changed', ['etag']), ...created(responses.teachingHours, 'Teaching hours', ['etag']), ...notFound, ...preconditions },
  },
  'PUT /tenants/{tenantId}/staff/{userId}/recruitment/{termId}': {
    summary: "A class teacher's referral (老带新) and continuation (续读) targets and results in a term (the director of their unit or admissions); If-Match once set",
    responses: { ...ok(responses.recruitment, 'Changed', ['etag']), ...created(responses.recruitment, 'Recruitment', ['etag']), ...notFound, ...preconditions },
  },
  'GET /tenants/{tenantId}/staff/{userId}/term-figures': {
    summary: "A staff member's teaching hours and recruitment per term (as for reading the staff member)",
    responses: { ...ok(responses.termFigures, 'The figures'), ...notFound },
  },
  'GET /tenants/{tenantId}/terms/{termId}/reports': {
    summary:
      "A term's term-end reports, every revision, newest first: the tenant-wide report and each unit's (tenant admin, supervisor; a unit's director sees their unit's only); `unitId` for one unit's",
    responses: ok(responses.termReports, 'The reports'),
  },
  'GET /tenants/{tenantId}/terms/{termId}/reports/{reportId}/download': {
    summary: 'A presigned GET URL for one file of a report (`file`: xlsx-zh, xlsx-en or json), valid for 5 minutes (as for listing it)',
    responses: { ...ok(responses.reportDownload, 'Where to download the file, until when'), ...notFound },
  },
  'POST /tenants/{tenantId}/uploads': {
    summary: 'Request an upload: purpose, class (`classId`) or, for a registry table (免考信息表, 学生基本信息修改情况统计表) of the whole unit, the unit (`unitId`): one of the two; term (督学统计表), file name (and folder for evidence), size, type, batch; answers a presigned POST valid 5 minutes',
    responses: {
      ...created(responses.uploadGranted, 'Upload', ['location']),
      ...notFound,
      ...unprocessable('The name breaks the purpose’s naming rule (student number + name, no “+” or space, NFC, on the roster), the key would pass 1,024 bytes, the size or type is not the purpose’s, a class’s file is named for the unit alone, or the batch does not take the file (another class or unit, a student a unit batch does not cover, a unit batch’s table uploaded for a class)'),
    },
  },
  'GET /tenants/{tenantId}/uploads/{uploadId}': { summary: 'An upload and, once validated, its result: accepted or rejected, every problem', responses: { ...ok(responses.upload, 'The upload'), ...notFound } },
  'GET /tenants/{tenantId}/classes/{classId}/uploads': { summary: "A class's uploads, oldest first; `limit`, `cursor`", responses: { ...ok(responses.uploadPage, 'A page of uploads'), ...notFound } },
  'GET /tenants/{tenantId}/uploads/{uploadId}/download': {
    summary: 'A link valid 5 minutes to the accepted or rejected copy (`copy=verdict`) or the annotated copy (`copy=annotated`); evidence images by role or through a grant, each reveal logged',
    responses: { ...ok(responses.uploadDownload, 'The link'), ...notFound, ...conflict('The file has not been validated yet') },
  },
  'POST /tenants/{tenantId}/upload-batches': {
    summary: 'Declare a withdrawal (学信网退学) or information-change batch: the class (`classId`) or, for an information-change batch of the whole unit, the unit (`unitId`), one of the two; and the students its list covers; its files then arrive in any order (`batchId` on each upload)',
    responses: { ...created(responses.uploadBatch, 'Batch', ['location']), ...notFound, ...unprocessable('A student named is not in the class (the unit, for a unit batch), or a withdrawal batch is declared for a unit') },
  },
  'GET /tenants/{tenantId}/upload-batches/{batchId}': {
    summary: 'A batch: the files it still awaits, and its cross-check (each row matched by a file, each file by a row, wherever they were uploaded), run again whenever a file of it is validated; a unit batch is read by the unit’s registrars and director, the tenant admin and its creator',
    responses: { ...ok(responses.uploadBatch, 'The batch'), ...notFound },
  },
  'PUT /tenants/{tenantId}/programmes/{majorId}': {
    summary: 'A major (专业): level, student type, credits required and its courses (tenant admin, registrar); If-Match once set',
    responses: { ...ok(academic.programme, 'Changed', ['etag']), ...created(academic.programme, 'Programme', ['etag']), ...preconditions, ...unprocessable('A course listed twice, or courses that cannot give the credits required') },
  },
  'GET /tenants/{tenantId}/programmes': { summary: "The tenant's programmes and their courses (everyone of the tenant)", responses: { ...ok(academic.programmeList, 'Every programme') } },
  'PUT /tenants/{tenantId}/units/{unitId}/offerings/{termId}': {
    summary: 'The majors a site offers to each grade in a term (tenant admin, registrar); If-Match once set',
    responses: { ...ok(academic.offerings, 'Changed', ['etag']), ...created(academic.offerings, 'Offerings', ['etag']), ...notFound, ...preconditions, ...unprocessable('A major that does not exist, or a grade listed twice') },
  },
  'PUT /tenants/{tenantId}/students/{studentNumber}/programme': {
    summary: "A student's major and grade; level and type follow from the major, the site is the class's unit (tenant admin, a registrar of the unit); If-Match once set",
    responses: { ...ok(academic.enrolment, 'Changed', ['etag']), ...created(academic.enrolment, 'Enrolment', ['etag']), ...notFound, ...preconditions, ...unprocessable('No such major, or the site does not offer it to the grade') },
  },
  'PUT /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}': {
    summary: "Enter a result (成绩录入): the class's course teacher of that term or a registrar of its unit; once (a change is a correction)",
    responses: { ...created(academic.result, 'Result', ['etag']), ...notFound, ...conflict('The result is entered already'), ...unprocessable('The student has no major, or the course is not of it') },
  },
  'POST /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/make-up': {
    summary: 'Enter the make-up (补考) result of a failed course, once, with If-Match',
    responses: { ...ok(academic.result, 'The result with its make-up score', ['etag']), ...notFound, ...preconditions, ...unprocessable('The course was passed, or the make-up result is entered already') },
  },
  'POST /tenants/{tenantId}/imports/results': {
    summary: 'Import up to 10,000 results from the 教务系统 (registrar), all or nothing: every bad row named',
    responses: { ...created(academic.importedResults, 'Results'), ...conflict('A result exists already; nothing was written'), ...unprocessable('Rows naming unknown students, students without a major, courses outside the major, repeated rows; each is named') },
  },
  'GET /tenants/{tenantId}/students/{studentNumber}/results': {
    summary: "A student's transcript: programme, results and credits earned; scores masked (maskedFields) unless the caller's work needs them or a grant reveals them (logged)",
    responses: { ...ok(academic.transcript, 'The transcript'), ...notFound },
  },
  'POST /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/corrections': {
    summary: 'Ask for a correction (成绩更正) with a reason, If-Match the result read',
    responses: { ...created(academic.correction, 'Correction', ['location']), ...notFound, ...preconditions, ...unprocessable('Nothing to correct, or the value it has') },
  },
  'GET /tenants/{tenantId}/students/{studentNumber}/corrections': {
    summary: "A student's corrections and their decisions (registrars of the unit, the class's course teachers)",
    responses: { ...ok(academic.correctionList, 'Every correction'), ...notFound },
  },
  'POST /tenants/{tenantId}/students/{studentNumber}/corrections/{correctionId}/decision': {
    summary: 'Approve or refuse a correction (a registrar of the unit other than the one who asked); the result changes with the approval, the old value kept',
    responses: { ...ok(academic.correction, 'Decided'), ...notFound, ...conflict('Decided already, or the result changed since the request') },
  },
  'POST /tenants/{tenantId}/units/{unitId}/warning-runs': {
    summary: "Preview (issue: false) or issue a unit's warning run (学籍预警) for a term under the college's document, as a job: issuing records the warnings and the status-processing list as at-risk statuses",
    responses: {
      202: {
        description: 'Run accepted (or issued under this document already and not done yet: its classes not done are sent again, and a failed run runs again for its failed classes); GET its Location for progress and, once finished, the lists',
        schema: academic.warningRunSummary,
        headers: ['location'],
      },
      ...ok(academic.warningRunSummary, 'Issued under this document already and done; its Location has the lists', ['location']),
      ...notFound,
      ...conflict('The document was issued with another date'),
      ...unprocessable('The document is dated after today'),
    },
  },
  'GET /tenants/{tenantId}/units/{unitId}/warning-runs': {
    summary: "The unit's issued warning runs, newest first, without their lists (its registrars, its director, admin)",
    responses: { ...ok(academic.warningRunList, 'A page of issued runs') },
  },
  'POST /tenants/{tenantId}/students/{studentNumber}/certificates': {
    summary: 'Issue a grade certificate (出具成绩证明): for a graduate’s job fairs counted, refused past the limit (default 3)',
    responses: { ...created(academic.certificate, 'Certificate'), ...notFound, ...unprocessable('Not a graduate, or the limit is reached') },
  },
  'GET /tenants/{tenantId}/units/{unitId}/warning-runs/{runId}': {
    summary: 'A warning run: its progress, and once finished its warned, processing and failed-course lists, `limit` kept pages at a time (its registrars, its director, admin); a failed run names its failed classes and lists its classes done',
    responses: { ...ok(academic.warningRun, 'The run'), ...notFound },
  },
  'POST /tenants/{tenantId}/students/{studentNumber}/transcript-exports': {
    summary: "Ask for the student's transcript as .xlsx (whoever reads the transcript): masked exactly as the JSON transcript is for the caller (a reveal through a grant logged now); written by a job, poll Location",
    responses: { 202: { description: 'Export accepted; poll Location until it is ready', schema: transcriptExports.transcriptExport, headers: ['location'] }, ...notFound },
  },
  'GET /tenants/{tenantId}/students/{studentNumber}/transcript-exports/{exportId}': {
    summary: 'A transcript export as its requester sees it: pending, ready with a download URL valid for 5 minutes until `downloadableUntil` (6 days; the workbook is deleted after 7), then expired (the requester only, while they may still read the results)',
    responses: { ...ok(transcriptExports.transcriptExport, 'The export'), ...notFound },
  },
  'POST /tenants/{tenantId}/imports/enrolments': {
    summary: "Enrol up to 5,000 students in their majors (tenant admin; a registrar, students of their unit), all or nothing: every bad row named; a student's existing major is never overwritten",
    responses: { ...created(academic.importedResults, 'Enrolments'), ...conflict('A major was set meanwhile for one of the students; nothing was written'), ...unprocessable('Rows that break a rule, each named') },
  },
};

/** What every POST may answer because of its Idempotency-Key (README, "Idempotency-Key"). */
const idempotencyAnswers: Readonly<Record<number, string>> = {
  409: 'A request with this Idempotency-Key is still running; retry shortly',
  422: 'This Idempotency-Key was used for a different body; a new request takes a new key',
};

/** Every route that writes: its body, or an item it would store, can be too large. Nothing is written then. */
const tooLarge: ResponseDescription = {
  description: 'The body is larger than the route takes (1 MiB; 5 MiB for an import), or an item it would store is larger than the table holds (350 KB); nothing was written',
  schema: responses.problem,
};

/** A route's own answers, with those every POST (Idempotency-Key) and every write (413) share. */
function withSharedAnswers(routeKey: string, description: RouteDescription): RouteDescription {
  const method = routeKey.split(' ')[0];
  const answers: Record<number, ResponseDescription> = { ...description.responses };
  if (method === 'POST') {
    for (const [status, text] of Object.entries(idempotencyAnswers)) {
      const own = answers[Number(status)];
      answers[Number(status)] = { description: own === undefined ? text : `${own.description}; or ${text.charAt(0).toLowerCase()}${text.slice(1)}`, schema: responses.problem };
    }
  }
  if (method === 'POST' || method === 'PUT') answers[413] = tooLarge;
  return { ...description, responses: answers };
}

export const routeDescriptions: Readonly<Record<string, RouteDescription>> = Object.fromEntries(
  Object.entries(describedRoutes).map(([routeKey, description]) => [routeKey, withSharedAnswers(routeKey, description)]),
);

/** Problems any route may answer with. */
export const commonResponses: RouteDescription['responses'] = {
  400: { description: 'The request does not match the schema; one entry per bad field', schema: responses.problem },
  401: { description: 'No valid bearer token', schema: responses.problem },
  403: { description: 'Another tenant, or a role that may not', schema: responses.problem },
  415: { description: 'The body is not JSON, or not in UTF-8', schema: responses.problem },
  500: { description: 'Something failed on our side', schema: responses.problem },
  503: { description: 'Storage is busy; retry after Retry-After', schema: responses.problem, headers: ['retry-after'] },
};

/**
 * Bodies whose content's schema is chosen by their kind (a body part, checked in the same
 * pass as the rest): the document shows the full shape, one alternative per record kind.
 */
function recordUnion(extra: Record<string, $ZodType>): $ZodType {
  return z.discriminatedUnion(
    'kind',
    submittableKinds.map((kind) =>
      z.strictObject({ kind: z.literal(kind), classId: z.optional(identifier), content: recordKinds[kind].content as z.ZodMiniType<unknown>, ...extra }),
    ) as unknown as [z.ZodMiniObject],
  );
}

const documentedBodies: Readonly<Record<string, () => $ZodType>> = {
  'POST /tenants/{tenantId}/records': () => recordUnion({}),
  'POST /tenants/{tenantId}/imports/records': () =>
    z.strictObject({ importKey: identifier, records: z.array(recordUnion(importRecordRow)).check(z.minLength(1), z.maxLength(maxImportRows)) }),
};

export const routeDefinitions: Readonly<Record<string, Route<any, any>>> = { ...rosterRoutes, ...recordRoutes, ...configurationRoutes, ...standingRoutes, ...privacyRoutes, ...findingRoutes, ...statusRoutes, ...classFactRoutes, ...reportRoutes, ...uploadRoutes, ...academicRoutes, ...transcriptExportRoutes };

const jsonSchema = (schema: $ZodType, io: 'input' | 'output') =>
  toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;

function parametersOf(schema: $ZodType | undefined, location: 'path' | 'query') {
  if (schema === undefined) return [];
  const { properties = {}, required = [] } = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.includes(name),
    schema: property,
  }));
}

const headerDescriptions: Readonly<Record<DocumentedHeader | 'idempotent-replayed', { name: string; description: string }>> = {
  etag: { name: 'ETag', description: 'The version of what was read or written; send it back in If-Match to change it' },
  location: { name: 'Location', description: 'Where the created or changed resource is read' },
  'retry-after': { name: 'Retry-After', description: 'Seconds to wait before retrying' },
  'idempotent-replayed': { name: 'Idempotent-Replayed', description: '"true" when this is the remembered answer to an earlier request with the same Idempotency-Key' },
};

function responseHeaders(answer: ResponseDescription, replayable: boolean) {
  const names = [...(answer.headers ?? []), ...(replayable ? (['idempotent-replayed'] as const) : [])];
  if (names.length === 0) return {};
  return {
    headers: Object.fromEntries(names.map((name) => [headerDescriptions[name].name, { description: headerDescriptions[name].description, schema: { type: 'string' } }])),
  };
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of httpRoutes) {
    const routeKey = routeKeyOf(spec);
    const definition = routeDefinitions[routeKey];
    const description = routeDescriptions[routeKey];
    if (definition === undefined || description === undefined) throw new Error(`route ${routeKey} is not described`);
    const answers = { ...commonResponses, ...description.responses };
    const headerParameters = [
      ...(spec.method === 'POST' ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } }] : []),
      // Where a change can be refused as stale (428, 412), If-Match carries the ETag read:
      // always for changes to what exists, once it exists for PUTs that also create (201).
      ...(428 in answers
        ? [{ name: 'If-Match', in: 'header', required: !(201 in answers), description: 'The ETag read (e.g. "3"); required once the resource exists', schema: { type: 'string' } }]
        : []),
    ];
    (paths[spec.path] ??= {})[spec.method.toLowerCase()] = {
      operationId: routeKey.replace(/[^A-Za-z]+/g, '_').replace(/^_|_$/g, ''),
      summary: description.summary,
      tags: [spec.function],
      security: [{ bearer: [] }],
      parameters: [...parametersOf(definition.schemas.params, 'path'), ...parametersOf(definition.schemas.query, 'query'), ...headerParameters],
      ...(definition.schemas.body !== undefined
        ? {
            requestBody: {
              // Approval and publication take no body, or an empty object.
              required: !safeParse(definition.schemas.body, undefined).success,
              content: { 'application/json': { schema: jsonSchema(documentedBodies[routeKey]?.() ?? definition.schemas.body, 'input') } },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(answers).map(([status, answer]) => [
          status,
          {
            description: answer.description,
            ...responseHeaders(answer, spec.method === 'POST' && Number(status) < 300),
            ...(answer.schema !== undefined
              ? { content: { [Number(status) >= 400 ? 'application/problem+json' : 'application/json']: { schema: jsonSchema(answer.schema, 'output') } } }
              : {}),
          },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Xuewu 学务 API', version: '0.1.0', description: 'Student-affairs records, configuration and compliance standing.' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (Cognito ID token)' } } },
    paths,
  };
}
