/**
 * The term-end report's figures (seed 000 §2.4: what headquarters checks one week after
 * term end), computed once from the engine's findings; the workbook and its JSON twin are
 * both written from them, so they cannot disagree. Pure and deterministic: every list is
 * sorted by ids in plain code-unit order, never by locale or by input order.
 */
import { formatShanghaiInstant, instantMs } from '../calendar/index.js';
import { compareStrings } from '../compliance/findings.js';
import type { ReportScope, TermReportInput } from './input.js';
import { findingPlacer, type ReportFinding } from './report-finding.js';
import { RULE_FAMILIES, ruleFamily, ruleOrder, ruleTitle, type RuleFamily, type RuleTitle } from './rule-titles.js';
import { StatusTally, TallyMap, type StatusCounts } from './status-counts.js';
import { sheetFindingsByClass, supervisionSheetOf, type SupervisionSheetFigures } from './supervision-sheet.js';

export interface UnitFigures {
  /** null: findings of staff the directory places in no unit */
  readonly unitId: string | null;
  readonly unitName: string | null;
  readonly counts: StatusCounts;
}

export interface ClassFigures {
  readonly classId: string;
  readonly className: string;
  readonly unitId: string;
  readonly unitName: string;
  /** the class's findings and its students' */
  readonly counts: StatusCounts;
}

export interface StaffFigures {
  readonly staffId: string;
  readonly staffName: string;
  readonly unitId: string | null;
  readonly unitName: string | null;
  /** the findings they answer for (report-finding.ts says who answers for what) */
  readonly counts: StatusCounts;
}

export interface RuleFigures {
  readonly ruleId: string;
  readonly family: RuleFamily;
  readonly title: RuleTitle;
  readonly counts: StatusCounts;
}

export interface FamilyFigures {
  readonly family: RuleFamily;
  readonly counts: StatusCounts;
  /** the findings of this family, in the order of `findings` */
  readonly findings: readonly ReportFinding[];
}

export interface TermReportFigures {
  readonly tenant: { readonly id: string; readonly name: string };
  readonly scope: ReportScope;
  /** the unit's name for a unit report; null for the tenant's */
  readonly scopeName: string | null;
  readonly term: TermReportInput['term'];
  /** normalised to +08:00 */
  readonly asOf: string;
  readonly ruleSetVersion: string;
  readonly configRevision: string | null;
  readonly revision: number;
  readonly totals: StatusCounts;
  readonly units: readonly UnitFigures[];
  readonly classes: readonly ClassFigures[];
  readonly staff: readonly StaffFigures[];
  readonly rules: readonly RuleFigures[];
  readonly families: readonly FamilyFigures[];
  /** every finding in scope: by unit, class (staff duties first), subject, rule, period start, key */
  readonly findings: readonly ReportFinding[];
  /** the missed findings, in the same order: the follow-up list */
  readonly misses: readonly ReportFinding[];
  readonly supervisionSheets: readonly SupervisionSheetFigures[];
}

/** Sorts nulls (no unit, no class) after every id. */
const LAST = '\uffff';

function compareFindings(a: ReportFinding, b: ReportFinding): number {
  return (
    compareStrings(a.unitId ?? LAST, b.unitId ?? LAST) ||
    compareStrings(a.classId ?? '', b.classId ?? '') ||
    compareStrings(a.subject.kind, b.subject.kind) ||
    compareStrings(a.subject.id, b.subject.id) ||
    ruleOrder(a.ruleId) - ruleOrder(b.ruleId) ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.period.from, b.period.from) ||
    compareStrings(a.key, b.key)
  );
}

export function computeTermReportFigures(input: TermReportInput): TermReportFigures {
  const scope = input.scope;
  const place = findingPlacer(input);
  const findings = input.findings
    .map(place)
    .filter((f) => scope.kind === 'tenant' || f.unitId === scope.unitId)
    .sort(compareFindings);

  const totals = new StatusTally();
  const byUnit = new TallyMap<string | null>();
  const byClass = new TallyMap<string>();
  const byStaff = new TallyMap<string>();
  const byRule = new TallyMap<string>();
  const byFamily = new TallyMap<RuleFamily>();
  for (const f of findings) {
    totals.add(f.status);
    byUnit.add(f.unitId, f.status);
    if (f.classId !== null) byClass.add(f.classId, f.status);
    if (f.responsibleId !== null) byStaff.add(f.responsibleId, f.status);
    byRule.add(f.ruleId, f.status);
    byFamily.add(f.family, f.status);
  }

  const unitName = new Map(input.units.map((u) => [u.id, u.name]));
  const nameOfUnit = (id: string): string => unitName.get(id) ?? id;
  const staffById = new Map(input.staff.map((s) => [s.id, s]));
  const inScope = (unitId: string | null): boolean => scope.kind === 'tenant' || unitId === scope.unitId;

  const unitIds = new Set<string | null>([...input.units.map((u) => u.id), ...byUnit.keys()].filter(inScope));
  const units = [...unitIds]
    .sort((a, b) => compareStrings(a ?? LAST, b ?? LAST))
    .map((unitId) => ({ unitId, unitName: unitId === null ? null : nameOfUnit(unitId), counts: byUnit.counts(unitId) }));

  const scopedClasses = input.classes.filter((c) => inScope(c.unitId)).sort((a, b) => compareStrings(a.unitId, b.unitId) || compareStrings(a.id, b.id));
  const classes = scopedClasses.map((c) => ({ classId: c.id, className: c.name, unitId: c.unitId, unitName: nameOfUnit(c.unitId), counts: byClass.counts(c.id) }));

  const staff = byStaff
    .keys()
    .map((staffId) => {
      const unitId = staffById.get(staffId)?.unitId ?? null;
      return { staffId, staffName: staffById.get(staffId)?.name ?? staffId, unitId, unitName: unitId === null ? null : nameOfUnit(unitId), counts: byStaff.counts(staffId) };
    })
    .sort((a, b) => compareStrings(a.unitId ?? LAST, b.unitId ?? LAST) || compareStrings(a.staffId, b.staffId));

  const rules = byRule
    .keys()
    .sort((a, b) => ruleOrder(a) - ruleOrder(b) || compareStrings(a, b))
    .map((ruleId) => ({ ruleId, family: ruleFamily(ruleId), title: ruleTitle(ruleId), counts: byRule.counts(ruleId) }));

  const families = RULE_FAMILIES.map((family) => ({ family, counts: byFamily.counts(family), findings: findings.filter((f) => f.family === family) }));

  const sheetFindings = sheetFindingsByClass(findings);
  const supervisionSheets = scopedClasses.map((c) => {
    const teacher = c.classTeacherId === undefined ? null : (staffById.get(c.classTeacherId)?.name ?? c.classTeacherId);
    return supervisionSheetOf(c, { unitName: nameOfUnit(c.unitId), classTeacherName: teacher }, sheetFindings.get(c.id));
  });

  return {
    tenant: input.tenant,
    scope,
    scopeName: scope.kind === 'unit' ? nameOfUnit(scope.unitId) : null,
    term: input.term,
    asOf: formatShanghaiInstant(instantMs(input.asOf)),
    ruleSetVersion: input.ruleSetVersion,
    configRevision: input.configRevision ?? null,
    revision: input.revision ?? 1,
    totals: totals.counts(),
    units,
    classes,
    staff,
    rules,
    families,
    findings,
    misses: findings.filter((f) => f.status === 'missed'),
    supervisionSheets,
  };
}
