/**
 * Course results (成绩录入): entered one at a time by the class's course teacher or a
 * registrar, or imported in bulk from the 教务系统; the make-up (补考) result after the
 * make-up round; a student's transcript with the credits earned, scores masked for roles
 * that may not see grades (DOMAIN.md §7) unless a grant reveals them, each reveal logged.
 */
import * as z from 'zod/mini';
import { canEnterResult, mayKeepResults, type Principal } from '../../domain/access.js';
import type { Enrolment, Programme } from '../../domain/academics/programmes.js';
import { academicSettingsOf, makeUpViolations, maxScore, type AcademicSettings, type CourseResult } from '../../domain/academics/results.js';
import { bilingual } from '../../domain/bilingual.js';
import type { StoredFact } from '../../domain/facts.js';
import type { SchoolClass } from '../../domain/organisation.js';
import { decimal } from '../../domain/records/fields.js';
import type { Violation } from '../../domain/violation.js';
import type { Dependencies } from '../composition.js';
import { logger } from '../observability.js';
import { translated } from './kit/domain-errors.js';
import { requireAllowed } from './kit/guards.js';
import { route } from './kit/http-function.js';
import { notFound } from './kit/names.js';
import { etagOf, requiredVersion } from './kit/preconditions.js';
import { ConflictError, ForbiddenError, UnprocessableError } from './kit/problem.js';
import { violationProblems } from './kit/request.js';
import { identifier, studentNumber, tenantPath, termId } from './schemas/common.js';
import { maxImportBodyBytes } from './schemas/records.js';
import { academicKeys, courseCode, programmesOf, studentPlace } from './programmes.js';
import { readTranscript } from './transcript-reading.js';

/** A results import takes up to 10,000 rows: a site's results of a term from the 教务系统. */
export const maxResultRows = 10_000;

export const resultKeys = {
  result: (student: string, term: string, course: string) => `RESULT#${student}#${term}#${course}`,
  ofStudent: (student: string) => `RESULT#${student}#`,
  all: 'RESULT#',
} as const;

export const score = decimal(0, maxScore, 1);
const resultPath = z.object({ tenantId: identifier, studentNumber, termId, courseCode });
export const resultBody = z.strictObject({ score });
export const makeUpBody = z.strictObject({ score });
export const importResultsBody = z.strictObject({
  results: z.array(z.strictObject({ studentNumber, termId, courseCode, score, makeUpScore: z.optional(score) })).check(z.minLength(1), z.maxLength(maxResultRows)),
});

type StoredResult = StoredFact<Omit<CourseResult, 'studentNumber' | 'classId' | 'termId' | 'courseCode'>>;

const unprocessable = (violations: readonly Violation[]) => new UnprocessableError(violationProblems(violations));

export async function settingsOf({ configuration }: Pick<Dependencies, 'configuration'>, tenantId: string): Promise<AcademicSettings> {
  return academicSettingsOf((await configuration.get(tenantId))?.configuration.academics);
}

/** Whether the caller is a course teacher of the class, in the term when one is named, in any term otherwise. */
export async function teaches({ roster }: Pick<Dependencies, 'roster'>, principal: Principal, schoolClass: SchoolClass, term?: string): Promise<boolean> {
  if (!principal.roles.includes('course-teacher')) return false;
  const terms = await roster.courseTeachersOf(schoolClass.tenantId, schoolClass.classId);
  return terms.some((t) => (term === undefined || t.termId === term) && t.teacherIds.includes(principal.userId));
}

export function resultOf(fact: StoredResult, classId: string): CourseResult & { version: number } {
  const [, student, term, course] = fact.fact.split('#') as [string, string, string, string];
  return { studentNumber: student, classId, termId: term, courseCode: course, ...fact.content, version: fact.version };
}

/** Where the student's enrolment or the course do not allow a result: no major set, or a course outside it. */
function placementViolations(enrolment: Enrolment | undefined, programme: Programme | undefined, code: string, at: readonly (string | number)[]): Violation[] {
  if (enrolment === undefined || programme === undefined) {
    return [{ path: [...at, 'studentNumber'], code: 'result.no-major', message: 'the student has no major yet: set it first (PUT …/programme)', zh: '该学生尚未登记专业，请先登记专业' }];
  }
  if (!programme.courses.some((course) => course.code === code)) {
    return [{ path: [...at, 'courseCode'], code: 'result.course-not-in-programme', message: `course ${code} is not a course of major ${programme.majorId}`, zh: `课程 ${code} 不属于专业 ${programme.majorId}` }];
  }
  return [];
}

