/**
 * The steps of a compliance run, as plain functions of the dependencies (the job entries
 * wrap them; tests call them directly):
 *
 * 1. `acceptDailyRuns`: the schedule's instant → one accepted run per tenant, each sent to
 *    the `tenant-runs` queue. Its id derives from the instant: a duplicate delivery is the same run.
 * 2. `startRun`: works out the window (since the last successful daily run, or every
 *    closed period for an on-demand run), the terms and periods, marks the run running
 *    with its number of units, and sends one message per unit to `unit-evaluations`.
 * 3. `evaluateUnit`: evaluates the unit's classes as of the run's instant, stores the
 *    closed periods' findings (and, once a term has ended, its still-open periods'
 *    findings as of that instant, a separate set the term-end report reads), and joins
 *    the run (a conditional counter in the table).
 *    The answer that completes the count finishes the run: publishes its revision when no
 *    unit failed, and puts `compliance-run.completed` on the bus.
 */
import { RULE_SET_VERSION } from '../../domain/compliance/index.js';
import {
  calendarPeriodsClosedIn,
  countByStatus,
  dailyRunId,
  evaluateUnitTerm,
  noCounts,
  outcomeOf,
  termsClosingIn,
  type Run,
  type RunWindow,
  type UnitEvaluation,
} from '../../domain/runs/index.js';
import type { StaffRecord } from '../../domain/records/record.js';
import { classRecordsOf, staffFiguresOf } from '../class-records.js';
import type { Dependencies } from '../composition.js';
import { logger } from '../observability.js';
import { termReportsDue } from './term-report-trigger.js';

export interface TenantRunMessage {
  readonly tenantId: string;
  readonly runId: string;
}
export interface UnitMessage extends TenantRunMessage {
  readonly unitId: string;
}

/** At most this many calendar periods are listed on a run (a first daily run covers every period so far). */
const listedPeriods = 400;

/** A run as accepted, before anything is worked out. */
export function acceptedRun(fields: Pick<Run, 'tenantId' | 'runId' | 'startedBy' | 'asOf' | 'acceptedAt'> & { readonly termId?: string }): Run {
  return { ...fields, status: 'accepted', unitsDone: 0, unitsFailed: 0, counts: noCounts };
}

export async function acceptDailyRuns(dependencies: Dependencies, scheduledTime: Date): Promise<number> {
  const runId = dailyRunId(scheduledTime);
  const tenantIds = await dependencies.roster.tenantIds();
  const toStart: TenantRunMessage[] = [];
  for (const tenantId of tenantIds) {
    const created = await dependencies.runs.accept(
      acceptedRun({ tenantId, runId, startedBy: { kind: 'schedule' }, asOf: scheduledTime.toISOString(), acceptedAt: dependencies.clock.now().toISOString() }),
    );
    // A run already past `accepted` has been started by an earlier delivery of this schedule.
    if (created || (await dependencies.runs.get(tenantId, runId))?.status === 'accepted') toStart.push({ tenantId, runId });
  }
  if (toStart.length > 0) await dependencies.messaging.queues.send('tenant-runs', toStart);
  logger.info('daily compliance runs accepted', { runId, tenants: tenantIds.length, sent: toStart.length });
  return toStart.length;
}

export async function startRun(dependencies: Dependencies, message: TenantRunMessage): Promise<void> {
  const run = await dependencies.runs.get(message.tenantId, message.runId);
  if (run === undefined || run.status === 'succeeded' || run.status === 'failed') return;
  const units = await dependencies.roster.unitsOf(message.tenantId);
  if (run.status === 'accepted') {
    const stored = await dependencies.configuration.get(message.tenantId);
    const after = run.startedBy.kind === 'schedule' ? await dependencies.runs.lastDailyRun(message.tenantId) : undefined;
    const window: RunWindow = { upTo: new Date(run.asOf), ...(after !== undefined ? { after: new Date(after) } : {}) };
    const terms = stored === undefined ? [] : run.termId !== undefined ? [run.termId] : termsClosingIn(stored.configuration, window);
    const periods = stored === undefined ? [] : calendarPeriodsClosedIn(stored.configuration, window).filter((p) => p.termId === '' || terms.includes(p.termId));
    await dependencies.runs.start(message.tenantId, message.runId, {
      startedAt: dependencies.clock.now().toISOString(),
      terms,
      periods: periods.slice(-listedPeriods),
      // Nothing to evaluate without a term: no unit is asked.
      unitsTotal: terms.length === 0 ? 0 : units.length,
      ruleSetVersion: RULE_SET_VERSION,
      ...(stored !== undefined ? { configurationRevision: stored.revision } : {}),
      ...(after !== undefined ? { after } : {}),
    });
  }
  const started = await dependencies.runs.get(message.tenantId, message.runId);
  if (started === undefined || started.status !== 'running') return;
  if (started.unitsTotal === 0) return finishIfComplete(dependencies, started);
  // Sent again when a delivery is retried after a crash: a unit joins its run once, whatever it receives.
  await dependencies.messaging.queues.send('unit-evaluations', units.map((unit) => ({ tenantId: message.tenantId, runId: message.runId, unitId: unit.unitId }) satisfies UnitMessage));
  logger.info('compliance run started', { tenantId: message.tenantId, runId: message.runId, units: units.length, terms: started.terms?.length ?? 0 });
}

/**
 * The configuration a run evaluates with: the revision it recorded when it started, not
 * whatever is in force when a unit's message is delivered (an admin may save another in
 * between; units evaluated either side of it would disagree). Every revision is kept, so
 * one the run recorded and the table lacks is a fault: thrown, retried, then dead-lettered.
 */
