/**
 * Facts about a class that other offices hold and the rules turn on: finance's tuition
 * figures (CO-TUITION). Each is one versioned document, set with If-Match once it exists.
 */
import * as z from 'zod/mini';
import { canReadTuition, canRecordTuition } from '../../domain/access.js';
import { factKeys, type StoredFact, type Tuition } from '../../domain/facts.js';
import { yuan } from '../../domain/records/fields.js';
import { fromEnvironment, type Dependencies } from '../composition.js';
import { existingClass, requireAllowed } from './kit/guards.js';
import { httpFunction, route } from './kit/http-function.js';
import { putVersioned, versionFromIfMatch } from './kit/preconditions.js';
import { fieldProblem, UnprocessableError } from './kit/problem.js';
import { classPath, identifier, noDuplicates, studentNumber, studentNumberWord, termId } from './schemas/common.js';
import { logger } from '../observability.js';

const termPath = z.object({ tenantId: identifier, classId: identifier, termId });
export const tuitionBody = z.strictObject({
  students: z
    .array(z.strictObject({ studentNumber, billed: yuan, paid: yuan }))
    .check(z.minLength(1), z.maxLength(1000), noDuplicates((row: { studentNumber: string }) => row.studentNumber, studentNumberWord)),
});

/** Every row naming a student who is not on the class's roster, at once (422). */
async function refuseStrangers({ roster }: Dependencies, tenantId: string, classId: string, rows: readonly { readonly studentNumber: string }[]): Promise<void> {
  const inClass = await roster.studentsInClass(tenantId, classId, rows.map((row) => row.studentNumber));
  const problems = rows.flatMap((row, index) =>
    inClass.has(row.studentNumber) ? [] : [fieldProblem(['students', index, 'studentNumber'], 'student.not-in-class', `student ${row.studentNumber} is not on the roster of class ${classId}`, `学生 ${row.studentNumber} 不在班级 ${classId} 的名册中`)],
  );
  if (problems.length > 0) throw new UnprocessableError(problems);
}

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
};

export const handler = httpFunction(classFactRoutes, fromEnvironment());
