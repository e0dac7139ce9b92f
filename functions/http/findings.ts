/**
 * Compliance runs on demand (a tenant admin starts one for a term "as of" an instant; the
 * run goes through the same queues as the daily run) and the findings of a term: those of
 * closed periods, and (once the term has ended) those of its periods still open at the
 * newest published revision, as pending with what remains and by when; filtered, paged
 * and summarised, each finding shown only to who may see it
 * (domain/access.ts), at-risk students named only to the staff serving the class.
 */
import { canReadRuns, canSeeAtRiskStudents, canStartRun, canViewFinding, type Principal } from '../../domain/access.js';
import { bilingual } from '../../domain/bilingual.js';
import { reportedFindings, sourceRevision } from '../../domain/reports/issue.js';
import { latestPublished, summarise, type StoredFinding } from '../../domain/runs/index.js';
import { fromEnvironment, type Dependencies } from '../composition.js';
import { acceptedRun } from '../jobs/run-steps.js';
import { readSecretString } from '../storage/secrets-manager.js';
import { anyValue, equals, startsWith } from '../storage/cursor.js';
import { keys } from '../storage/table.js';
import { requireAllowed } from './kit/guards.js';
import { httpFunction, route } from './kit/http-function.js';
import { notFound } from './kit/names.js';
import { UnprocessableError } from './kit/problem.js';
import { findingsQuery, runPath, runsQuery, startRunBody, summaryQuery, termPath } from './schemas/findings.js';
import { tenantPath } from './schemas/common.js';

/** Rules whose findings name students under warning, status processing or sanction. */
const atRiskRules: ReadonlySet<string> = new Set(['CO-TALK-ATRISK', 'CO-PARENT-WARNING', 'CO-PARENT-FOLLOWUP']);
const cursorShape = { after: anyValue };

interface Filters {
  readonly unitId?: string | undefined;
  readonly classId?: string | undefined;
  readonly staffId?: string | undefined;
  readonly studentNumber?: string | undefined;
  readonly ruleId?: string | undefined;
  readonly family?: string | undefined;
  readonly periodKey?: string | undefined;
  readonly status?: string | undefined;
}

const matches = (finding: StoredFinding, filters: Filters): boolean =>
  (filters.unitId === undefined || finding.unitId === filters.unitId) &&
  (filters.classId === undefined || finding.classId === filters.classId) &&
  (filters.staffId === undefined || finding.staffIds.includes(filters.staffId)) &&
  (filters.studentNumber === undefined || (finding.subject.kind === 'student' && finding.subject.id === filters.studentNumber) || (finding.missingIds ?? []).includes(filters.studentNumber)) &&
  (filters.ruleId === undefined || finding.ruleId === filters.ruleId) &&
  (filters.family === undefined || finding.family === filters.family) &&
  (filters.periodKey === undefined || finding.period.key === filters.periodKey) &&
  (filters.status === undefined || finding.status === filters.status);

/** The units whose findings the caller may see some of: every unit for admins and supervisors, else their own and those of the classes they serve. */
async function visibleFindings(dependencies: Dependencies, principal: Principal, tenantId: string, termId: string, unitFilter: string | undefined) {
  const served = await dependencies.roster.classesServedBy(tenantId, principal.userId);
  const servedClassIds = new Set(served.map(({ classId }) => classId));
  const everyUnit = principal.roles.includes('tenant-admin') || principal.roles.includes('supervisor');
  let unitIds: string[];
  if (everyUnit) unitIds = (await dependencies.roster.unitsOf(tenantId)).map((unit) => unit.unitId);
  else {
    const classes = await Promise.all([...servedClassIds].map((classId) => dependencies.roster.getClass(tenantId, classId)));
    unitIds = [...new Set([...(principal.unitId ? [principal.unitId] : []), ...classes.flatMap((c) => (c ? [c.unitId] : []))])];
  }
  if (unitFilter !== undefined) unitIds = unitIds.filter((unitId) => unitId === unitFilter);
  const [published, ...perUnit] = await Promise.all([
    dependencies.runs.publishedRevisions(tenantId, termId),
    ...unitIds.map((unitId) => dependencies.runs.findingsOfUnit(tenantId, termId, unitId)),
  ]);
  const closed = latestPublished((perUnit as StoredFinding[][]).flat(), published as Set<string>);
  // The periods still open at the newest published revision, as its run kept them (none before the term ended).
  const newest = sourceRevision([...(published as Set<string>)].map((asOf) => ({ asOf })));
  const open = newest === undefined ? [] : (await Promise.all(unitIds.map((unitId) => dependencies.runs.openFindingsOfUnit(tenantId, termId, unitId, newest)))).flat();
  const findings = reportedFindings(closed, open).filter((finding) => canViewFinding(principal, finding, servedClassIds));
  return { findings, servedClassIds };
}

