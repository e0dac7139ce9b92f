/**
 * The warning run (学籍预警) of a unit and term, after the make-up round: previewed, then
 * issued under the college's document. Both are jobs: the route accepts the run with the
 * unit's classes and the settings in force, answers 202 with its Location, and sends one
 * `warning-runs` message per class (functions/jobs/warning-class.ts); `GET …/{runId}`
 * answers the run's progress and, once done, its lists a few kept pages at a time.
 *
 * An issued run's id derives from the unit, term and document, so issuing the same document
 * again is the same run: answered as it stands (200 once done), its classes not done sent
 * again while it is running, and a failed run (a class failed on every delivery) reopened
 * and its failed classes sent again. The same document with another date is 409.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { canReadWarningRuns, canRunWarnings } from '../../domain/access.js';
import { classesToSend, mayReopen, type WarningListPage, type WarningRun } from '../../domain/academics/warning-job.js';
import { processingDueOn } from '../../domain/academics/warning-run.js';
import { bilingual } from '../../domain/bilingual.js';
import { line } from '../../domain/records/fields.js';
import { statusDateViolations } from '../../domain/student-status.js';
import { shanghaiDateOf } from '../../domain/time.js';
import type { Dependencies } from '../composition.js';
import type { WarningClassMessage } from '../jobs/warning-class.js';
import { logger } from '../observability.js';
import { anyValue, equals, startsWith } from '../storage/cursor.js';
import { keys } from '../storage/table.js';
import { requireAllowed } from './kit/guards.js';
import { route } from './kit/http-function.js';
import { notFound } from './kit/names.js';
import { ConflictError, UnprocessableError } from './kit/problem.js';
import { violationProblems } from './kit/request.js';
import { identifier, localDate, pageQuery, termId } from './schemas/common.js';
import { settingsOf } from './results.js';

export const warningRunBody = z.strictObject({ termId, documentOn: localDate, documentRef: line(128), issue: z.optional(z.boolean()) });
const unitPath = z.object({ tenantId: identifier, unitId: identifier });
const runPath = z.object({ tenantId: identifier, unitId: identifier, runId: identifier });
/** Kept pages per answer: each holds at most 200 entries (WARNING_LIST_PAGE_SIZE), so an answer stays under ~1 MB. */
export const warningRunQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(20)), 10),
  cursor: pageQuery.shape.cursor,
});

/** A preview is kept a week (TTL), long enough to read and issue it; issued runs are kept. */
const previewKeptSeconds = 7 * 24 * 3600;

/** The id of the run issued under a document: the same unit, term and document give the same run. */
const issuedRunId = (unitId: string, term: string, documentRef: string) => `issue-${createHash('sha256').update(JSON.stringify([unitId, term, documentRef])).digest('hex').slice(0, 40)}`;

/** The run without what only the job needs: its classes become a count. */
function summaryOf(run: WarningRun) {
  const { tenantId: _tenant, settings: _settings, classIds, issue, expiresAt: _expires, ...rest } = run as WarningRun & { expiresAt?: number };
  return { ...rest, kind: issue ? ('issue' as const) : ('preview' as const), classesTotal: classIds.length };
}

async function sendClasses(dependencies: Dependencies, run: WarningRun, classIds: readonly string[]): Promise<void> {
  if (classIds.length === 0) return;
  await dependencies.messaging.queues.send('warning-runs', classIds.map((classId) => ({ tenantId: run.tenantId, runId: run.runId, classId }) satisfies WarningClassMessage));
}

/**
 * The run issued under this document already: refused with another date, else answered as it
 * stands; a failed run is mayReopen first, and a run not done gets its classes not done sent again.
 */
async function answerKept(dependencies: Dependencies, kept: WarningRun, documentOn: string, location: string) {
  if (kept.documentOn !== documentOn) {
    throw new ConflictError(bilingual(`Document ${kept.documentRef} was issued for ${kept.termId} on ${kept.documentOn} already.`, `文件 ${kept.documentRef} 已于 ${kept.documentOn} 为 ${kept.termId} 下达。`));
  }
  let run = kept;
  if (mayReopen(run)) {
    // False when another request mayReopen it first: either way it is read again as it now stands.
    if (await dependencies.warningRuns.reopen(run.tenantId, run.runId)) logger.info('warning run reopened', { unitId: run.unitId, runId: run.runId, classesFailed: run.failedClasses.length });
    run = (await dependencies.warningRuns.get(run.tenantId, run.runId)) ?? run;
  }
  if (run.status !== 'running') return { status: 200, headers: { location }, body: summaryOf(run) };
  // Running: a class message was lost, dead-lettered, or is still under way; each class joins done once, whatever it receives.
  await sendClasses(dependencies, run, classesToSend(run, await dependencies.warningRuns.classOutcomes(run.tenantId, run.runId)));
  return { status: 202, headers: { location }, body: summaryOf(run) };
}

