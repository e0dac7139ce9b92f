/**
 * Programmes (专业) with their courses, the majors each site offers to each grade and term,
 * and each student's major and grade: what results, credits and the warning run build on.
 */
import * as z from 'zod/mini';
import { canEnrolStudent, canKeepProgrammes } from '../../domain/access.js';
import { enrolmentViolations, levels, offeringViolations, programmeViolations, studentTypes, type Enrolment, type Offering, type Programme } from '../../domain/academics/programmes.js';
import { bilingual } from '../../domain/bilingual.js';
import type { SchoolClass } from '../../domain/organisation.js';
import { count, decimal, line } from '../../domain/records/fields.js';
import type { Violation } from '../../domain/violation.js';
import type { Dependencies } from '../composition.js';
import { logger } from '../observability.js';
import { existingClass, requireAllowed } from './kit/guards.js';
import { route } from './kit/http-function.js';
import { notFound } from './kit/names.js';
import { putVersioned, versionFromIfMatch } from './kit/preconditions.js';
import { UnprocessableError } from './kit/problem.js';
import { violationProblems } from './kit/request.js';
import { identifier, noDuplicates, studentNumber, tenantPath, termId } from './schemas/common.js';

export const academicKeys = {
  programme: (majorId: string) => `PROGRAMME#${majorId}`,
  programmes: 'PROGRAMME#',
  offerings: (unitId: string, termId: string) => `OFFERING#${unitId}#${termId}`,
  offeringsOf: (unitId: string) => `OFFERING#${unitId}#`,
  enrolment: (studentNumber: string) => `ENROLMENT#${studentNumber}`,
  enrolments: 'ENROLMENT#',
} as const;

/** 课程ID as the programme rules write them: letters, digits, hyphens. */
export const courseCode = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/, bilingual('a course code is 1–32 letters, digits or hyphens', '课程代码为1至32位字母、数字或连字符')));
const credits = decimal(0, 30, 1);

export const programmeBody = z.strictObject({
  name: line(64),
  level: z.enum(levels),
  studentType: z.enum(studentTypes),
  requiredCredits: decimal(1, 400, 1),
  courses: z
    .array(z.strictObject({ code: courseCode, name: line(64), credits, programmeTerm: count(1, 12), degreeCourse: z.boolean() }))
    .check(z.minLength(1), z.maxLength(120), noDuplicates((course: { code: string }) => course.code, { en: 'course', zh: '课程' })),
});
export const offeringsBody = z.strictObject({
  grades: z.array(z.strictObject({ grade: termId, majorIds: z.array(identifier).check(z.minLength(1), z.maxLength(200), noDuplicates((id: string) => id, { en: 'major', zh: '专业' })) })).check(z.minLength(1), z.maxLength(20)),
});
export const enrolmentBody = z.strictObject({ majorId: identifier, grade: termId });

const unprocessable = (violations: readonly Violation[]) => new UnprocessableError(violationProblems(violations));

/** Every programme of the tenant, by major. */
export async function programmesOf({ facts }: Pick<Dependencies, 'facts'>, tenantId: string): Promise<Map<string, Programme>> {
  const stored = await facts.list<Omit<Programme, 'majorId'>>(tenantId, 'tenant:', academicKeys.programmes);
  return new Map(stored.map((fact) => [fact.fact.slice(academicKeys.programmes.length), { majorId: fact.fact.slice(academicKeys.programmes.length), ...fact.content }]));
}

/** The student, their class and their enrolment (major and grade) if set. */
export async function studentPlace(dependencies: Pick<Dependencies, 'roster' | 'facts'>, tenantId: string, number: string) {
  const student = await dependencies.roster.getStudent(tenantId, number);
  if (student === undefined) throw notFound('student', number);
  const schoolClass: SchoolClass = await existingClass(dependencies.roster, tenantId, student.classId);
  const enrolment = await dependencies.facts.get<Enrolment>(tenantId, `class:${schoolClass.classId}`, academicKeys.enrolment(number));
  return { student, schoolClass, enrolment };
}

const stamped = <C>(fact: { content: C; version: number; updatedAt: string; updatedBy: string }) => ({ ...fact.content, version: fact.version, updatedAt: fact.updatedAt, updatedBy: fact.updatedBy });

