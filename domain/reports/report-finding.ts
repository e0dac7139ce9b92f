/**
 * One finding as the report shows it: the engine's finding placed in its unit and class,
 * with the staff member who answers for it and the names to show.
 *
 * Who answers for a finding: for a staff finding (a plan, a summary, a quota of their
 * own), that staff member; for a class finding, the class's holder of the rule's role
 * (class teacher for CT-*, counselor for CO-*, registrar for REG-*) as the report's
 * input names them; for a student finding, the same holder of the student's class.
 */
import type { Finding, FindingPeriod, FindingStatus, MeasureKind, Subject } from '../compliance/index.js';
import type { ReportClass, TermReportInput } from './input.js';
import { ruleFamily, ruleTitle, type RuleFamily, type RuleTitle } from './rule-titles.js';

export interface ReportFinding {
  readonly key: string;
  readonly ruleId: string;
  readonly family: RuleFamily;
  readonly rule: RuleTitle;
  /** null: a staff member the directory places in no unit, or a class or student the input does not know */
  readonly unitId: string | null;
  readonly unitName: string | null;
  /** the class of a class or student finding; null for a staff member's own duties */
  readonly classId: string | null;
  readonly className: string | null;
  readonly subject: Subject;
  /** the class's or staff member's name; a student is shown by number */
  readonly subjectName: string;
  readonly responsibleId: string | null;
  readonly responsibleName: string | null;
  readonly period: FindingPeriod;
  readonly status: FindingStatus;
  readonly measure: MeasureKind;
  readonly required: number;
  readonly actual: number;
  /** pending only: how many more are needed (headroom for a maximum) */
  readonly remaining: number | null;
  /** pending only: working days left; null also when counting them needs a year with no calendar */
  readonly workingDaysLeft: number | null;
  /**
   * missed only, what was missing in the measure's unit: required − actual for counts,
   * person-times and all-covered sets; actual − required (the excess) for a maximum;
   * null for a rate, whose required and actual say it already.
   */
  readonly shortfall: number | null;
  readonly missingIds: readonly string[];
  readonly evidenceCount: number;
  readonly evidenceIds: readonly string[];
  readonly reason: string | null;
}

const HOLDER: Readonly<Record<RuleFamily, 'classTeacherId' | 'counselorId' | 'registrarId'>> = {
  'class-teacher': 'classTeacherId',
  counselor: 'counselorId',
  registrar: 'registrarId',
};

function shortfallOf(f: Finding): number | null {
  if (f.status !== 'missed' || f.measure === 'rate') return null;
  return Math.max(0, f.measure === 'maximum' ? f.actual - f.required : f.required - f.actual);
}

/** Builds report findings for one input: the lookups are made once, then each finding is placed in O(1). */
export function findingPlacer(input: TermReportInput): (f: Finding) => ReportFinding {
  const units = new Map(input.units.map((u) => [u.id, u.name]));
  const classes = new Map(input.classes.map((c) => [c.id, c]));
  const staff = new Map(input.staff.map((s) => [s.id, s]));
  const classOfStudent = new Map((input.students ?? []).map((s) => [s.id, s.classId]));

  return (f) => {
    const family = ruleFamily(f.ruleId);
    const classId = f.subject.kind === 'class' ? f.subject.id : f.subject.kind === 'student' ? (classOfStudent.get(f.subject.id) ?? null) : null;
    const klass: ReportClass | undefined = classId === null ? undefined : classes.get(classId);
    const responsibleId = f.subject.kind === 'staff' ? f.subject.id : (klass?.[HOLDER[family]] ?? null);
    const unitId = f.subject.kind === 'staff' ? (staff.get(f.subject.id)?.unitId ?? null) : (klass?.unitId ?? null);
    const subjectName = f.subject.kind === 'class' ? (klass?.name ?? f.subject.id) : f.subject.kind === 'staff' ? (staff.get(f.subject.id)?.name ?? f.subject.id) : f.subject.id;
    return {
      key: f.key,
      ruleId: f.ruleId,
      family,
      rule: ruleTitle(f.ruleId),
      unitId,
      unitName: unitId === null ? null : (units.get(unitId) ?? unitId),
      classId,
      className: classId === null ? null : (klass?.name ?? classId),
      subject: f.subject,
      subjectName,
      responsibleId,
      responsibleName: responsibleId === null ? null : (staff.get(responsibleId)?.name ?? responsibleId),
      period: f.period,
      status: f.status,
      measure: f.measure,
      required: f.required,
      actual: f.actual,
      remaining: f.remaining ?? null,
      workingDaysLeft: f.workingDaysLeft ?? null,
      shortfall: shortfallOf(f),
      missingIds: f.missingIds ?? [],
      evidenceCount: f.evidenceIds.length,
      evidenceIds: f.evidenceIds,
      reason: f.reason ?? null,
    };
  };
}
