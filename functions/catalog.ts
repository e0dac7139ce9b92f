/**
 * Which Lambda functions exist and which HTTP routes reach them, as plain data.
 *
 * The CDK stack builds one function per entry and one API route per row; the local
 * runtime routes requests with the same rows. Adding a route here is the one place
 * that makes it exist in both.
 */
export type DataAccess = 'read-only' | 'read-write';

export interface HttpFunctionSpec {
  /** Source file, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  /** What the function may do to the table: its IAM grant follows from this. */
  readonly dataAccess: DataAccess;
  /**
   * Hands out pagination cursors: the stack gives it the cursor key's secret (its ARN in
   * the environment, read access to it), and no other function gets either.
   */
  readonly pagesResults?: boolean;
  /** Queues it sends messages to (the run routes start a run through `tenant-runs`). */
  readonly sendsTo?: readonly QueueName[];
  /** Bucket prefixes it may touch: the stack grants exactly these and sets `<BUCKET>_BUCKET`. */
  readonly buckets?: readonly BucketAccess[];
}

export const httpFunctions = {
  roster: {
    entry: 'functions/http/roster.ts',
    description: 'Roster: learning centers, classes and their students',
    dataAccess: 'read-write',
  },
  records: {
    entry: 'functions/http/records.ts',
    description: 'Records of every kind (班会, 谈话, 家长联系, 查寝 …): submit, read, list, correct, withdraw',
    dataAccess: 'read-write',
    pagesResults: true,
  },
  configuration: {
    entry: 'functions/http/configuration.ts',
    description: "A tenant's terms, holiday calendar and rule thresholds",
    dataAccess: 'read-write',
  },
  standing: {
    entry: 'functions/http/standing.ts',
    description: '"Where do I stand": compliance of the live records as of now',
    dataAccess: 'read-only',
  },
  privacy: {
    entry: 'functions/http/privacy.ts',
    description: 'Access requests for private fields, their approval, and the reveal log',
    dataAccess: 'read-write',
    pagesResults: true,
  },
  findings: {
    entry: 'functions/http/findings.ts',
    description: 'Compliance runs on demand, and the findings of closed periods with their summaries',
    dataAccess: 'read-write',
    pagesResults: true,
    sendsTo: ['tenant-runs'],
  },
  studentStatus: {
    entry: 'functions/http/student-status.ts',
    description: 'At-risk statuses of students (学籍预警, 学籍处理, 纪律处分): recorded, imported, lifted',
    dataAccess: 'read-write',
  },
  classFacts: {
    entry: 'functions/http/class-facts.ts',
    description: "Facts other offices hold: a class's tuition, graduation and exam sessions; a staff member's teaching hours and recruitment",
    dataAccess: 'read-write',
  },
  reports: {
    entry: 'functions/http/reports.ts',
    description: "Term-end reports: a term's reports listed, and short-lived download URLs of their files",
    dataAccess: 'read-only',
    // Presigning a GET needs s3:GetObject on the keys it signs, nothing more.
    buckets: [{ bucket: 'reports', prefix: 'term-reports/', access: 'read' }],
  },
  uploads: {
    entry: 'functions/http/uploads.ts',
    description: 'Uploads: a presigned POST per file of a declared purpose, its validation result, the accepted or rejected copy, withdrawal and information-change batches',
    dataAccess: 'read-write',
    pagesResults: true,
    buckets: [
      // A presigned POST or GET is signed with the function's own grant: it may hand out no more than it holds.
      { bucket: 'uploads', prefix: 'incoming/', access: 'write' },
      { bucket: 'uploads', prefix: 'accepted/', access: 'read' },
      { bucket: 'uploads', prefix: 'rejected/', access: 'read' },
      { bucket: 'reports', prefix: 'upload-annotations/', access: 'read' },
    ],
  },
  academics: {
    entry: 'functions/http/academics.ts',
    description: 'Programmes and courses, results with make-up and corrections (成绩管理), transcripts, grade certificates and the warning run (学籍预警)',
    dataAccess: 'read-write',
    // The warning runs' lists are read a few kept pages at a time; a run's classes go to its queue.
    pagesResults: true,
    sendsTo: ['warning-runs'],
  },
  transcripts: {
    entry: 'functions/http/transcript-exports.ts',
    description: "Transcript exports (成绩单 .xlsx): asked for (202), written by the transcriptExport job, collected by a short-lived download URL",
    dataAccess: 'read-write',
    sendsTo: ['transcript-exports'],
    // Presigning the download needs s3:GetObject on the keys it signs, nothing more.
    buckets: [{ bucket: 'reports', prefix: 'transcripts/', access: 'read' }],
  },
} as const satisfies Record<string, HttpFunctionSpec>;