/** A finding as the caller may read it: at-risk students masked unless they serve the class. */
function shown(finding: StoredFinding, principal: Principal, servedClassIds: ReadonlySet<string>) {
  if (!atRiskRules.has(finding.ruleId) || canSeeAtRiskStudents(principal, finding, servedClassIds)) return { ...finding, maskedFields: [] };
  const { missingIds: _hidden, ...rest } = finding;
  const masked = finding.subject.kind === 'student' ? { ...rest, subject: { kind: 'student' as const, id: '***' }, key: `${finding.ruleId}#student:***#${finding.period.key}` } : rest;
  return { ...masked, maskedFields: [...(finding.missingIds !== undefined ? ['missingIds'] : []), ...(finding.subject.kind === 'student' ? ['subject.id'] : [])] };
}

export const findingRoutes = {
  'POST /tenants/{tenantId}/runs': route({
    schemas: { params: tenantPath, body: startRunBody },
    handle: async ({ params, body, principal, path }, dependencies: Dependencies) => {
      requireAllowed(canStartRun(principal));
      const now = dependencies.clock.now();
      const problems = [];
      if (Date.parse(body.asOf) > now.getTime()) {
        problems.push({ pointer: '#/asOf', path: ['asOf'], code: 'run.as-of-in-future', detail: bilingual('a run is as of an instant that has passed', '检查时点不能晚于当前时间') });
      }
      const stored = await dependencies.configuration.get(params.tenantId);
      if (stored === undefined || !stored.configuration.terms.some((term) => term.id === body.termId)) {
        problems.push({ pointer: '#/termId', path: ['termId'], code: 'run.unknown-term', detail: bilingual(`term ${body.termId} is not in the configuration`, `配置中没有学期 ${body.termId}`) });
      }
      if (problems.length > 0) throw new UnprocessableError(problems);
      const run = acceptedRun({ tenantId: params.tenantId, runId: dependencies.newId(), startedBy: { kind: 'user', userId: principal.userId }, asOf: new Date(body.asOf).toISOString(), acceptedAt: now.toISOString(), termId: body.termId });
      await dependencies.runs.accept(run);
      await dependencies.messaging.queues.send('tenant-runs', [{ tenantId: run.tenantId, runId: run.runId }]);
      return { status: 202, headers: { location: `${path}/${run.runId}` }, body: run };
    },
  }),

  'GET /tenants/{tenantId}/runs/{runId}': route({
    schemas: { params: runPath },
    handle: async ({ params, principal }, dependencies: Dependencies) => {
      requireAllowed(canReadRuns(principal));
      const run = await dependencies.runs.get(params.tenantId, params.runId);
      if (run === undefined) throw notFound('compliance run', params.runId);
      return { status: 200, body: run };
    },
  }),

  'GET /tenants/{tenantId}/terms/{termId}/findings': route({
    schemas: { params: termPath, query: findingsQuery },
    handle: async ({ params, query, principal }, dependencies: Dependencies) => {
      const { limit, cursor, ...filters } = query;
      const scope = { tenantId: params.tenantId, listing: 'findings', filters: { termId: params.termId, ...filters } };
      const after = (await dependencies.cursors.open(cursor, scope, cursorShape))?.['after'];
      const { findings, servedClassIds } = await visibleFindings(dependencies, principal, params.tenantId, params.termId, filters.unitId);
      const selected = findings.filter((finding) => matches(finding, filters) && (after === undefined || finding.key > after));
      const page = selected.slice(0, limit);
      const nextCursor = selected.length > limit ? await dependencies.cursors.seal({ after: page[page.length - 1]!.key }, scope, cursorShape) : undefined;
      return { status: 200, body: { termId: params.termId, items: page.map((finding) => shown(finding, principal, servedClassIds)), ...(nextCursor !== undefined ? { nextCursor } : {}) } };
    },
  }),

  'GET /tenants/{tenantId}/runs': route({
    schemas: { params: tenantPath, query: runsQuery },
    handle: async ({ params, query, principal }, dependencies: Dependencies) => {
      requireAllowed(canReadRuns(principal));
      const { limit, cursor, ...filters } = query;
      const scope = { tenantId: params.tenantId, listing: 'runs', filters };
      const shape = { pk: startsWith(keys.run(params.tenantId, '')), sk: equals(keys.head), gsi1pk: equals(keys.runsOfTenant(params.tenantId)), gsi1sk: anyValue };
      const exclusiveStartKey = await dependencies.cursors.open(cursor, scope, shape);
      const { items, lastEvaluatedKey } = await dependencies.runs.listOfTenant(params.tenantId, filters, { limit, exclusiveStartKey });
      const nextCursor = await dependencies.cursors.seal(lastEvaluatedKey, scope, shape);
      return { status: 200, body: { items, ...(nextCursor !== undefined ? { nextCursor } : {}) } };
    },
  }),

  'GET /tenants/{tenantId}/terms/{termId}/findings/summary': route({
    schemas: { params: termPath, query: summaryQuery },
    handle: async ({ params, query, principal }, dependencies: Dependencies) => {
      const { by, ...filters } = query;
      const { findings } = await visibleFindings(dependencies, principal, params.tenantId, params.termId, filters.unitId);
      return { status: 200, body: { termId: params.termId, by, rows: summarise(findings.filter((finding) => matches(finding, filters)), by) } };
    },
  }),
};

export const handler = httpFunction(findingRoutes, fromEnvironment({ readSecret: readSecretString }));
