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
] as const satisfies readonly HttpRouteSpec[];

/** `METHOD /path` as API Gateway v2 writes it in `event.routeKey`. */
export const routeKeyOf = (route: HttpRouteSpec): string => `${route.method} ${route.path}`;