export type HttpFunctionName = keyof typeof httpFunctions;

export interface HttpRouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway v2 path with `{param}` placeholders. */
  readonly path: string;
  readonly function: HttpFunctionName;
}

export const httpRoutes = [
  { method: 'PUT', path: '/tenants/{tenantId}', function: 'roster' },
  { method: 'GET', path: '/tenants/{tenantId}', function: 'roster' },
  { method: 'POST', path: '/tenants/{tenantId}/units', function: 'roster' },
  { method: 'POST', path: '/tenants/{tenantId}/classes', function: 'roster' },
  { method: 'GET', path: '/tenants/{tenantId}/classes/{classId}', function: 'roster' },
  { method: 'POST', path: '/tenants/{tenantId}/records', function: 'records' },
  { method: 'GET', path: '/tenants/{tenantId}/records', function: 'records' },
  { method: 'GET', path: '/tenants/{tenantId}/records/{recordId}', function: 'records' },
  { method: 'GET', path: '/tenants/{tenantId}/records/{recordId}/versions', function: 'records' },
  { method: 'POST', path: '/tenants/{tenantId}/records/{recordId}/corrections', function: 'records' },
  { method: 'POST', path: '/tenants/{tenantId}/records/{recordId}/withdrawal', function: 'records' },
  { method: 'POST', path: '/tenants/{tenantId}/records/{recordId}/approval', function: 'records' },
  { method: 'POST', path: '/tenants/{tenantId}/records/{recordId}/publication', function: 'records' },
  { method: 'POST', path: '/tenants/{tenantId}/imports/records', function: 'records' },
  { method: 'GET', path: '/tenants/{tenantId}/configuration', function: 'configuration' },
  { method: 'PUT', path: '/tenants/{tenantId}/configuration', function: 'configuration' },
  { method: 'GET', path: '/tenants/{tenantId}/classes/{classId}/standing', function: 'standing' },
  { method: 'GET', path: '/tenants/{tenantId}/staff/{userId}/standing', function: 'standing' },
  { method: 'PUT', path: '/tenants/{tenantId}/classes/{classId}/staff', function: 'roster' },
  { method: 'GET', path: '/tenants/{tenantId}/classes/{classId}/staff-changes', function: 'roster' },
  { method: 'POST', path: '/tenants/{tenantId}/classes/{classId}/students', function: 'roster' },
  { method: 'GET', path: '/tenants/{tenantId}/classes/{classId}/course-teachers', function: 'roster' },
  { method: 'PUT', path: '/tenants/{tenantId}/classes/{classId}/course-teachers/{termId}', function: 'roster' },
  { method: 'PUT', path: '/tenants/{tenantId}/staff/{userId}', function: 'roster' },
  { method: 'GET', path: '/tenants/{tenantId}/staff/{userId}', function: 'roster' },
  { method: 'GET', path: '/tenants/{tenantId}/units/{unitId}/staff', function: 'roster' },
  { method: 'GET', path: '/tenants/{tenantId}/students/{studentNumber}', function: 'roster' },
  { method: 'POST', path: '/tenants/{tenantId}/access-requests', function: 'privacy' },
  { method: 'GET', path: '/tenants/{tenantId}/access-requests', function: 'privacy' },
  { method: 'GET', path: '/tenants/{tenantId}/access-requests/{grantId}', function: 'privacy' },
  { method: 'POST', path: '/tenants/{tenantId}/access-requests/{grantId}/decision', function: 'privacy' },
  { method: 'GET', path: '/tenants/{tenantId}/reveals', function: 'privacy' },
  { method: 'POST', path: '/tenants/{tenantId}/runs', function: 'findings' },
  { method: 'GET', path: '/tenants/{tenantId}/runs/{runId}', function: 'findings' },
  { method: 'GET', path: '/tenants/{tenantId}/terms/{termId}/findings', function: 'findings' },
  { method: 'GET', path: '/tenants/{tenantId}/terms/{termId}/findings/summary', function: 'findings' },
  { method: 'GET', path: '/tenants/{tenantId}/runs', function: 'findings' },
  { method: 'POST', path: '/tenants/{tenantId}/students/{studentNumber}/statuses', function: 'studentStatus' },
  { method: 'GET', path: '/tenants/{tenantId}/students/{studentNumber}/statuses', function: 'studentStatus' },
  { method: 'POST', path: '/tenants/{tenantId}/students/{studentNumber}/statuses/{statusId}/lifting', function: 'studentStatus' },
  { method: 'POST', path: '/tenants/{tenantId}/imports/statuses', function: 'studentStatus' },
  { method: 'PUT', path: '/tenants/{tenantId}/classes/{classId}/tuition/{termId}', function: 'classFacts' },
  { method: 'GET', path: '/tenants/{tenantId}/classes/{classId}/tuition', function: 'classFacts' },
  { method: 'PUT', path: '/tenants/{tenantId}/classes/{classId}/graduation', function: 'classFacts' },
  { method: 'PUT', path: '/tenants/{tenantId}/classes/{classId}/exams/{examId}', function: 'classFacts' },
  { method: 'GET', path: '/tenants/{tenantId}/classes/{classId}/facts', function: 'classFacts' },
  { method: 'PUT', path: '/tenants/{tenantId}/staff/{userId}/teaching-hours/{termId}', function: 'classFacts' },
  { method: 'PUT', path: '/tenants/{tenantId}/staff/{userId}/recruitment/{termId}', function: 'classFacts' },
  { method: 'GET', path: '/tenants/{tenantId}/staff/{userId}/term-figures', function: 'classFacts' },
  { method: 'GET', path: '/tenants/{tenantId}/terms/{termId}/reports', function: 'reports' },
  { method: 'GET', path: '/tenants/{tenantId}/terms/{termId}/reports/{reportId}/download', function: 'reports' },
  { method: 'POST', path: '/tenants/{tenantId}/uploads', function: 'uploads' },
  { method: 'GET', path: '/tenants/{tenantId}/uploads/{uploadId}', function: 'uploads' },
  { method: 'GET', path: '/tenants/{tenantId}/classes/{classId}/uploads', function: 'uploads' },
  { method: 'GET', path: '/tenants/{tenantId}/uploads/{uploadId}/download', function: 'uploads' },
  { method: 'POST', path: '/tenants/{tenantId}/upload-batches', function: 'uploads' },
  { method: 'GET', path: '/tenants/{tenantId}/upload-batches/{batchId}', function: 'uploads' },
  { method: 'PUT', path: '/tenants/{tenantId}/programmes/{majorId}', function: 'academics' },
  { method: 'GET', path: '/tenants/{tenantId}/programmes', function: 'academics' },
  { method: 'PUT', path: '/tenants/{tenantId}/units/{unitId}/offerings/{termId}', function: 'academics' },
  { method: 'PUT', path: '/tenants/{tenantId}/students/{studentNumber}/programme', function: 'academics' },
  { method: 'PUT', path: '/tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}', function: 'academics' },
  { method: 'POST', path: '/tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/make-up', function: 'academics' },
  { method: 'POST', path: '/tenants/{tenantId}/imports/results', function: 'academics' },
  { method: 'GET', path: '/tenants/{tenantId}/students/{studentNumber}/results', function: 'academics' },
  { method: 'POST', path: '/tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/corrections', function: 'academics' },
  { method: 'GET', path: '/tenants/{tenantId}/students/{studentNumber}/corrections', function: 'academics' },
  { method: 'POST', path: '/tenants/{tenantId}/students/{studentNumber}/corrections/{correctionId}/decision', function: 'academics' },
  { method: 'POST', path: '/tenants/{tenantId}/units/{unitId}/warning-runs', function: 'academics' },
  { method: 'GET', path: '/tenants/{tenantId}/units/{unitId}/warning-runs', function: 'academics' },
  { method: 'POST', path: '/tenants/{tenantId}/students/{studentNumber}/certificates', function: 'academics' },
  { method: 'GET', path: '/tenants/{tenantId}/units/{unitId}/warning-runs/{runId}', function: 'academics' },
  { method: 'POST', path: '/tenants/{tenantId}/students/{studentNumber}/transcript-exports', function: 'transcripts' },
  { method: 'GET', path: '/tenants/{tenantId}/students/{studentNumber}/transcript-exports/{exportId}', function: 'transcripts' },
  { method: 'POST', path: '/tenants/{tenantId}/imports/enrolments', function: 'academics' },
] as const satisfies readonly HttpRouteSpec[];