async function configurationOfRun(dependencies: Dependencies, run: Run) {
  if (run.configurationRevision === undefined) return dependencies.configuration.get(run.tenantId);
  const stored = await dependencies.configuration.getRevision(run.tenantId, run.configurationRevision);
  if (stored === undefined) throw new Error(`configuration revision ${run.configurationRevision} of the run is not in the table`);
  return stored;
}

/** The unit's findings of the run's closed periods and of those still open, every term of the run. */
async function findingsOfUnit(dependencies: Dependencies, run: Run, unitId: string): Promise<UnitEvaluation> {
  const stored = await configurationOfRun(dependencies, run);
  if (stored === undefined) return { closed: [], open: [] };
  const classes = (
    await Promise.all((await dependencies.roster.classesOfUnit(run.tenantId, unitId)).map((c) => classRecordsOf(dependencies, run.tenantId, c.classId)))
  ).flatMap((records) => (records === undefined ? [] : [records]));
  // Every role a rule reads, the registrar too: their own records (make-up exams, papers
  // archived) and the term figures (teaching hours, recruitment) are evaluated as the standing does.
  const staff = [
    ...new Set(classes.flatMap(({ schoolClass }) => [schoolClass.classTeacherId, schoolClass.counselorId, schoolClass.registrarId]).filter((id): id is string => id !== undefined)),
  ];
  const [ownRecords, staffFigures] = await Promise.all([
    Promise.all(staff.map((userId) => dependencies.records.allOfAuthor(run.tenantId, userId))).then((records): StaffRecord[] => records.flat()),
    Promise.all(staff.map((userId) => staffFiguresOf(dependencies, run.tenantId, userId))),
  ]);
  const window: RunWindow = { upTo: new Date(run.asOf), ...(run.after !== undefined ? { after: new Date(run.after) } : {}) };
  const evaluations = (run.terms ?? []).map((termId) =>
    evaluateUnitTerm({
      tenantId: run.tenantId,
      unitId,
      termId,
      runId: run.runId,
      configuration: stored.configuration,
      configurationRevision: stored.revision,
      classes,
      ownRecords,
      staffFigures,
      window,
    }),
  );
  return { closed: evaluations.flatMap((e) => e.closed), open: evaluations.flatMap((e) => e.open) };
}

/**
 * One unit of a run. A failure is thrown (the queue delivers the message again); on the
 * last delivery the queue allows, the unit is first counted as failed, so the run finishes
 * and says so while the message goes to the dead-letter queue.
 */
export async function evaluateUnit(dependencies: Dependencies, message: UnitMessage, delivery: { readonly receiveCount: number; readonly maxReceiveCount: number }): Promise<void> {
  const run = await dependencies.runs.get(message.tenantId, message.runId);
  if (run === undefined || run.status === 'succeeded' || run.status === 'failed') return;
  let findings: UnitEvaluation;
  try {
    findings = await findingsOfUnit(dependencies, run, message.unitId);
    // Both sets are stored before the unit joins: neither is shown until the run publishes its revision.
    await dependencies.runs.storeFindings(message.tenantId, findings.closed);
    await dependencies.runs.storeOpenFindings(message.tenantId, findings.open);
  } catch (error) {
    if (delivery.receiveCount >= delivery.maxReceiveCount) {
      logger.error('unit evaluation failed on its last delivery', { tenantId: message.tenantId, runId: message.runId, unitId: message.unitId, errorName: error instanceof Error ? error.name : typeof error });
      const joined = await dependencies.runs.joinUnit(message.tenantId, message.runId, message.unitId, 'failed', noCounts, dependencies.clock.now().toISOString());
      if (joined.joined) await finishIfComplete(dependencies, joined.run);
    }
    throw error;
  }
  const joined = await dependencies.runs.joinUnit(message.tenantId, message.runId, message.unitId, 'done', countByStatus(findings.closed), dependencies.clock.now().toISOString());
  // A redelivered unit finishes the run too if the first delivery stopped just after joining.
  const current = joined.joined ? joined.run : await dependencies.runs.get(message.tenantId, message.runId);
  if (current !== undefined) await finishIfComplete(dependencies, current);
}

async function finishIfComplete(dependencies: Dependencies, run: Run): Promise<void> {
  const outcome = run.unitsTotal === 0 ? 'succeeded' : outcomeOf(run);
  if (outcome === undefined || run.status !== 'running') return;
  const now = dependencies.clock.now();
  if (outcome === 'succeeded') {
    // Visible first, then finished: a crash in between leaves a run that a redelivery finishes.
    for (const termId of run.terms ?? []) await dependencies.runs.publishRevision(run.tenantId, termId, run.asOf, run.runId, now.toISOString());
    if (run.startedBy.kind === 'schedule') await dependencies.runs.recordDailySuccess(run.tenantId, run.asOf, run.runId);
  }
  const durationMs = Math.max(0, now.getTime() - Date.parse(run.startedAt ?? run.acceptedAt));
  if (!(await dependencies.runs.finish(run.tenantId, run.runId, outcome, now.toISOString(), durationMs))) return;
  logger.info('compliance run finished', { tenantId: run.tenantId, runId: run.runId, outcome, unitsFailed: run.unitsFailed });
  await dependencies.messaging.events.publish('compliance-run.completed', {
    tenantId: run.tenantId,
    runId: run.runId,
    outcome,
    asOf: run.asOf,
    terms: run.terms ?? [],
    counts: run.counts,
    unitsTotal: run.unitsTotal ?? 0,
    unitsFailed: run.unitsFailed,
  });
  // One week after a term's end, a completed run asks for the term's report (a new revision when it stored newer findings).
  if (outcome === 'succeeded') {
    const due = await termReportsDue(dependencies, run.tenantId, run.terms ?? [], run.asOf, run.configurationRevision);
    if (due.length > 0) await dependencies.messaging.queues.send('term-reports', due);
  }
}
