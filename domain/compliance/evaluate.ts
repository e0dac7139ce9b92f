/**
 * The engine's entry points. `evaluate` runs every rule for one term as of an
 * instant; `standing` answers "where do I stand" for one class or staff member.
 * Both are pure: same input, same output, byte for byte.
 */
import { dayOf, formatShanghaiInstant, instantMs } from '../calendar/index.js';
import { RULE_SET_VERSION, RuleContext } from './context.js';
import { compareStrings, type Finding } from './findings.js';
import type { ClassInfo, EvaluationInput, Roster } from './inputs.js';
import type { RejectedRecord } from './record-index.js';
import type { Role, RuleDefinition } from './rule.js';
import { RULES } from './rules/index.js';

export interface Evaluation {
  readonly tenantId: string;
  readonly termId: string;
  /** "as of", normalised to +08:00 */
  readonly asOf: string;
  readonly ruleSetVersion: string;
  readonly configRevision?: string;
  /** sorted by key */
  readonly findings: readonly Finding[];
  /** records the engine could not read (bad dates, unknown kind), sorted by id */
  readonly rejectedRecords: readonly RejectedRecord[];
  readonly warnings: readonly string[];
}

export function evaluate(input: EvaluationInput, rules: readonly RuleDefinition[] = RULES): Evaluation {
  const ctx = new RuleContext(input, rules);
  for (const rule of rules) rule.evaluate(ctx, rule);
  return {
    tenantId: input.config.tenantId,
    termId: input.termId,
    asOf: formatShanghaiInstant(ctx.asOfMs),
    ruleSetVersion: RULE_SET_VERSION,
    ...(input.config.revision !== undefined ? { configRevision: input.config.revision } : {}),
    findings: ctx.findings(),
    rejectedRecords: ctx.index.rejected,
    warnings: [...ctx.warnings].sort(compareStrings),
  };
}

export type StandingSubject = { readonly kind: 'class'; readonly id: string } | { readonly kind: 'staff'; readonly id: string };

/**
 * "Where do I stand": the findings of periods open at "as of" (started, and due
 * later) for one class, or for one staff member — their own duties and those of
 * the classes they hold a role in. Sorted by due instant, then key: what is due
 * soonest first.
 */
export function standing(input: EvaluationInput, who: StandingSubject, rules: readonly RuleDefinition[] = RULES): Finding[] {
  const roles = new Map<string, Set<Role>>(); // classId → roles `who` answers for there
  for (const c of input.roster.classes) {
    const held =
      who.kind === 'class'
        ? c.id === who.id
          ? new Set<Role>(['class-teacher', 'counselor', 'registrar'])
          : undefined
        : rolesOf(c, who.id);
    if (held && held.size > 0) roles.set(c.id, held);
  }
  const roster = narrowRoster(input.roster, roles);
  const result = evaluate({ ...input, roster }, rules);
  const asOfMs = instantMs(input.asOf);
  const asOfDay = dayOf(result.asOf.slice(0, 10));
  const ruleRole = new Map(rules.map((r) => [r.id, r.role]));
  const classOfStudent = new Map<string, string>();
  for (const c of roster.classes) for (const s of c.studentIds) classOfStudent.set(s, c.id);
  const mine = (f: Finding): boolean => {
    const role = ruleRole.get(f.ruleId);
    if (f.subject.kind === 'staff') return who.kind === 'staff' && f.subject.id === who.id;
    const classId = f.subject.kind === 'class' ? f.subject.id : classOfStudent.get(f.subject.id);
    return classId !== undefined && role !== undefined && (roles.get(classId)?.has(role) ?? false);
  };
  return result.findings
    .filter((f) => mine(f) && dayOf(f.period.from) <= asOfDay && asOfMs < instantMs(f.period.dueBy))
    .sort((a, b) => compareStrings(a.period.dueBy, b.period.dueBy) || compareStrings(a.key, b.key));
}

function rolesOf(c: ClassInfo, staffId: string): Set<Role> {
  const roles = new Set<Role>();
  if (c.classTeacherId === staffId) roles.add('class-teacher');
  if (c.counselorId === staffId) roles.add('counselor');
  if (c.registrarId === staffId) roles.add('registrar');
  return roles;
}

/** Only the classes (and their statuses and exams) that matter, so a standing query stays cheap. */
function narrowRoster(roster: Roster, roles: ReadonlyMap<string, unknown>): Roster {
  return {
    classes: roster.classes.filter((c) => roles.has(c.id)),
    ...(roster.atRisk ? { atRisk: roster.atRisk.filter((s) => roles.has(s.classId)) } : {}),
    ...(roster.exams ? { exams: roster.exams.filter((e) => roles.has(e.classId)) } : {}),
    ...(roster.failedCourses ? { failedCourses: roster.failedCourses } : {}),
    ...(roster.teachingHours ? { teachingHours: roster.teachingHours } : {}),
    ...(roster.recruitment ? { recruitment: roster.recruitment } : {}),
  };
}