/** `METHOD /path` as API Gateway v2 writes it in `event.routeKey`. */
export const routeKeyOf = (route: HttpRouteSpec): string => `${route.method} ${route.path}`;

/*
 * Asynchronous functions: scheduled jobs, queue consumers and storage triggers, declared
 * beside the routes with what each may touch. The CDK stack (infra/async-functions.ts)
 * and the local runtime (scripts/local/async-runtime.ts) both build from these rows; the
 * grants follow `access` and nothing else.
 */

/** The buckets of infra/storage.ts, by the name the rows use. */
export type BucketName = 'uploads' | 'reports';

/** Queues between functions: each has a consumer row below and a dead-letter queue. */
export interface QueueSpec {
  readonly description: string;
  /** Deliveries of one message before it goes to the queue's dead-letter queue. */
  readonly maxReceiveCount: number;
  /** How long a delivery is hidden from other consumers; at least 6× the consumer's timeout on AWS. */
  readonly visibilityTimeoutSeconds: number;
}

export const queues = {
  'tenant-runs': {
    description: 'One message per compliance run of a tenant: works out the periods and fans out per unit',
    maxReceiveCount: 3,
    visibilityTimeoutSeconds: 360,
  },
  'unit-evaluations': {
    description: "One message per unit of a run: evaluates the unit's classes and stores the closed periods' findings",
    maxReceiveCount: 3,
    visibilityTimeoutSeconds: 900,
  },
  'term-reports': {
    description: "One message per term whose report fell due (one week after term end) when a run finished: writes the term-end report of the term's latest findings",
    maxReceiveCount: 3,
    visibilityTimeoutSeconds: 1800,
  },
  'warning-runs': {
    description: "One message per class of a warning run (学籍预警): lists the class's warned and processing students, writes their statuses when issued, and joins the run",
    maxReceiveCount: 3,
    visibilityTimeoutSeconds: 360,
  },
  'transcript-exports': {
    description: "One message per transcript export asked for: writes the student's transcript workbook as its reader may see it",
    maxReceiveCount: 3,
    visibilityTimeoutSeconds: 360,
  },
} as const satisfies Record<string, QueueSpec>;

