/**
 * A rule parameter as a tenant has it on a day, outside an evaluation (the term-end report
 * reads the §2.4 deadline with it): the latest override effective by then, else the rule's
 * default; of two effective from the same day, the later in the list. The same reading as
 * the evaluation context's `param`, which precomputes it per rule for speed.
 */
import { dayOf, type LocalDate } from '../calendar/index.js';
import type { ThresholdOverride } from './inputs.js';
import type { RuleDefinition } from './rule.js';

export function paramInForce(rule: RuleDefinition, name: string, overrides: readonly ThresholdOverride[] | undefined, day: LocalDate): number | null {
  if (!(name in rule.params)) throw new Error(`${rule.id} has no parameter ${name}`);
  const effective = (overrides ?? [])
    .filter((o) => o.ruleId === rule.id && o.param === name && dayOf(o.effectiveFrom) <= dayOf(day) && Number.isFinite(o.value))
    .sort((a, b) => dayOf(a.effectiveFrom) - dayOf(b.effectiveFrom));
  return effective.length > 0 ? effective[effective.length - 1]!.value : (rule.params[name] ?? null);
}