async function placedResult(dependencies: Dependencies, params: { tenantId: string; studentNumber: string; termId: string; courseCode: string }) {
  const place = await studentPlace(dependencies, params.tenantId, params.studentNumber);
  const owner = `class:${place.schoolClass.classId}` as const;
  const stored = await dependencies.facts.get<StoredResult['content']>(params.tenantId, owner, resultKeys.result(params.studentNumber, params.termId, params.courseCode));
  return { ...place, owner, stored };
}

export const resultRoutes = {
  'PUT /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}': route({
    schemas: { params: resultPath, body: resultBody },
    handle: async ({ params, body, principal }, dependencies: Dependencies) => {
      const { schoolClass, enrolment, owner, stored } = await placedResult(dependencies, params);
      requireAllowed(canEnterResult(principal, schoolClass, await teaches(dependencies, principal, schoolClass, params.termId)));
      if (stored !== undefined) throw new ConflictError(bilingual('The result is entered already; a change is a correction (POST …/corrections).', '该成绩已录入；如需修改请申请成绩更正。'));
      const programme = enrolment === undefined ? undefined : (await programmesOf(dependencies, params.tenantId)).get(enrolment.content.majorId);
      const violations = placementViolations(enrolment?.content, programme, params.courseCode, ['path']);
      if (violations.length > 0) throw unprocessable(violations);
      const now = dependencies.clock.now().toISOString();
      const fact: StoredResult = { tenantId: params.tenantId, owner, fact: resultKeys.result(params.studentNumber, params.termId, params.courseCode), content: { score: body.score, enteredBy: principal.userId, enteredAt: now }, version: 1, updatedAt: now, updatedBy: principal.userId };
      await translated(dependencies.facts.put(fact));
      logger.info('result entered', { classId: schoolClass.classId });
      return { status: 201, headers: { etag: etagOf(1) }, body: resultOf(fact, schoolClass.classId) };
    },
  }),

  'POST /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/make-up': route({
    schemas: { params: resultPath, body: makeUpBody },
    handle: async ({ params, body, principal, headers }, dependencies: Dependencies) => {
      const expected = requiredVersion(headers['if-match'], 'result');
      const { schoolClass, stored } = await placedResult(dependencies, params);
      requireAllowed(canEnterResult(principal, schoolClass, await teaches(dependencies, principal, schoolClass, params.termId)));
      if (stored === undefined) throw notFound('result', `${params.termId}/${params.courseCode}`);
      const current = resultOf(stored, schoolClass.classId);
      const violations = makeUpViolations(current, (await settingsOf(dependencies, params.tenantId)).passMark);
      if (violations.length > 0) throw unprocessable(violations);
      const now = dependencies.clock.now().toISOString();
      const next: StoredResult = { ...stored, content: { ...stored.content, makeUpScore: body.score, makeUp: { by: principal.userId, at: now } }, version: expected + 1, updatedAt: now, updatedBy: principal.userId };
      await translated(dependencies.facts.put(next));
      logger.info('make-up result entered', { classId: schoolClass.classId });
      return { status: 200, headers: { etag: etagOf(next.version) }, body: resultOf(next, schoolClass.classId) };
    },
  }),

  'POST /tenants/{tenantId}/imports/results': route({
    schemas: { params: tenantPath, body: importResultsBody, maxBodyBytes: maxImportBodyBytes },
    handle: async ({ params, body, principal }, dependencies: Dependencies) => {
      requireAllowed(mayKeepResults(principal));
      const rows = body.results;
      const [students, programmes, settings] = await Promise.all([
        dependencies.roster.studentsByNumber(params.tenantId, rows.map((row) => row.studentNumber)),
        programmesOf(dependencies, params.tenantId),
        settingsOf(dependencies, params.tenantId),
      ]);
      const classIds = [...new Set([...students.values()].map((s) => s.classId))];
      const classes = new Map<string, { schoolClass: SchoolClass | undefined; enrolments: Map<string, Enrolment> }>();
      await Promise.all(
        classIds.map(async (classId) => {
          const [schoolClass, enrolments] = await Promise.all([dependencies.roster.getClass(params.tenantId, classId), dependencies.facts.list<Enrolment>(params.tenantId, `class:${classId}`, academicKeys.enrolments)]);
          classes.set(classId, { schoolClass, enrolments: new Map(enrolments.map((e) => [e.fact.slice(academicKeys.enrolments.length), e.content])) });
        }),
      );
      const violations: Violation[] = [];
      const refused: number[] = [];
      const seen = new Set<string>();
      rows.forEach((row, index) => {
        const at = ['results', index];
        const place = classes.get(students.get(row.studentNumber)?.classId ?? '');
        if (place?.schoolClass === undefined) {
          violations.push({ path: [...at, 'studentNumber'], code: 'unknown_reference', message: `no student ${row.studentNumber}`, zh: `没有学号为 ${row.studentNumber} 的学生` });
          return;
        }
        if (!canEnterResult(principal, place.schoolClass, false).allowed) refused.push(index);
        const key = resultKeys.result(row.studentNumber, row.termId, row.courseCode);
        if (seen.has(key)) violations.push({ path: [...at, 'courseCode'], code: 'result.duplicate-row', message: `the result of ${row.studentNumber} in ${row.courseCode}, ${row.termId} is given twice`, zh: `学生 ${row.studentNumber} 的课程 ${row.courseCode}（${row.termId}）成绩重复` });
        seen.add(key);
        const enrolment = place.enrolments.get(row.studentNumber);
        violations.push(...placementViolations(enrolment, enrolment && programmes.get(enrolment.majorId), row.courseCode, at));
        if (row.makeUpScore !== undefined && row.score >= settings.passMark) {
          violations.push({ path: [...at, 'makeUpScore'], code: 'result.passed-already', message: `a make-up result for a course passed with ${row.score}`, zh: `该课程已以 ${row.score} 分通过，不应有补考成绩` });
        }
      });
      if (refused.length > 0) {
        const list = refused.slice(0, 20).join(', ');
        throw new ForbiddenError(bilingual(`${refused.length} row(s) are students of another unit (rows ${list}${refused.length > 20 ? ', …' : ''}); nothing was written.`, `有 ${refused.length} 行是其他单位的学生（第 ${list}${refused.length > 20 ? '、…' : ''} 行，从0计）；未写入任何数据。`));
      }
      if (violations.length > 0) throw unprocessable(violations);
      const now = dependencies.clock.now().toISOString();
      const facts: StoredResult[] = rows.map((row) => ({
        tenantId: params.tenantId,
        owner: `class:${students.get(row.studentNumber)!.classId}`,
        fact: resultKeys.result(row.studentNumber, row.termId, row.courseCode),
        content: { score: row.score, enteredBy: principal.userId, enteredAt: now, ...(row.makeUpScore !== undefined ? { makeUpScore: row.makeUpScore, makeUp: { by: principal.userId, at: now } } : {}) },
        version: 1,
        updatedAt: now,
        updatedBy: principal.userId,
      }));
      await translated(dependencies.facts.createAll(facts));
      logger.info('results imported', { count: facts.length });
      return { status: 201, body: { count: facts.length } };
    },
  }),

  'GET /tenants/{tenantId}/students/{studentNumber}/results': route({
    schemas: { params: z.object({ tenantId: identifier, studentNumber }) },
    handle: async ({ params, principal, path }, dependencies: Dependencies) => {
      const { transcript, revealedByGrant, grantId } = await readTranscript(dependencies, principal, params.tenantId, params.studentNumber);
      // Log the read through a grant before the grades leave: no reveal without its entry.
      if (revealedByGrant) {
        await dependencies.privacy.logReveal({ tenantId: params.tenantId, entryId: dependencies.newId(), at: dependencies.clock.now().toISOString(), userId: principal.userId, studentNumber: params.studentNumber, fields: ['grades'], grantId: grantId!, route: path });
      }
      return { status: 200, body: transcript };
    },
  }),
};