export const warningRunRoutes = {
  'POST /tenants/{tenantId}/units/{unitId}/warning-runs': route({
    schemas: { params: unitPath, body: warningRunBody },
    handle: async ({ params, body, principal, path }, dependencies: Dependencies) => {
      requireAllowed(canRunWarnings(principal, params.unitId));
      if ((await dependencies.roster.getUnit(params.tenantId, params.unitId)) === undefined) throw notFound('unit', params.unitId);
      const now = dependencies.clock.now();
      const violations = statusDateViolations({ documentOn: body.documentOn }, shanghaiDateOf(now));
      if (violations.length > 0) throw new UnprocessableError(violationProblems(violations));
      const issue = body.issue === true;
      const runId = issue ? issuedRunId(params.unitId, body.termId, body.documentRef) : `preview-${dependencies.newId()}`;
      const location = `${path}/${runId}`;
      const kept = issue ? await dependencies.warningRuns.get(params.tenantId, runId) : undefined;
      if (kept !== undefined) return answerKept(dependencies, kept, body.documentOn, location);

      const [classes, settings, stored] = await Promise.all([dependencies.roster.classesOfUnit(params.tenantId, params.unitId), settingsOf(dependencies, params.tenantId), dependencies.configuration.get(params.tenantId)]);
      const dueOn = processingDueOn(body.documentOn, stored?.configuration.academicYears ?? []);
      const acceptedAt = now.toISOString();
      const run: WarningRun = {
        tenantId: params.tenantId,
        runId,
        unitId: params.unitId,
        termId: body.termId,
        documentOn: body.documentOn,
        documentRef: body.documentRef,
        issue,
        settings,
        ...(dueOn !== undefined ? { processingDueOn: dueOn } : {}),
        classIds: classes.map((c) => c.classId).sort(),
        classesDone: 0,
        failedClasses: [],
        warnedCount: 0,
        processingCount: 0,
        // A unit without classes has nobody to list: done as accepted.
        status: classes.length === 0 ? 'done' : 'running',
        acceptedBy: principal.userId,
        acceptedAt,
        ...(classes.length === 0 ? { finishedAt: acceptedAt } : {}),
      };
      if (!(await dependencies.warningRuns.accept(run, issue ? undefined : Math.floor(now.getTime() / 1000) + previewKeptSeconds))) {
        // The same document issued at the same moment by another request: one run, answered as it stands.
        return answerKept(dependencies, (await dependencies.warningRuns.get(params.tenantId, runId))!, body.documentOn, location);
      }
      await sendClasses(dependencies, run, run.classIds);
      logger.info('warning run accepted', { unitId: params.unitId, termId: body.termId, runId, kind: issue ? 'issue' : 'preview', classes: run.classIds.length });
      return { status: 202, headers: { location }, body: summaryOf(run) };
    },
  }),

  'GET /tenants/{tenantId}/units/{unitId}/warning-runs': route({
    schemas: { params: unitPath, query: pageQuery },
    handle: async ({ params, query, principal }, dependencies: Dependencies) => {
      requireAllowed(canReadWarningRuns(principal, params.unitId));
      const scope = { tenantId: params.tenantId, listing: 'issued-warning-runs', filters: { unitId: params.unitId } };
      const shape = { pk: startsWith(keys.warningRun(params.tenantId, '')), sk: equals(keys.head), gsi1pk: equals(keys.warningRunsOfUnit(params.tenantId, params.unitId)), gsi1sk: anyValue };
      const exclusiveStartKey = await dependencies.cursors.open(query.cursor, scope, shape);
      const { items, lastEvaluatedKey } = await dependencies.warningRuns.issuedOfUnit(params.tenantId, params.unitId, { limit: query.limit, exclusiveStartKey });
      const nextCursor = await dependencies.cursors.seal(lastEvaluatedKey, scope, shape);
      return { status: 200, body: { items: items.map(summaryOf), ...(nextCursor !== undefined ? { nextCursor } : {}) } };
    },
  }),

  'GET /tenants/{tenantId}/units/{unitId}/warning-runs/{runId}': route({
    schemas: { params: runPath, query: warningRunQuery },
    handle: async ({ params, query, principal }, dependencies: Dependencies) => {
      requireAllowed(canReadWarningRuns(principal, params.unitId));
      const run = await dependencies.warningRuns.get(params.tenantId, params.runId);
      if (run === undefined || run.unitId !== params.unitId) throw notFound('warning run', params.runId);
      const scope = { tenantId: params.tenantId, listing: 'warning-run-pages', filters: { runId: params.runId } };
      const shape = { pk: equals(keys.warningRun(params.tenantId, params.runId)), sk: startsWith(keys.warningRunPages) };
      // A cursor is checked whatever the run's state: one that is not this run's is refused, never ignored.
      const exclusiveStartKey = await dependencies.cursors.open(query.cursor, scope, shape);
      // A failed run answers the lists of the classes that joined done: their statuses are written and stand.
      if (run.status === 'running') return { status: 200, body: summaryOf(run) };
      const { items, lastEvaluatedKey } = await dependencies.warningRuns.pages(params.tenantId, params.runId, { limit: query.limit, exclusiveStartKey });
      const nextCursor = await dependencies.cursors.seal(lastEvaluatedKey, scope, shape);
      const of = <K extends 'warned' | 'processing' | 'failedTotals'>(list: K) => items.flatMap((page: WarningListPage) => page[list] as WarningListPage[K][number][]);
      return { status: 200, body: { ...summaryOf(run), warned: of('warned'), processing: of('processing'), failedTotals: of('failedTotals'), ...(nextCursor !== undefined ? { nextCursor } : {}) } };
    },
  }),
};
