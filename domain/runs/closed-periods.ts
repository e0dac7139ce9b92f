/**
 * Which periods closed between two instants: a finding's period has closed once its due
 * instant has passed. A run evaluates the terms that may hold such periods and keeps the
 * findings of the periods that closed in its window, nothing still open.
 */
import { dayOf, formatDay, instantMs, termDays, termFortnights, termMonths, termQuarters, termWeeks } from '../calendar/index.js';
import type { Finding } from '../compliance/index.js';
import type { TenantConfiguration } from '../configuration.js';
import { reportDaysAfterEnd } from '../reports/issue.js';
import { shanghaiDateOf } from '../time.js';

/** The window of a run: periods due after `after` (exclusive; none: since the beginning) and by `upTo`. */
export interface RunWindow {
  readonly after?: Date;
  readonly upTo: Date;
}

/** How long after its end a term can still close periods (one week after it, a month after graduation, a vacation's events). */
const termTailDays = 92;

/** The terms whose periods may close in the window, in configuration order. */
export function termsClosingIn(configuration: TenantConfiguration, window: RunWindow): string[] {
  const upTo = dayOf(shanghaiDateOf(window.upTo));
  const after = window.after === undefined ? undefined : dayOf(shanghaiDateOf(window.after));
  return configuration.terms.filter((term) => dayOf(term.start) <= upTo && (after === undefined || dayOf(term.end) + termTailDays >= after)).map((term) => term.id);
}

/** A finding belongs to the window when its period's due instant lies in (after, upTo]. */
export function closedIn(finding: Finding, window: RunWindow): boolean {
  const due = instantMs(finding.period.dueBy);
  return due <= window.upTo.getTime() && (window.after === undefined || due > window.after.getTime());
}

export type CalendarPeriodKind = 'week' | 'fortnight' | 'month' | 'quarter' | 'term' | 'week-after-term' | 'academic-year';

export interface ClosedPeriod {
  readonly termId: string;
  readonly kind: CalendarPeriodKind;
  /** The window's key within its term (`W2025-37`, `F03`, `2025-09`, `2025-Q4`), the term id, or the academic year id. */
  readonly key: string;
  /** Its last day (Asia/Shanghai); it closed at the end of that day. */
  readonly lastDay: string;
}

/**
 * The calendar periods whose last day ended in the window: what a run records as "which
 * periods". Deadlines counted from an event (an activity's report three working days after
 * it) close on their own days and are found among the findings themselves.
 */
export function calendarPeriodsClosedIn(configuration: TenantConfiguration, window: RunWindow): ClosedPeriod[] {
  const closedBy = (lastDay: number) => {
    const end = Date.parse(`${formatDay(lastDay)}T00:00:00+08:00`) + 86_400_000;
    return end <= window.upTo.getTime() && (window.after === undefined || end > window.after.getTime());
  };
  const periods: ClosedPeriod[] = [];
  for (const term of configuration.terms) {
    const t = termDays(term);
    const windows = [
      ['week', termWeeks(t)],
      ['fortnight', termFortnights(t)],
      ['month', termMonths(t)],
      ['quarter', termQuarters(t)],
    ] as const;
    for (const [kind, list] of windows) for (const w of list) if (closedBy(w.to)) periods.push({ termId: term.id, kind, key: w.key, lastDay: formatDay(w.to) });
    if (closedBy(t.end)) periods.push({ termId: term.id, kind: 'term', key: term.id, lastDay: term.end });
    // "One week after term end" (seed 000 §2.4) as the tenant set it: the day the term-end report falls due.
    const checkDay = dayOf(term.end) + reportDaysAfterEnd(term, configuration.overrides);
    if (closedBy(checkDay)) periods.push({ termId: term.id, kind: 'week-after-term', key: term.id, lastDay: formatDay(checkDay) });
  }
  for (const year of configuration.academicYears) {
    if (closedBy(dayOf(year.end))) periods.push({ termId: '', kind: 'academic-year', key: year.id, lastDay: year.end });
  }
  return periods.sort((a, b) => (a.lastDay < b.lastDay ? -1 : a.lastDay > b.lastDay ? 1 : 0));
}
