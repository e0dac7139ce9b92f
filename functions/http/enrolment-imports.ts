/**
 * Bulk enrolment in majors (`POST …/imports/enrolments`): up to 5,000 students placed in
 * their major and grade at once, all or nothing, every bad row named (422); rows of
 * another unit's students counted and numbered (403). Written as version 1 of each
 * student's enrolment in byte-sized transactions (the fact repository's `createAll`,
 * taken back when one fails); a major set meanwhile gets 409 and nothing stays written.
 */
import * as z from 'zod/mini';
import { canEnrolStudent, canImportEnrolments } from '../../domain/access.js';
import { enrolmentImportViolations } from '../../domain/academics/enrolment-import.js';
import type { Enrolment, Offering } from '../../domain/academics/programmes.js';
import { bilingual } from '../../domain/bilingual.js';
import type { StoredFact } from '../../domain/facts.js';
import type { SchoolClass } from '../../domain/organisation.js';
import type { Dependencies } from '../composition.js';
import { logger } from '../observability.js';
import { translated } from './kit/domain-errors.js';
import { requireAllowed } from './kit/guards.js';
import { route } from './kit/http-function.js';
import { ForbiddenError, UnprocessableError } from './kit/problem.js';
import { violationProblems } from './kit/request.js';
import { identifier, studentNumber, tenantPath, termId } from './schemas/common.js';
import { maxImportBodyBytes } from './schemas/records.js';
import { academicKeys, programmesOf } from './programmes.js';

/** A cohort's registration (学籍注册) of a site or a college: a few thousand students. */
export const maxEnrolmentRows = 5_000;

export const importEnrolmentsBody = z.strictObject({
  enrolments: z.array(z.strictObject({ studentNumber, majorId: identifier, grade: termId })).check(z.minLength(1), z.maxLength(maxEnrolmentRows)),
});

/** Each class of the rows' students with its enrolments, each unit's offerings of every term. */
async function placesOf(dependencies: Dependencies, tenantId: string, classIds: readonly string[]) {
  const classes = new Map<string, { schoolClass: SchoolClass | undefined; enrolled: Map<string, Enrolment> }>();
  await Promise.all(
    classIds.map(async (classId) => {
      const [schoolClass, enrolments] = await Promise.all([dependencies.roster.getClass(tenantId, classId), dependencies.facts.list<Enrolment>(tenantId, `class:${classId}`, academicKeys.enrolments)]);
      classes.set(classId, { schoolClass, enrolled: new Map(enrolments.map((e) => [e.fact.slice(academicKeys.enrolments.length), e.content])) });
    }),
  );
  const unitIds = [...new Set([...classes.values()].flatMap(({ schoolClass }) => (schoolClass ? [schoolClass.unitId] : [])))];
  const offerings = new Map<string, Offering[]>();
  await Promise.all(
    unitIds.map(async (unitId) => {
      const stored = await dependencies.facts.list<{ grades: Offering[] }>(tenantId, 'tenant:', academicKeys.offeringsOf(unitId));
      offerings.set(unitId, stored.flatMap((o) => o.content.grades));
    }),
  );
  return { classes, offerings };
}

export const enrolmentImportRoutes = {
  'POST /tenants/{tenantId}/imports/enrolments': route({
    schemas: { params: tenantPath, body: importEnrolmentsBody, maxBodyBytes: maxImportBodyBytes },
    handle: async ({ params, body, principal }, dependencies: Dependencies) => {
      requireAllowed(canImportEnrolments(principal));
      const rows = body.enrolments;
      const [students, programmes] = await Promise.all([dependencies.roster.studentsByNumber(params.tenantId, rows.map((row) => row.studentNumber)), programmesOf(dependencies, params.tenantId)]);
      const { classes, offerings } = await placesOf(dependencies, params.tenantId, [...new Set([...students.values()].map((s) => s.classId))]);
      const classOf = (number: string) => classes.get(students.get(number)?.classId ?? '');
      const refused = rows.flatMap((row, index) => {
        const schoolClass = classOf(row.studentNumber)?.schoolClass;
        return schoolClass !== undefined && !canEnrolStudent(principal, schoolClass).allowed ? [index] : [];
      });
      if (refused.length > 0) {
        const list = refused.slice(0, 20).join(', ');
        throw new ForbiddenError(bilingual(`${refused.length} row(s) are students of another unit (rows ${list}${refused.length > 20 ? ', …' : ''}); nothing was written.`, `有 ${refused.length} 行是其他单位的学生（第 ${list}${refused.length > 20 ? '、…' : ''} 行，从0计）；未写入任何数据。`));
      }
      const violations = enrolmentImportViolations(rows, {
        standingOf: (number) => {
          const place = classOf(number);
          return place?.schoolClass === undefined ? undefined : { siteId: place.schoolClass.unitId, enrolled: place.enrolled.get(number) };
        },
        programmes,
        offeringsOf: (siteId) => offerings.get(siteId) ?? [],
      });
      if (violations.length > 0) throw new UnprocessableError(violationProblems(violations));
      const now = dependencies.clock.now().toISOString();
      const facts: StoredFact<Enrolment>[] = rows.map((row) => ({
        tenantId: params.tenantId,
        owner: `class:${students.get(row.studentNumber)!.classId}`,
        fact: academicKeys.enrolment(row.studentNumber),
        content: { majorId: row.majorId, grade: row.grade },
        version: 1,
        updatedAt: now,
        updatedBy: principal.userId,
      }));
      await translated(dependencies.facts.createAll(facts));
      logger.info('enrolments imported', { count: facts.length });
      return { status: 201, body: { count: facts.length } };
    },
  }),
};
