/**
 * Facts other offices hold and the rules turn on: finance's tuition figures (CO-TUITION), a
 * class's graduation (CT-ARCHIVE, CT-GRAD-PHOTO) and exam sessions (CT-EXAM-BOOKING,
 * CT-EXAM-NOTICE); a staff member's teaching hours (CO-TEACHING-LOAD) and recruitment
 * (CT-RECRUIT). Each is one versioned document, set with If-Match once it exists.
 */
import * as z from 'zod/mini';
import { canReadClass, canReadStaff, canReadTuition, canRecordExamSession, canRecordGraduation, canRecordStaffFigures, canRecordTuition, type Decision, type Principal } from '../../domain/access.js';
import { factKeys, factSuffix, type ExamSessionFact, type FactOwner, type Graduation, type Recruitment, type StoredFact, type TeachingHours, type Tuition } from '../../domain/facts.js';
import type { Violation } from '../../domain/violation.js';
import { bilingual } from '../../domain/bilingual.js';
import { count, studentList, yuan } from '../../domain/records/fields.js';
import { fromEnvironment, type Dependencies } from '../composition.js';
import { existingClass, requireAllowed } from './kit/guards.js';
import { httpFunction, route } from './kit/http-function.js';
import { putVersioned, versionFromIfMatch } from './kit/preconditions.js';
import { fieldProblem, NotFoundError, UnprocessableError, type FieldProblem } from './kit/problem.js';
import { violationProblems } from './kit/request.js';
import { classPath, identifier, localDate, noDuplicates, staffId, studentNumber, studentNumberWord, termId } from './schemas/common.js';
import { logger } from '../observability.js';

const termPath = z.object({ tenantId: identifier, classId: identifier, termId });
export const tuitionBody = z.strictObject({
  students: z
    .array(z.strictObject({ studentNumber, billed: yuan, paid: yuan }))
    .check(z.minLength(1), z.maxLength(1000), noDuplicates((row: { studentNumber: string }) => row.studentNumber, studentNumberWord)),
});

const examPath = z.object({ tenantId: identifier, classId: identifier, examId: identifier });
const staffTermPath = z.object({ tenantId: identifier, userId: staffId, termId });
const staffPath = z.object({ tenantId: identifier, userId: staffId });
export const graduationBody = z.strictObject({ graduatesOn: localDate, applicationOn: z.optional(localDate), studentNumbers: z.optional(studentList(1, 1000)) });
export const examSessionBody = z.strictObject({
  bookingOpensOn: localDate,
  bookingClosesOn: localDate,
  examOn: localDate,
  unbookedStudents: studentList(0, 1000),
  unconfirmedStudents: studentList(0, 1000),
});
export const teachingHoursBody = z.strictObject({ hours: count(0, 1000) });
const target = z.strictObject({ target: z.optional(count(0, 1000)), result: count(0, 1000) });
export const recruitmentBody = z.strictObject({ referral: target, continuation: target });

/** Students not on the class's roster, named where they stand (422 with every one of them). */
async function strangersOf({ roster }: Dependencies, tenantId: string, classId: string, named: readonly { readonly path: readonly (string | number)[]; readonly studentNumber: string }[]): Promise<FieldProblem[]> {
  const inClass = await roster.studentsInClass(tenantId, classId, named.map((n) => n.studentNumber));
  return named.flatMap(({ path, studentNumber: number }) =>
    inClass.has(number) ? [] : [fieldProblem(path, 'student.not-in-class', `student ${number} is not on the roster of class ${classId}`, `学生 ${number} 不在班级 ${classId} 的名册中`)],
  );
}

async function refuseStrangers(dependencies: Dependencies, tenantId: string, classId: string, rows: readonly { readonly studentNumber: string }[]): Promise<void> {
  const problems = await strangersOf(dependencies, tenantId, classId, rows.map((row, index) => ({ path: ['students', index, 'studentNumber'], studentNumber: row.studentNumber })));
  if (problems.length > 0) throw new UnprocessableError(problems);
}

const listed = (field: string, numbers: readonly string[] = []) => numbers.map((studentNumber, index) => ({ path: [field, index], studentNumber }));

/** Days that must come in order (a booking window before its exam); the first out of order is named. */
function outOfOrder(days: readonly [string, string | undefined][], code: string, message: string, zh: string): Violation[] {
  let previous: string | undefined;
  for (const [field, day] of days) {
    if (day === undefined) continue;
    if (previous !== undefined && day < previous) return [{ path: [field], code, message, zh }];
    previous = day;
  }
  return [];
}

