/**
 * The warning run (学籍预警) of a unit and term, after the make-up round: previewed, then
 * issued under the college's document. Issuing records the academic warnings and the
 * status-processing list as at-risk statuses dated by the document (the counselor's
 * CO-TALK-ATRISK and parent contacts open from that day), the failed-course counts
 * REG-STATUS-PROCESSING reads, and keeps the list. The same document issued again gives the
 * same statuses: their ids derive from the document, and nothing is written twice.
 */
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import * as z from 'zod/mini';
import { canReadWarningRuns, canRunWarnings } from '../../domain/access.js';
import { warningList, type StudentResults, type WarningList } from '../../domain/academics/warning-run.js';
import { bilingual } from '../../domain/bilingual.js';
import { factKeys, type FailedCourseCounts, type StoredFact } from '../../domain/facts.js';
import { line } from '../../domain/records/fields.js';
import { statusDateViolations, type AtRiskKind, type StudentStatus } from '../../domain/student-status.js';
import { shanghaiDateOf } from '../../domain/time.js';
import type { Dependencies } from '../composition.js';
import { logger } from '../observability.js';
import { translated } from './kit/domain-errors.js';
import { requireAllowed } from './kit/guards.js';
import { route } from './kit/http-function.js';
import { notFound } from './kit/names.js';
import { ConflictError, UnprocessableError } from './kit/problem.js';
import { violationProblems } from './kit/request.js';
import { identifier, localDate, termId } from './schemas/common.js';
import { resultKeys, resultOf, settingsOf } from './results.js';

/** Fixed namespace of the status ids a warning run derives (UUID v5 of the document and the student). */
const statusNamespace = '6f1c2d0e-5b7a-4c1e-9a4b-3d2f1e0c9b8a';

export const warningRunBody = z.strictObject({ termId, documentOn: localDate, documentRef: line(128), issue: z.optional(z.boolean()) });
const unitPath = z.object({ tenantId: identifier, unitId: identifier });

/** What is kept of an issued run: the lists (the counts are kept per class, for REG-STATUS-PROCESSING). */
interface KeptRun extends Omit<WarningList, 'failedTotals'> {
  readonly unitId: string;
  readonly documentOn: string;
  readonly documentRef: string;
  readonly issuedBy: string;
  readonly issuedAt: string;
}

const runKey = (unitId: string, term: string, documentRef: string) => `WARNING-RUN#${unitId}#${term}#${createHash('sha256').update(documentRef).digest('hex').slice(0, 24)}`;
const runsOf = (unitId: string) => `WARNING-RUN#${unitId}#`;

/** Every student of the unit's classes with their results of every term. */
async function resultsOfUnit(dependencies: Dependencies, tenantId: string, unitId: string): Promise<StudentResults[]> {
  const classes = await dependencies.roster.classesOfUnit(tenantId, unitId);
  const perClass = await Promise.all(
    classes.map(async (schoolClass) => {
      const [students, results] = await Promise.all([
        dependencies.roster.listStudents(tenantId, schoolClass.classId),
        dependencies.facts.list<Parameters<typeof resultOf>[0]['content']>(tenantId, `class:${schoolClass.classId}`, resultKeys.all),
      ]);
      const byStudent = new Map<string, ReturnType<typeof resultOf>[]>();
      for (const fact of results) {
        const result = resultOf(fact, schoolClass.classId);
        byStudent.set(result.studentNumber, [...(byStudent.get(result.studentNumber) ?? []), result]);
      }
      return students.map((s) => ({ studentNumber: s.studentNumber, classId: schoolClass.classId, results: byStudent.get(s.studentNumber) ?? [] }));
    }),
  );
  return perClass.flat();
}

/** The statuses a run's list records: a warning per warned student, status processing per listed one. */
function statusesOf(tenantId: string, run: KeptRun, at: string): StudentStatus[] {
  const of = (kind: AtRiskKind, listed: WarningList['warned']) =>
    listed.map((student) => ({
      tenantId,
      classId: student.classId,
      studentNumber: student.studentNumber,
      statusId: uuidv5(`${tenantId}|${run.unitId}|${run.termId}|${run.documentRef}|${kind}|${student.studentNumber}`, statusNamespace),
      kind,
      documentOn: run.documentOn,
      documentRef: run.documentRef,
      version: 1,
      recordedBy: run.issuedBy,
      recordedAt: at,
    }));
  return [...of('academic-warning', run.warned), ...of('status-processing', run.processing)];
}

/**
 * Writes the statuses and the counts, skipping statuses there already: a run cut short before
 * its list was kept is completed by issuing it again.
 */