function versioned<C>(dependencies: Dependencies, request: { tenantId: string; owner: 'tenant:' | `class:${string}`; fact: string; content: C; userId: string; ifMatch: string | undefined; what: string }, shown: Record<string, unknown>) {
  const expected = versionFromIfMatch(request.ifMatch);
  const next = { tenantId: request.tenantId, owner: request.owner, fact: request.fact, content: request.content, version: (expected ?? 0) + 1, updatedAt: dependencies.clock.now().toISOString(), updatedBy: request.userId };
  logger.info('academic fact set', { fact: request.fact.split('#')[0] });
  return putVersioned(expected, next.version, request.what, () => dependencies.facts.put(next), { ...shown, ...stamped(next) });
}

export const programmeRoutes = {
  'PUT /tenants/{tenantId}/programmes/{majorId}': route({
    schemas: { params: z.object({ tenantId: identifier, majorId: identifier }), body: programmeBody },
    handle: async ({ params, body, principal, headers }, dependencies: Dependencies) => {
      requireAllowed(canKeepProgrammes(principal));
      const violations = programmeViolations(body);
      if (violations.length > 0) throw unprocessable(violations);
      return versioned(dependencies, { tenantId: params.tenantId, owner: 'tenant:', fact: academicKeys.programme(params.majorId), content: body, userId: principal.userId, ifMatch: headers['if-match'], what: 'programme' }, { majorId: params.majorId });
    },
  }),

  'GET /tenants/{tenantId}/programmes': route({
    schemas: { params: tenantPath },
    handle: async ({ params }, dependencies: Dependencies) => {
      const stored = await dependencies.facts.list<Omit<Programme, 'majorId'>>(params.tenantId, 'tenant:', academicKeys.programmes);
      return { status: 200, body: { items: stored.map((fact) => ({ majorId: fact.fact.slice(academicKeys.programmes.length), ...stamped(fact) })) } };
    },
  }),

  'PUT /tenants/{tenantId}/units/{unitId}/offerings/{termId}': route({
    schemas: { params: z.object({ tenantId: identifier, unitId: identifier, termId }), body: offeringsBody },
    handle: async ({ params, body, principal, headers }, dependencies: Dependencies) => {
      requireAllowed(canKeepProgrammes(principal));
      if ((await dependencies.roster.getUnit(params.tenantId, params.unitId)) === undefined) throw notFound('unit', params.unitId);
      const violations = offeringViolations(body.grades, new Set((await programmesOf(dependencies, params.tenantId)).keys()));
      if (violations.length > 0) throw unprocessable(violations);
      const request = { tenantId: params.tenantId, owner: 'tenant:' as const, fact: academicKeys.offerings(params.unitId, params.termId), content: body, userId: principal.userId, ifMatch: headers['if-match'], what: "site's offerings" };
      return versioned(dependencies, request, { unitId: params.unitId, termId: params.termId });
    },
  }),

  'PUT /tenants/{tenantId}/students/{studentNumber}/programme': route({
    schemas: { params: z.object({ tenantId: identifier, studentNumber }), body: enrolmentBody },
    handle: async ({ params, body, principal, headers }, dependencies: Dependencies) => {
      const { schoolClass } = await studentPlace(dependencies, params.tenantId, params.studentNumber);
      requireAllowed(canEnrolStudent(principal, schoolClass));
      const [programmes, offerings] = await Promise.all([
        programmesOf(dependencies, params.tenantId),
        dependencies.facts.list<{ grades: Offering[] }>(params.tenantId, 'tenant:', academicKeys.offeringsOf(schoolClass.unitId)),
      ]);
      const programme = programmes.get(body.majorId);
      const violations = enrolmentViolations(body, programme, offerings.flatMap((o) => o.content.grades));
      if (violations.length > 0) throw unprocessable(violations);
      const request = { tenantId: params.tenantId, owner: `class:${schoolClass.classId}` as const, fact: academicKeys.enrolment(params.studentNumber), content: body, userId: principal.userId, ifMatch: headers['if-match'], what: "student's major" };
      return versioned(dependencies, request, { studentNumber: params.studentNumber, level: programme!.level, studentType: programme!.studentType, siteId: schoolClass.unitId });
    },
  }),
};