/** Stores a fact as PUT does: 201 when new, 200 when changed (If-Match), 428/412 otherwise. */
async function putFact<C>(
  dependencies: Dependencies,
  request: { tenantId: string; owner: FactOwner; fact: string; content: C; principal: Principal; ifMatch: string | undefined; what: string },
  shownAs: (fact: StoredFact<C>) => unknown,
) {
  const expected = versionFromIfMatch(request.ifMatch);
  const next: StoredFact<C> = {
    tenantId: request.tenantId,
    owner: request.owner,
    fact: request.fact,
    content: request.content,
    version: (expected ?? 0) + 1,
    updatedAt: dependencies.clock.now().toISOString(),
    updatedBy: request.principal.userId,
  };
  logger.info('fact set', { owner: request.owner, fact: request.fact });
  return putVersioned(expected, next.version, request.what, () => dependencies.facts.put(next), shownAs(next));
}

const stamped = <C>({ content, version, updatedAt, updatedBy }: StoredFact<C>) => ({ ...content, version, updatedAt, updatedBy });

/** The staff member as the directory records them: their unit decides who records their figures. */
async function recordedStaff({ roster }: Dependencies, tenantId: string, userId: string) {
  const member = await roster.getStaffMember(tenantId, userId);
  if (member === undefined) throw new NotFoundError(bilingual(`Staff member ${userId} is not recorded.`, `教职工 ${userId} 尚未登记。`));
  return member;
}

function staffFigureRoute<C>(figure: 'teaching-hours' | 'recruitment', body: z.ZodMiniType<C>, factOf: (termId: string) => string, what: string) {
  return route({
    schemas: { params: staffTermPath, body },
    handle: async ({ params, body: content, principal, headers }, dependencies: Dependencies) => {
      const member = await recordedStaff(dependencies, params.tenantId, params.userId);
      requireAllowed(canRecordStaffFigures(principal, figure, member.unitId));
      const request = { tenantId: params.tenantId, owner: `staff:${params.userId}` as const, fact: factOf(params.termId), content: content as C, principal, ifMatch: headers['if-match'], what };
      return putFact(dependencies, request, (fact) => ({ termId: params.termId, ...stamped(fact) }));
    },
  });
}

const allowedBy = (decision: Decision) => requireAllowed(decision);

const shown = ({ tenantId: _tenant, owner: _owner, fact, ...rest }: StoredFact<Tuition>) => ({ termId: fact.slice(factKeys.tuitionAll.length), ...rest.content, version: rest.version, updatedAt: rest.updatedAt, updatedBy: rest.updatedBy });