export type QueueName = keyof typeof queues;

export interface BucketAccess {
  readonly bucket: BucketName;
  /** Key prefix the grant is limited to, ending in `/`. */
  readonly prefix: string;
  readonly access: 'read' | 'write' | 'read-write';
}

/** What an asynchronous function may touch; its IAM policy is built from this alone. */
export interface AsyncAccess {
  readonly table?: DataAccess;
  readonly buckets?: readonly BucketAccess[];
  /** Queues it sends messages to. */
  readonly sendsTo?: readonly QueueName[];
  /** Puts events on the product's event bus. */
  readonly publishesEvents?: boolean;
}

export type AsyncTrigger =
  | {
      readonly kind: 'schedule';
      /**
       * Five-field cron (minute hour day-of-month month day-of-week), one spelling for both
       * places: croner reads it locally, infra/schedule-expression.ts turns it into
       * EventBridge Scheduler's six-field `cron(...)`.
       */
      readonly cron: string;
      readonly timeZone: 'Asia/Shanghai';
    }
  | { readonly kind: 'queue'; readonly queue: QueueName; readonly batchSize: number }
  | { readonly kind: 'storage'; readonly bucket: BucketName; readonly prefix: string };

export interface AsyncFunctionSpec {
  /** Source file, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly trigger: AsyncTrigger;
  readonly access: AsyncAccess;
  /** @default 60 */
  readonly timeoutSeconds?: number;
  /** @default 512 */
  readonly memorySize?: number;
  /** NODE_OPTIONS on AWS (V8 flags); the local runtime runs every function in one process and ignores it. */
  readonly nodeOptions?: string;
}

