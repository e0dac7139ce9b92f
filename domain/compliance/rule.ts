/**
 * The shape of a rule declaration. Each rule is declared once (rules/*.ts) with
 * where it comes from, whom it binds, its period, its measure and its default
 * parameters; the evaluator reads nothing else about a rule.
 */
import type { MeasureKind, SubjectKind } from './findings.js';
import type { RuleContext } from './context.js';

export type Role = 'class-teacher' | 'counselor' | 'registrar';

export interface SeedSource {
  /** seed file under shared/seeds/ */
  readonly file: string;
  readonly section: string;
  /** short quote of the clause, in the seed's words */
  readonly quote: string;
}

export interface RuleDefinition {
  readonly id: string;
  /** short Chinese name */
  readonly title: string;
  readonly source: SeedSource;
  readonly role: Role;
  /** which classes it binds: new-student (新生) classes, returning (老生), or all */
  readonly audience: 'all' | 'new-class' | 'returning-class';
  readonly subject: SubjectKind;
  /** human description of the period or deadline */
  readonly period: string;
  readonly measure: MeasureKind;
  /**
   * Tenant-overridable parameters with the seed's figure as default. `null` means
   * the seed leaves it open (`[X]`, "指标"): the rule is blocked until configured.
   */
  readonly params: Readonly<Record<string, number | null>>;
  readonly evaluate: (ctx: RuleContext, rule: RuleDefinition) => void;
}

export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule;
}
