/**
 * One class of a warning run (学籍预警), the `warning-runs` queue's message: the class's
 * students and results read, its list decided by the domain's `warningList` with the settings
 * the run recorded, and, for an issued run, the statuses and the class's failed-course counts
 * written; then the class's kept pages join the run, and the class that completes the count
 * finishes the run: done, or failed when a class failed.
 *
 * A failure is thrown, so the queue delivers the class again; on the last delivery the queue
 * allows, the class first joins as failed, so the run still finishes and names it while the
 * message goes to the dead-letter queue (and its alarm). Issuing the same document again
 * reopens a failed run and sends its classes not done (functions/http/warning-runs.ts).
 *
 * A redelivery writes nothing new: the status ids derive from the document (UUID v5), a
 * status there already is skipped, the counts are put only when they differ, and the pages
 * join once (the class's marker is put only if absent or failed, in the same transaction).
 */
import { v5 as uuidv5 } from 'uuid';
import { mayJoin, pagesOfClass, warningRunOutcome, type WarningRun } from '../../domain/academics/warning-job.js';
import { warningList, type StudentResults, type WarningList } from '../../domain/academics/warning-run.js';
import { factKeys, type FailedCourseCounts } from '../../domain/facts.js';
import type { AtRiskKind, StudentStatus } from '../../domain/student-status.js';
import type { Dependencies } from '../composition.js';
import { resultKeys, resultOf } from '../http/results.js';
import { logger } from '../observability.js';
import type { Delivery } from './sqs.js';

export interface WarningClassMessage {
  readonly tenantId: string;
  readonly runId: string;
  readonly classId: string;
}

/** Fixed namespace of the status ids a warning run derives (UUID v5 of the document and the student). */
const statusNamespace = '6f1c2d0e-5b7a-4c1e-9a4b-3d2f1e0c9b8a';

/** Entries (warned, processing, failed totals) per kept page: `WARNING_LIST_PAGE_SIZE`, default 200 (~50 KB a page). */
export const pageSizeVariable = 'WARNING_LIST_PAGE_SIZE';
const defaultPageSize = 200;

export function pageSizeOf(env: NodeJS.ProcessEnv = process.env): number {
  const configured = env[pageSizeVariable];
  if (configured === undefined || configured === '') return defaultPageSize;
  const size = Number(configured);
  if (!Number.isInteger(size) || size < 1 || size > 1000) throw new Error(`${pageSizeVariable} must be a whole number from 1 to 1000, not ${configured}`);
  return size;
}

/** The class's students with their results of every term. */
async function resultsOfClass(dependencies: Dependencies, tenantId: string, classId: string): Promise<StudentResults[]> {
  const [students, results] = await Promise.all([
    dependencies.roster.listStudents(tenantId, classId),
    dependencies.facts.list<Parameters<typeof resultOf>[0]['content']>(tenantId, `class:${classId}`, resultKeys.all),
  ]);
  const byStudent = new Map<string, ReturnType<typeof resultOf>[]>();
  for (const fact of results) {
    const result = resultOf(fact, classId);
    byStudent.set(result.studentNumber, [...(byStudent.get(result.studentNumber) ?? []), result]);
  }
  return students.map((s) => ({ studentNumber: s.studentNumber, classId, results: byStudent.get(s.studentNumber) ?? [] }));
}

/** The statuses a list records: a warning per warned student, status processing per listed one, stamped as of the run's acceptance. */
export function statusesOf(run: WarningRun, list: Pick<WarningList, 'warned' | 'processing'>): StudentStatus[] {
  const of = (kind: AtRiskKind, listed: WarningList['warned']) =>
    listed.map((student) => ({
      tenantId: run.tenantId,
      classId: student.classId,
      studentNumber: student.studentNumber,
      statusId: uuidv5(`${run.tenantId}|${run.unitId}|${run.termId}|${run.documentRef}|${kind}|${student.studentNumber}`, statusNamespace),
      kind,
      documentOn: run.documentOn,
      documentRef: run.documentRef,
      version: 1,
      recordedBy: run.acceptedBy,
      recordedAt: run.acceptedAt,
    }));
  return [...of('academic-warning', list.warned), ...of('status-processing', list.processing)];
}