export const asyncFunctions = {
  dailyRun: {
    entry: 'functions/jobs/daily-run.ts',
    description: 'Daily compliance run: one run per tenant for the periods closed since its last successful run',
    // 01:30 in Beijing: every period that closed at midnight has closed.
    trigger: { kind: 'schedule', cron: '30 1 * * *', timeZone: 'Asia/Shanghai' },
    access: { table: 'read-write', sendsTo: ['tenant-runs'] },
  },
  tenantRun: {
    entry: 'functions/jobs/tenant-run.ts',
    description: "A tenant's compliance run: which periods closed, then one message per unit",
    trigger: { kind: 'queue', queue: 'tenant-runs', batchSize: 1 },
    access: { table: 'read-write', sendsTo: ['unit-evaluations', 'term-reports'], publishesEvents: true },
  },
  unitEvaluation: {
    entry: 'functions/jobs/unit-evaluation.ts',
    description: "One unit of a compliance run: evaluates its classes as of the run's instant and joins the run",
    trigger: { kind: 'queue', queue: 'unit-evaluations', batchSize: 1 },
    access: { table: 'read-write', sendsTo: ['term-reports'], publishesEvents: true },
    timeoutSeconds: 120,
    memorySize: 1024,
  },
  termReport: {
    entry: 'functions/jobs/term-report.ts',
    description: 'Term-end report (one week after term end, and a new revision when a later run closes a pending period): .xlsx (zh, en) and JSON twin per tenant and unit',
    trigger: { kind: 'queue', queue: 'term-reports', batchSize: 1 },
    access: { table: 'read-write', buckets: [{ bucket: 'reports', prefix: 'term-reports/', access: 'write' }], publishesEvents: true },
    timeoutSeconds: 300,
    // One full vCPU: a 1,000-class workbook takes 6.7 s of CPU (bench/README.md), ~11 s at 1,024 MB's share of a core.
    memorySize: 1769,
  },
  uploadValidator: {
    entry: 'functions/uploads/validator.ts',
    description: 'Validates each uploaded file as it lands (ObjectCreated under incoming/): records the result, copies it to accepted/ or rejected/, announces it',
    trigger: { kind: 'storage', bucket: 'uploads', prefix: 'incoming/' },
    access: {
      table: 'read-write',
      buckets: [
        { bucket: 'uploads', prefix: 'incoming/', access: 'read' },
        { bucket: 'uploads', prefix: 'accepted/', access: 'write' },
        { bucket: 'uploads', prefix: 'rejected/', access: 'write' },
        { bucket: 'reports', prefix: 'upload-annotations/', access: 'write' },
      ],
      publishesEvents: true,
    },
    timeoutSeconds: 120,
    memorySize: 1024,
    // A small young generation: the reader's short-lived row objects are collected often and
    // peak memory stays near the live set (bench/README.md, the reader's figures).
    nodeOptions: '--max-semi-space-size=2',
  },
  warningRun: {
    entry: 'functions/jobs/warning-run.ts',
    description: "One class of a warning run (学籍预警): its list decided and kept in pages, its statuses and failed-course counts written when issued; the last class to join finishes the run (failed when a class failed on its last delivery)",
    trigger: { kind: 'queue', queue: 'warning-runs', batchSize: 1 },
    access: { table: 'read-write' },
  },
  transcriptExport: {
    entry: 'functions/jobs/transcript-export.ts',
    description: "A transcript export (成绩单): the student's transcript, masked as its reader may see it, written as .xlsx under transcripts/ of the reports bucket",
    trigger: { kind: 'queue', queue: 'transcript-exports', batchSize: 1 },
    access: { table: 'read-write', buckets: [{ bucket: 'reports', prefix: 'transcripts/', access: 'write' }] },
  },
} as const satisfies Record<string, AsyncFunctionSpec>;

export type AsyncFunctionName = keyof typeof asyncFunctions;

/** The consumer row of each queue: exactly one per queue. */
export function consumerOf(queue: QueueName, rows: Readonly<Record<string, AsyncFunctionSpec>> = asyncFunctions): string {
  const consumers = Object.entries(rows).filter(([, row]) => row.trigger.kind === 'queue' && row.trigger.queue === queue);
  if (consumers.length !== 1) throw new Error(`queue ${queue} has ${consumers.length} consumers; it needs exactly one`);
  return consumers[0]![0];
}
