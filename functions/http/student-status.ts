/**
 * At-risk statuses of students (学籍预警, 学籍处理, 纪律处分): recorded one at a time or
 * imported in bulk from the 教务系统, lifted later; the counselor's standing follows.
 */
import * as z from 'zod/mini';
import { canReadStatuses, canRecordStatus, mayRecordStatuses } from '../../domain/access.js';
import { bilingual } from '../../domain/bilingual.js';
import type { SchoolClass } from '../../domain/organisation.js';
import { line } from '../../domain/records/fields.js';
import { atRiskKinds, statusDateViolations, type StudentStatus } from '../../domain/student-status.js';
import { shanghaiDateOf } from '../../domain/time.js';
import type { Violation } from '../../domain/violation.js';
import { fromEnvironment, type Dependencies } from '../composition.js';
import { logger } from '../observability.js';
import { asHttpProblem, translated } from './kit/domain-errors.js';
import { StaleRevisionError } from '../../domain/errors.js';
import { existingClass, requireAllowed } from './kit/guards.js';
import { httpFunction, route } from './kit/http-function.js';
import { notFound } from './kit/names.js';
import { etagOf, requiredVersion } from './kit/preconditions.js';
import { ConflictError, ForbiddenError, UnprocessableError } from './kit/problem.js';
import { violationProblems } from './kit/request.js';
import { identifier, localDate, studentNumber, tenantPath } from './schemas/common.js';
import { maxImportBodyBytes } from './schemas/records.js';

/** An import of statuses takes up to 10,000 rows (a college's warning list of a term). */
export const maxStatusRows = 10_000;

const studentPath = z.object({ tenantId: identifier, studentNumber });
const statusPath = z.object({ tenantId: identifier, studentNumber, statusId: z.uuid() });
const statusFields = { kind: z.enum(atRiskKinds), documentOn: localDate, documentRef: z.optional(line(128)) };
export const statusBody = z.strictObject(statusFields);
export const liftingBody = z.strictObject({ clearedOn: localDate });
export const importStatusesBody = z.strictObject({
  statuses: z.array(z.strictObject({ studentNumber, ...statusFields, clearedOn: z.optional(localDate) })).check(z.minLength(1), z.maxLength(maxStatusRows)),
});

const unprocessable = (violations: readonly Violation[]) => new UnprocessableError(violationProblems(violations));

async function classOfStudent({ roster }: Dependencies, tenantId: string, number: string): Promise<SchoolClass> {
  const student = await roster.getStudent(tenantId, number);
  if (student === undefined) throw notFound('student', number);
  return existingClass(roster, tenantId, student.classId);
}

const shown = ({ tenantId: _tenant, ...status }: StudentStatus) => status;