/** The class's statuses not there yet, and its failed-course counts unless they are already these. */
async function record(dependencies: Dependencies, run: WarningRun, classId: string, list: WarningList): Promise<void> {
  const present = new Set((await dependencies.statuses.ofClass(run.tenantId, classId)).map((s) => s.statusId));
  await dependencies.statuses.importAll(statusesOf(run, list).filter((s) => !present.has(s.statusId)));
  const owner = `class:${classId}` as const;
  const current = await dependencies.facts.get<FailedCourseCounts>(run.tenantId, owner, factKeys.failedCourses);
  const content: FailedCourseCounts = { termId: run.termId, documentOn: run.documentOn, students: list.failedTotals.map(({ studentNumber, count }) => ({ studentNumber, count })) };
  if (current !== undefined && JSON.stringify(current.content) === JSON.stringify(content)) return;
  await dependencies.facts.put({ tenantId: run.tenantId, owner, fact: factKeys.failedCourses, content, version: (current?.version ?? 0) + 1, updatedAt: run.acceptedAt, updatedBy: run.acceptedBy });
}

export async function warnClass(dependencies: Dependencies, message: WarningClassMessage, delivery: Delivery): Promise<void> {
  const run = await dependencies.warningRuns.get(message.tenantId, message.runId);
  // A finished run takes nothing more (a failed one runs again only when its document is issued again).
  if (run === undefined || run.status !== 'running') return;
  if (!run.classIds.includes(message.classId)) {
    // A class set up in the unit after the run was accepted is not in its list: the run judges the unit as it was.
    logger.warn('warning run message for a class outside the run', { tenantId: message.tenantId, runId: message.runId, classId: message.classId });
    return;
  }
  if (mayJoin(await dependencies.warningRuns.classOutcome(message.tenantId, message.runId, message.classId))) {
    try {
      const list = warningList(run.termId, await resultsOfClass(dependencies, run.tenantId, message.classId), run.settings);
      if (run.issue) await record(dependencies, run, message.classId, list);
      const listing = { classId: message.classId, pages: pagesOfClass(message.classId, list, pageSizeOf()), warnedCount: list.warned.length, processingCount: list.processing.length };
      await dependencies.warningRuns.joinClass(run.tenantId, run.runId, listing, run.expiresAt);
    } catch (error) {
      if (delivery.receiveCount >= delivery.maxReceiveCount) {
        // Ids only: the error's message may quote a student.
        logger.error('warning run class failed on its last delivery', { tenantId: run.tenantId, runId: run.runId, classId: message.classId, errorName: error instanceof Error ? error.name : typeof error });
        await dependencies.warningRuns.joinClassFailed(run.tenantId, run.runId, message.classId, run.expiresAt);
        await finishIfComplete(dependencies, message);
      }
      throw error;
    }
  }
  // A redelivered class finishes the run too if the first delivery stopped just after joining.
  await finishIfComplete(dependencies, message);
}

/** The run finished, done or failed, once every class has joined; nothing while classes are outstanding. */
async function finishIfComplete(dependencies: Dependencies, message: WarningClassMessage): Promise<void> {
  const current = await dependencies.warningRuns.get(message.tenantId, message.runId);
  if (current === undefined || current.status !== 'running') return;
  const outcome = warningRunOutcome(current);
  if (outcome === undefined) return;
  if (!(await dependencies.warningRuns.finish(current.tenantId, current.runId, outcome, current, dependencies.clock.now().toISOString()))) return;
  const figures = { tenantId: current.tenantId, runId: current.runId, unitId: current.unitId, classes: current.classIds.length, classesFailed: current.failedClasses.length, warned: current.warnedCount, processing: current.processingCount };
  if (outcome === 'failed') logger.error('warning run failed: a class failed on every delivery', figures);
  else logger.info('warning run done', figures);
}
