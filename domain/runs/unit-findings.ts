/**
 * One unit's part of a run: its classes (and their staff's own documents) evaluated for a
 * term as of the run's instant, keeping the findings of the periods that closed in the
 * run's window, each labelled with whom it concerns so the findings API can filter and
 * decide access without evaluating again. Once the term has ended, it also keeps the
 * findings of the term's periods still open at the run's instant (monthly reports running
 * into the next term, parent contacts over the academic year, archives due after
 * graduation): the term-end report shows them as pending, as of the revision it reports.
 */
import { evaluate, RULES, type Finding, type Role } from '../compliance/index.js';
import type { TenantConfiguration } from '../configuration.js';
import { engineInput, type ClassRecords, type StaffFigures } from '../standing.js';
import type { StaffRecord } from '../records/record.js';
import { instantMs } from '../calendar/index.js';
import { closedIn, type RunWindow } from './closed-periods.js';

/** A finding as a run keeps it: of a closed period, or (kept apart) of a period still open at its as-of. */
export interface StoredFinding extends Finding {
  readonly termId: string;
  readonly unitId: string;
  /** The class it is about: the subject class, or the class of the subject student. */
  readonly classId?: string;
  /** Who answers for it: the staff subject, or the holder of the rule's role in the class at "as of". */
  readonly staffIds: readonly string[];
  /** The rule's family: class teacher, counselor or registrar. */
  readonly family: Role;
  /** The instant the run evaluated as of (the finding's revision). */
  readonly asOf: string;
  readonly runId: string;
}

export interface UnitEvaluationRequest {
  readonly tenantId: string;
  readonly unitId: string;
  readonly termId: string;
  readonly runId: string;
  readonly configuration: TenantConfiguration;
  readonly configurationRevision: number;
  readonly classes: readonly ClassRecords[];
  readonly ownRecords: readonly StaffRecord[];
  /** Teaching hours and recruitment of the classes' staff. */
  readonly staffFigures?: readonly StaffFigures[];
  readonly window: RunWindow;
}

const familyOf = new Map(RULES.map((rule) => [rule.id, rule.role]));

/** What one unit evaluation of a term keeps: the findings of the periods that closed in the window, and those still open. */
export interface UnitEvaluation {
  readonly closed: StoredFinding[];
  /** Periods whose due instant lies after the run's instant; empty while the term is still running (see `keepsOpenFindings`). */
  readonly open: StoredFinding[];
}

/**
 * Open findings are kept only once the term's last day has ended (Asia/Shanghai): only then
 * can a term-end report be built from the run, and a term in force would otherwise store
 * every open period of every class on every daily run.
 */
export function keepsOpenFindings(configuration: TenantConfiguration, termId: string, asOf: Date): boolean {
  const term = configuration.terms.find((t) => t.id === termId);
  return term !== undefined && asOf.getTime() >= Date.parse(`${term.end}T00:00:00+08:00`) + 86_400_000;
}

export function evaluateUnitTerm(request: UnitEvaluationRequest): UnitEvaluation {
  const asOf = request.window.upTo.toISOString();
  const evaluation = evaluate({ ...engineInput({ ...request, asOf }), termId: request.termId });
  const classes = new Map(request.classes.map(({ schoolClass }) => [schoolClass.classId, schoolClass]));
  const classOfStudent = new Map(request.classes.flatMap(({ schoolClass, students }) => students.map((s) => [s.studentNumber, schoolClass.classId] as const)));
  const stored = (finding: Finding): StoredFinding => {
    const family = familyOf.get(finding.ruleId) ?? 'class-teacher';
    const classId = finding.subject.kind === 'class' ? finding.subject.id : finding.subject.kind === 'student' ? classOfStudent.get(finding.subject.id) : undefined;
    const schoolClass = classId === undefined ? undefined : classes.get(classId);
    const holder = family === 'class-teacher' ? schoolClass?.classTeacherId : family === 'counselor' ? schoolClass?.counselorId : schoolClass?.registrarId;
    const staffIds = finding.subject.kind === 'staff' ? [finding.subject.id] : holder === undefined ? [] : [holder];
    return { ...finding, termId: request.termId, unitId: request.unitId, ...(classId !== undefined ? { classId } : {}), staffIds, family, asOf, runId: request.runId };
  };
  const keepOpen = keepsOpenFindings(request.configuration, request.termId, request.window.upTo);
  return {
    closed: evaluation.findings.filter((finding) => closedIn(finding, request.window)).map(stored),
    open: keepOpen ? evaluation.findings.filter((finding) => instantMs(finding.period.dueBy) > request.window.upTo.getTime()).map(stored) : [],
  };
}

/** The findings of the periods that closed in the run's window. */
export const unitFindings = (request: UnitEvaluationRequest): StoredFinding[] => evaluateUnitTerm(request).closed;