export const statusRoutes = {
  'POST /tenants/{tenantId}/students/{studentNumber}/statuses': route({
    schemas: { params: studentPath, body: statusBody },
    handle: async ({ params, body, principal, path }, dependencies: Dependencies) => {
      requireAllowed(mayRecordStatuses(principal));
      const schoolClass = await classOfStudent(dependencies, params.tenantId, params.studentNumber);
      requireAllowed(canRecordStatus(principal, body.kind, schoolClass));
      const now = dependencies.clock.now();
      const violations = statusDateViolations(body, shanghaiDateOf(now));
      if (violations.length > 0) throw unprocessable(violations);
      const status: StudentStatus = {
        tenantId: params.tenantId,
        classId: schoolClass.classId,
        studentNumber: params.studentNumber,
        statusId: dependencies.newId(),
        ...body,
        version: 1,
        recordedBy: principal.userId,
        recordedAt: now.toISOString(),
      };
      await translated(dependencies.statuses.create(status));
      logger.info('status recorded', { statusId: status.statusId, classId: status.classId });
      return { status: 201, headers: { location: `${path}/${status.statusId}`, etag: etagOf(1) }, body: shown(status) };
    },
  }),

  'GET /tenants/{tenantId}/students/{studentNumber}/statuses': route({
    schemas: { params: studentPath },
    handle: async ({ params, principal }, dependencies: Dependencies) => {
      const schoolClass = await classOfStudent(dependencies, params.tenantId, params.studentNumber);
      requireAllowed(canReadStatuses(principal, schoolClass));
      const items = await dependencies.statuses.ofStudent(params.tenantId, schoolClass.classId, params.studentNumber);
      return { status: 200, body: { items: items.map(shown) } };
    },
  }),

  'POST /tenants/{tenantId}/students/{studentNumber}/statuses/{statusId}/lifting': route({
    schemas: { params: statusPath, body: liftingBody },
    handle: async ({ params, body, principal, headers }, dependencies: Dependencies) => {
      const expected = requiredVersion(headers['if-match'], 'status');
      requireAllowed(mayRecordStatuses(principal));
      const schoolClass = await classOfStudent(dependencies, params.tenantId, params.studentNumber);
      const current = (await dependencies.statuses.ofStudent(params.tenantId, schoolClass.classId, params.studentNumber)).find((s) => s.statusId === params.statusId);
      if (current === undefined) throw notFound('status', params.statusId);
      requireAllowed(canRecordStatus(principal, current.kind, schoolClass));
      if (expected !== current.version) throw asHttpProblem(new StaleRevisionError('status', expected));
      if (current.clearedOn !== undefined) throw new ConflictError(bilingual(`The status was lifted on ${current.clearedOn} already.`, `该状态已于 ${current.clearedOn} 解除。`));
      const now = dependencies.clock.now();
      const violations = statusDateViolations({ documentOn: current.documentOn, clearedOn: body.clearedOn }, shanghaiDateOf(now));
      if (violations.length > 0) throw unprocessable(violations);
      const next: StudentStatus = { ...current, clearedOn: body.clearedOn, version: expected + 1, lifted: { by: principal.userId, at: now.toISOString() } };
      await translated(dependencies.statuses.lift(next));
      logger.info('status lifted', { statusId: next.statusId, classId: next.classId });
      return { status: 200, headers: { etag: etagOf(next.version) }, body: shown(next) };
    },
  }),

  'POST /tenants/{tenantId}/imports/statuses': route({
    schemas: { params: tenantPath, body: importStatusesBody, maxBodyBytes: maxImportBodyBytes },
    handle: async ({ params, body, principal }, dependencies: Dependencies) => {
      requireAllowed(mayRecordStatuses(principal));
      const now = dependencies.clock.now();
      const today = shanghaiDateOf(now);
      const students = await dependencies.roster.studentsByNumber(params.tenantId, body.statuses.map((row) => row.studentNumber));
      const classes = new Map<string, SchoolClass | undefined>();
      for (const classId of new Set([...students.values()].map((s) => s.classId))) classes.set(classId, await dependencies.roster.getClass(params.tenantId, classId));
      const violations: Violation[] = [];
      const refused: number[] = [];
      body.statuses.forEach((row, index) => {
        const schoolClass = classes.get(students.get(row.studentNumber)?.classId ?? '');
        if (schoolClass === undefined) {
          violations.push({ path: ['statuses', index, 'studentNumber'], code: 'unknown_reference', message: `no student ${row.studentNumber}`, zh: `没有学号为 ${row.studentNumber} 的学生` });
          return;
        }
        if (!canRecordStatus(principal, row.kind, schoolClass).allowed) refused.push(index);
        violations.push(...statusDateViolations(row, today, ['statuses', index]));
      });
      if (refused.length > 0) {
        const rows = refused.slice(0, 20).join(', ');
        throw new ForbiddenError(bilingual(`${refused.length} row(s) are not yours to record (rows ${rows}${refused.length > 20 ? ', …' : ''}); nothing was written.`, `有 ${refused.length} 行不在您的登记权限内（第 ${rows}${refused.length > 20 ? '、…' : ''} 行，从0计）；未写入任何数据。`));
      }
      if (violations.length > 0) throw unprocessable(violations);
      const recordedAt = now.toISOString();
      const statuses: StudentStatus[] = body.statuses.map((row) => ({
        tenantId: params.tenantId,
        classId: students.get(row.studentNumber)!.classId,
        ...row,
        statusId: dependencies.newId(),
        version: 1,
        recordedBy: principal.userId,
        recordedAt,
        ...(row.clearedOn !== undefined ? { lifted: { by: principal.userId, at: recordedAt } } : {}),
      }));
      await translated(dependencies.statuses.importAll(statuses));
      logger.info('statuses imported', { count: statuses.length });
      return { status: 201, body: { count: statuses.length, statusIds: statuses.map((s) => s.statusId) } };
    },
  }),
};

export const handler = httpFunction(statusRoutes, fromEnvironment());