export const classFactRoutes = {
  'PUT /tenants/{tenantId}/classes/{classId}/tuition/{termId}': route({
    schemas: { params: termPath, body: tuitionBody },
    handle: async ({ params, body, principal, headers }, dependencies: Dependencies) => {
      const schoolClass = await existingClass(dependencies.roster, params.tenantId, params.classId);
      requireAllowed(canRecordTuition(principal, schoolClass));
      const expected = versionFromIfMatch(headers['if-match']);
      await refuseStrangers(dependencies, params.tenantId, params.classId, body.students);
      const next: StoredFact<Tuition> = {
        tenantId: params.tenantId,
        owner: `class:${params.classId}`,
        fact: factKeys.tuition(params.termId),
        content: body,
        version: (expected ?? 0) + 1,
        updatedAt: dependencies.clock.now().toISOString(),
        updatedBy: principal.userId,
      };
      logger.info('tuition set', { classId: params.classId, termId: params.termId, rows: body.students.length });
      return putVersioned(expected, next.version, "term's tuition", () => dependencies.facts.put(next), shown(next));
    },
  }),

  'GET /tenants/{tenantId}/classes/{classId}/tuition': route({
    schemas: { params: classPath },
    handle: async ({ params, principal }, dependencies: Dependencies) => {
      const schoolClass = await existingClass(dependencies.roster, params.tenantId, params.classId);
      requireAllowed(canReadTuition(principal, schoolClass));
      const items = await dependencies.facts.list<Tuition>(params.tenantId, `class:${params.classId}`, factKeys.tuitionAll);
      return { status: 200, body: { items: items.map(shown) } };
    },
  }),

  'PUT /tenants/{tenantId}/classes/{classId}/graduation': route({
    schemas: { params: classPath, body: graduationBody },
    handle: async ({ params, body, principal, headers }, dependencies: Dependencies) => {
      const schoolClass = await existingClass(dependencies.roster, params.tenantId, params.classId);
      allowedBy(canRecordGraduation(principal, schoolClass));
      const problems = [
        ...violationProblems(outOfOrder([['applicationOn', body.applicationOn], ['graduatesOn', body.graduatesOn]], 'graduation.out-of-order', 'the graduation application comes before graduation', '毕业申请须在毕业之前')),
        ...(await strangersOf(dependencies, params.tenantId, params.classId, listed('studentNumbers', body.studentNumbers))),
      ];
      if (problems.length > 0) throw new UnprocessableError(problems);
      const request = { tenantId: params.tenantId, owner: `class:${params.classId}` as const, fact: factKeys.graduation, content: body as Graduation, principal, ifMatch: headers['if-match'], what: 'graduation' };
      return putFact(dependencies, request, stamped);
    },
  }),

  'PUT /tenants/{tenantId}/classes/{classId}/exams/{examId}': route({
    schemas: { params: examPath, body: examSessionBody },
    handle: async ({ params, body, principal, headers }, dependencies: Dependencies) => {
      const schoolClass = await existingClass(dependencies.roster, params.tenantId, params.classId);
      allowedBy(canRecordExamSession(principal, schoolClass));
      const order: [string, string][] = [['bookingOpensOn', body.bookingOpensOn], ['bookingClosesOn', body.bookingClosesOn], ['examOn', body.examOn]];
      const problems = [
        ...violationProblems(outOfOrder(order, 'exam.out-of-order', 'booking opens, then closes, then the exam is held', '预约开始、预约截止、考试日期须依次排列')),
        ...(await strangersOf(dependencies, params.tenantId, params.classId, [...listed('unbookedStudents', body.unbookedStudents), ...listed('unconfirmedStudents', body.unconfirmedStudents)])),
      ];
      if (problems.length > 0) throw new UnprocessableError(problems);
      const request = { tenantId: params.tenantId, owner: `class:${params.classId}` as const, fact: factKeys.exam(params.examId), content: body as ExamSessionFact, principal, ifMatch: headers['if-match'], what: 'exam session' };
      return putFact(dependencies, request, (fact) => ({ examId: params.examId, ...stamped(fact) }));
    },
  }),

  'GET /tenants/{tenantId}/classes/{classId}/facts': route({
    schemas: { params: classPath },
    handle: async ({ params, principal }, dependencies: Dependencies) => {
      const schoolClass = await existingClass(dependencies.roster, params.tenantId, params.classId);
      allowedBy(canReadClass(principal, schoolClass));
      const owner = `class:${params.classId}` as const;
      const [graduation, exams] = await Promise.all([dependencies.facts.get<Graduation>(params.tenantId, owner, factKeys.graduation), dependencies.facts.list<ExamSessionFact>(params.tenantId, owner, factKeys.examAll)]);
      return {
        status: 200,
        body: { ...(graduation !== undefined ? { graduation: stamped(graduation) } : {}), exams: exams.map((exam) => ({ examId: factSuffix(exam, factKeys.examAll), ...stamped(exam) })) },
      };
    },
  }),

  'PUT /tenants/{tenantId}/staff/{userId}/teaching-hours/{termId}': staffFigureRoute<TeachingHours>('teaching-hours', teachingHoursBody, factKeys.teachingHours, 'teaching hours'),
  'PUT /tenants/{tenantId}/staff/{userId}/recruitment/{termId}': staffFigureRoute<Recruitment>('recruitment', recruitmentBody, factKeys.recruitment, 'recruitment'),

  'GET /tenants/{tenantId}/staff/{userId}/term-figures': route({
    schemas: { params: staffPath },
    handle: async ({ params, principal }, dependencies: Dependencies) => {
      const member = await recordedStaff(dependencies, params.tenantId, params.userId);
      allowedBy(canReadStaff(principal, member.userId, member.unitId));
      const owner = `staff:${params.userId}` as const;
      const [hours, recruitment] = await Promise.all([dependencies.facts.list<TeachingHours>(params.tenantId, owner, factKeys.teachingHoursAll), dependencies.facts.list<Recruitment>(params.tenantId, owner, factKeys.recruitmentAll)]);
      return {
        status: 200,
        body: {
          teachingHours: hours.map((fact) => ({ termId: factSuffix(fact, factKeys.teachingHoursAll), ...stamped(fact) })),
          recruitment: recruitment.map((fact) => ({ termId: factSuffix(fact, factKeys.recruitmentAll), ...stamped(fact) })),
        },
      };
    },
  }),
};

export const handler = httpFunction(classFactRoutes, fromEnvironment());