async function record(dependencies: Dependencies, tenantId: string, run: KeptRun & Pick<WarningList, 'failedTotals'>, now: string): Promise<void> {
  const statuses = statusesOf(tenantId, run, now);
  const classIds = [...new Set(run.failedTotals.map((s) => s.classId))];
  const present = new Set((await Promise.all(classIds.map((classId) => dependencies.statuses.ofClass(tenantId, classId)))).flat().map((s) => s.statusId));
  await translated(dependencies.statuses.importAll(statuses.filter((s) => !present.has(s.statusId))));
  for (const classId of classIds) {
    const owner = `class:${classId}` as const;
    const current = await dependencies.facts.get<FailedCourseCounts>(tenantId, owner, factKeys.failedCourses);
    const content: FailedCourseCounts = { termId: run.termId, documentOn: run.documentOn, students: run.failedTotals.filter((s) => s.classId === classId).map(({ studentNumber, count }) => ({ studentNumber, count })) };
    if (current !== undefined && JSON.stringify(current.content) === JSON.stringify(content)) continue;
    await translated(dependencies.facts.put({ tenantId, owner, fact: factKeys.failedCourses, content, version: (current?.version ?? 0) + 1, updatedAt: now, updatedBy: run.issuedBy }));
  }
}

export const warningRunRoutes = {
  'POST /tenants/{tenantId}/units/{unitId}/warning-runs': route({
    schemas: { params: unitPath, body: warningRunBody },
    handle: async ({ params, body, principal }, dependencies: Dependencies) => {
      requireAllowed(canRunWarnings(principal, params.unitId));
      if ((await dependencies.roster.getUnit(params.tenantId, params.unitId)) === undefined) throw notFound('unit', params.unitId);
      const now = dependencies.clock.now();
      const violations = statusDateViolations({ documentOn: body.documentOn }, shanghaiDateOf(now));
      if (violations.length > 0) throw new UnprocessableError(violationProblems(violations));
      const key = runKey(params.unitId, body.termId, body.documentRef);
      const kept = body.issue === true ? await dependencies.facts.get<KeptRun>(params.tenantId, 'tenant:', key) : undefined;
      if (kept !== undefined) {
        if (kept.content.documentOn !== body.documentOn) throw new ConflictError(bilingual(`Document ${body.documentRef} was issued for ${body.termId} on ${kept.content.documentOn} already.`, `文件 ${body.documentRef} 已于 ${kept.content.documentOn} 为 ${body.termId} 下达。`));
        // The list is kept last: its statuses and counts were written before it.
        return { status: 200, body: { issued: true, ...kept.content } };
      }
      const [students, settings, stored] = await Promise.all([resultsOfUnit(dependencies, params.tenantId, params.unitId), settingsOf(dependencies, params.tenantId), dependencies.configuration.get(params.tenantId)]);
      const list = warningList(body.termId, students, settings, stored?.configuration.academicYears ?? [], body.documentOn);
      const run: KeptRun & Pick<WarningList, 'failedTotals'> = { ...list, unitId: params.unitId, documentOn: body.documentOn, documentRef: body.documentRef, issuedBy: principal.userId, issuedAt: now.toISOString() };
      if (body.issue !== true) return { status: 200, body: { issued: false, ...run } };
      const { failedTotals: _counts, ...keptList } = run;
      const fact: StoredFact<KeptRun> = { tenantId: params.tenantId, owner: 'tenant:', fact: key, content: keptList, version: 1, updatedAt: run.issuedAt, updatedBy: principal.userId };
      // A list too large to keep is refused (413) before any status is written.
      await translated(Promise.resolve().then(() => dependencies.facts.assertFits(fact)));
      await record(dependencies, params.tenantId, run, run.issuedAt);
      await translated(dependencies.facts.put(fact));
      logger.info('warning run issued', { unitId: params.unitId, termId: body.termId, warned: run.warned.length, processing: run.processing.length });
      return { status: 201, body: { issued: true, ...run } };
    },
  }),

  'GET /tenants/{tenantId}/units/{unitId}/warning-runs': route({
    schemas: { params: unitPath },
    handle: async ({ params, principal }, dependencies: Dependencies) => {
      requireAllowed(canReadWarningRuns(principal, params.unitId));
      const kept = await dependencies.facts.list<KeptRun>(params.tenantId, 'tenant:', runsOf(params.unitId));
      return { status: 200, body: { items: kept.map((fact) => ({ issued: true, ...fact.content })).sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : -1)) } };
    },
  }),
};
