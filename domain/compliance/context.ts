/**
 * Everything a rule needs for one evaluation: the term and its windows, the
 * working calendar, the indexed records, the roster, parameters in force, and
 * `emit`, which turns counts into findings with one status logic for all rules.
 */
import {
  dayOf,
  formatDay,
  formatShanghaiInstant,
  instantMs,
  resolveHolidayYears,
  shanghaiDayOfMs,
  termSpans,
  termWindows,
  WorkingCalendar,
  type DayNumber,
  type DayWindow,
  type TermSpan,
  type WindowGranularity,
} from '../calendar/index.js';
import { compareStrings, findingKey, type Finding, type MeasureKind, type Subject } from './findings.js';
import type { AtRiskStatus, ClassInfo, EvaluationInput, ExamSession } from './inputs.js';
import { RecordIndex } from './record-index.js';
import { joinReasons, missingCalendarReason } from './rules/helpers.js';
import type { Role, RuleDefinition } from './rule.js';

/**
 * Bumped by hand when a rule counts differently. 1.1.0: a class's quotas count the records
 * of former class teachers and counselors within the days they held the class. 1.2.0: a
 * week, fortnight, month or quarter reaching into a year with no holiday calendar is
 * blocked only when its working days in the known years fall short of the minimum, and a
 * deadline N working days after an event (CT-ACTIVITY-REPORT, CT-COMMITTEE) that reaches into
 * such a year is met by evidence up to the earliest day it can be. 1.3.0: a month or quarter
 * the term cuts applies only when the term holds at least the tenant's `minWindowShare` of
 * its days (default 1/4; weeks and fortnights keep `minWorkingDaysPerWindow` alone), and
 * CT-PLAN-MONTH asks for the months of the term by the same share, no longer for the
 * vacation months up to the next term. 1.3.1: CT-SUPERVISION-SHEET's reason names the cells
 * the latest incomplete 督学统计表 leaves empty (statuses and counts unchanged).
 */
export const RULE_SET_VERSION = 'xuewu-compliance/1.3.1';

/** The share of a cut month or quarter the term must hold for it to apply, unless the tenant sets another. */
export const DEFAULT_MIN_WINDOW_SHARE = 0.25;

export class EvaluationInputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EvaluationInputError';
  }
}

export interface WindowInfo extends DayWindow {
  readonly granularity: WindowGranularity;
  /** working days inside the window in years with a calendar: all of them when `missingYears` is empty */
  readonly knownWorkingDays: number;
  /** years the window reaches into that have no holiday calendar */
  readonly missingYears: readonly number[];
}

export interface WindowSet {
  readonly list: readonly WindowInfo[];
  /** window position by (day - term start); -1 outside every window */
  readonly at: Int32Array;
}

export interface ActiveClass {
  readonly info: ClassInfo;
  readonly isNew: boolean;
  readonly headcount: number;
  readonly enrolledDay: DayNumber;
}

/**
 * "Within n working days after `after`": `day` is the deadline, exact when `missingYears` is
 * empty, else the earliest it can be (see `WorkingCalendar.workingDayDeadline`).
 */
export interface WorkingDeadline {
  readonly after: DayNumber;
  readonly n: number;
  readonly day: DayNumber;
  readonly missingYears: readonly number[];
}

/** What a rule hands to `emit`; the context derives status, remaining and key. */
export interface Draft {
  readonly subject: Subject;
  readonly periodKey: string;
  readonly from: DayNumber;
  readonly to: DayNumber;
  readonly dueMs: number;
  readonly measure: MeasureKind;
  readonly required: number;
  readonly actual: number;
  /** record positions that counted */
  readonly evidence?: readonly number[];
  readonly missingIds?: readonly string[];
  readonly params: Readonly<Record<string, number>>;
  /** the working-day deadline `to` is: working days left count against it, known while its own year is not */
  readonly deadline?: WorkingDeadline;
  /** forces the status regardless of counts */
  readonly status?: 'not-applicable' | 'blocked';
  readonly reason?: string;
}

interface OverrideStep {
  readonly fromDay: DayNumber;
  readonly value: number;
}

export class RuleContext {
  readonly asOfMs: number;
  readonly asOfDay: DayNumber;
  readonly term: TermSpan;
  readonly terms: readonly TermSpan[];
  readonly academicYear: { readonly id: string; readonly from: DayNumber; readonly to: DayNumber } | undefined;
  readonly calendar: WorkingCalendar;
  readonly index: RecordIndex;
  readonly classes: readonly ActiveClass[];
  readonly atRiskByClass = new Map<string, AtRiskStatus[]>();
  readonly examsByClass = new Map<string, ExamSession[]>();
  readonly failedCourses = new Map<string, number>();
  /** Figures kept per staff member and term (teaching hours, recruitment), as given. */
  readonly roster: EvaluationInput['roster'];
  readonly warnings: string[] = [];
  readonly minWorkingDaysPerWindow: number;
  readonly minWindowShare: number;
  private readonly revision: string | undefined;
  private readonly overrides = new Map<string, OverrideStep[]>();
  private readonly windowCache = new Map<WindowGranularity, WindowSet>();
  private readonly out: Finding[] = [];
  private readonly dayText = new Map<DayNumber, string>();
  private readonly instantText = new Map<number, string>();

  constructor(input: EvaluationInput, rules: readonly RuleDefinition[]) {
    const { config, roster } = input;
    this.roster = roster;
    try {
      this.asOfMs = instantMs(input.asOf);
      this.terms = termSpans(config.terms, config.academicYears);
    } catch (cause) {
      throw new EvaluationInputError(`invalid evaluation input: ${(cause as Error).message}`, { cause });
    }
    this.asOfDay = shanghaiDayOfMs(this.asOfMs);
    const term = this.terms.find((t) => t.term.id === input.termId);
    if (!term) throw new EvaluationInputError(`unknown term ${input.termId}`);
    this.term = term;
    const ay = config.academicYears.find((y) => y.id === term.term.academicYearId);
    this.academicYear = ay ? { id: ay.id, from: dayOf(ay.start), to: dayOf(ay.end) } : undefined;
    this.calendar = WorkingCalendar.fromYears(resolveHolidayYears(config.holidays));
    this.revision = config.revision;
    this.minWorkingDaysPerWindow = config.minWorkingDaysPerWindow ?? 1;
    this.minWindowShare = config.minWindowShare ?? DEFAULT_MIN_WINDOW_SHARE;
    this.loadOverrides(input, rules);
    this.index = new RecordIndex(input.records, this.asOfMs);
    this.classes = this.activeClasses(input);
    for (const s of roster.atRisk ?? []) push(this.atRiskByClass, s.classId, s);
    for (const e of roster.exams ?? []) push(this.examsByClass, e.classId, e);
    for (const f of roster.failedCourses ?? []) this.failedCourses.set(f.studentId, f.count);
  }

  /** The parameter in force on `day` (a period's first day): the latest override effective by then, else the default. */
  param(rule: RuleDefinition, name: string, day: DayNumber): number | null {
    if (!(name in rule.params)) throw new Error(`${rule.id} has no parameter ${name}`);
    const steps = this.overrides.get(`${rule.id}\u0000${name}`);
    if (steps) {
      for (let i = steps.length - 1; i >= 0; i -= 1) {
        const s = steps[i] as OverrideStep;
        if (s.fromDay <= day) return s.value;
      }
    }
    return rule.params[name] ?? null;
  }

  /** All of a rule's parameters on `day`, plus the names still unset (blocked until configured). */
  paramsAt(rule: RuleDefinition, day: DayNumber): { values: Record<string, number>; unset: string[] } {
    const values: Record<string, number> = {};
    const unset: string[] = [];
    for (const name of Object.keys(rule.params)) {
      const v = this.param(rule, name, day);
      if (v === null) unset.push(name);
      else values[name] = v;
    }
    return { values, unset };
  }

  /** Term windows of a granularity with their working-day counts, computed once per evaluation. */
  windows(granularity: WindowGranularity): WindowSet {
    const cached = this.windowCache.get(granularity);
    if (cached) return cached;
    const t = this.term;
    const at = new Int32Array(t.end - t.start + 1).fill(-1);
    const list = termWindows(t, granularity).map((w, i): WindowInfo => {
      for (let d = w.from; d <= w.to; d += 1) at[d - t.start] = i;
      return { ...w, granularity, missingYears: this.calendar.missingYears(w.from, w.to), knownWorkingDays: this.calendar.countKnownWorkingDays(w.from, w.to) };
    });
    const set = { list, at };
    this.windowCache.set(granularity, set);
    return set;
  }

  /** Working days in [from, to], or null when the calendar is missing for part of it. */
  workingDays(from: DayNumber, to: DayNumber): number | null {
    if (to < from) return 0;
    return this.calendar.missingYears(from, to).length ? null : this.calendar.countWorkingDays(from, to);
  }

  /** The deadline N working days after `day`: exact, or the earliest it can be and the years that leave it open. */
  workingDeadline(day: DayNumber, n: number): WorkingDeadline {
    return { after: day, n, ...this.calendar.workingDayDeadline(day, n) };
  }

  /** Distinct staff holding a role in at least one active class, sorted. */
  staff(role: Role): string[] {
    const ids = new Set<string>();
    for (const c of this.classes) {
      const id = staffOf(c.info, role);
      if (id !== undefined) ids.add(id);
    }
    return [...ids].sort(compareStrings);
  }

  /** Does record `i` (a document) belong to `term`? By `covers`, else by its date. */
  documentCovers(i: number, term: TermSpan, direction: 'plan' | 'report'): boolean {
    const covers = this.index.record(i).covers;
    if (covers !== undefined) return covers === term.term.id;
    const day = this.index.day[i] as number;
    // A plan written in the vacation is for the coming term; a report, for the term just ended.
    const owner =
      direction === 'plan'
        ? this.terms.find((t) => t.end >= day)
        : [...this.terms].reverse().find((t) => t.start <= day);
    return owner?.term.id === term.term.id;
  }

  emit(rule: RuleDefinition, d: Draft): void {
    // A period that has not opened yet produces no finding; it appears once it opens.
    if (d.from > this.asOfDay) return;
    const open = this.asOfMs < d.dueMs;
    let status: Finding['status'];
    if (d.status) status = d.status;
    else if (d.measure === 'maximum') status = d.actual > d.required ? 'missed' : open ? 'pending' : 'met';
    else if (d.measure === 'rate' ? d.actual > d.required : d.actual >= d.required) status = 'met';
    else status = open ? 'pending' : 'missed';
    const pending = status === 'pending' ? this.pendingDetail(d) : undefined;
    const reason = pending?.reason ?? d.reason;
    const finding: Finding = {
      key: findingKey(rule.id, d.subject, d.periodKey),
      ruleId: rule.id,
      ruleSetVersion: RULE_SET_VERSION,
      ...(this.revision !== undefined ? { configRevision: this.revision } : {}),
      subject: d.subject,
      period: { key: d.periodKey, from: this.day(d.from), to: this.day(d.to), dueBy: this.instant(d.dueMs) },
      measure: d.measure,
      required: d.required,
      actual: d.actual,
      status,
      ...(pending !== undefined ? { remaining: pending.remaining, workingDaysLeft: pending.workingDaysLeft } : {}),
      ...(d.missingIds ? { missingIds: [...d.missingIds].sort(compareStrings) } : {}),
      evidenceIds: this.evidenceIds(d.evidence),
      params: d.params,
      ...(reason !== undefined ? { reason } : {}),
    };
    this.out.push(finding);
  }

  /**
   * Evidence ids in code-unit order. Stores usually hand records over already in
   * id order (time-sorted ids), so check before paying for a sort.
   */
  private evidenceIds(evidence: readonly number[] | undefined): string[] {
    if (!evidence || evidence.length === 0) return [];
    const ids = evidence.map((i) => this.index.record(i).id);
    for (let k = 1; k < ids.length; k += 1) {
      if ((ids[k - 1] as string) > (ids[k] as string)) return ids.sort(compareStrings);
    }
    return ids;
  }

  /** Formatting is memoised: 70k findings share a few hundred distinct days and deadlines. */
  private day(n: DayNumber): string {
    let s = this.dayText.get(n);
    if (s === undefined) this.dayText.set(n, (s = formatDay(n)));
    return s;
  }

  private instant(ms: number): string {
    let s = this.instantText.get(ms);
    if (s === undefined) this.instantText.set(ms, (s = formatShanghaiInstant(ms)));
    return s;
  }

  findings(): Finding[] {
    return this.out.sort((a, b) => compareStrings(a.key, b.key));
  }

  /**
   * What remains, and the working days left to do it: unknown (null) where a year has no
   * holiday calendar, which the reason then names beside the rule's own.
   */
  private pendingDetail(d: Draft): { remaining: number; workingDaysLeft: number | null; reason?: string } {
    const remaining =
      d.measure === 'maximum' ? d.required - d.actual : d.measure === 'rate' ? d.required - d.actual : Math.max(0, d.required - d.actual);
    const from = Math.max(this.asOfDay, d.from);
    const workingDaysLeft = d.deadline ? this.workingDaysUntil(d.deadline, from) : this.workingDays(from, d.to);
    if (workingDaysLeft !== null) return { remaining, workingDaysLeft };
    const counted = d.deadline ? Math.min(from, d.deadline.after + 1) : from;
    const unknown = `working days left unknown: ${missingCalendarReason(this.calendar.missingYears(counted, d.to))}`;
    return { remaining, workingDaysLeft, reason: joinReasons(d.reason, unknown) };
  }

  /**
   * Working days from `from` to a working-day deadline, its last day included: the n after
   * `after` less those already gone. Known even when the deadline's own day is not (on Tue
   * 12/29, four of "10 working days after Fri 12/18" are left whatever January holds); null
   * only when the days to count lie in a year with no calendar.
   */
  private workingDaysUntil(dl: WorkingDeadline, from: DayNumber): number | null {
    if (from <= dl.after) {
      const before = this.workingDays(from, dl.after);
      return before === null ? null : before + dl.n;
    }
    const gone = this.workingDays(dl.after + 1, from - 1);
    return gone === null ? null : dl.n - gone;
  }

  private loadOverrides(input: EvaluationInput, rules: readonly RuleDefinition[]): void {
    const known = new Map(rules.map((r) => [r.id, r]));
    for (const o of input.config.overrides ?? []) {
      const rule = known.get(o.ruleId);
      if (!rule || !(o.param in rule.params) || !Number.isFinite(o.value)) {
        this.warnings.push(`ignored override ${o.ruleId}.${o.param}: unknown rule or parameter, or not a number`);
        continue;
      }
      push(this.overrides, `${o.ruleId}\u0000${o.param}`, { fromDay: dayOf(o.effectiveFrom), value: o.value });
    }
    for (const steps of this.overrides.values()) steps.sort((a, b) => a.fromDay - b.fromDay);
  }

  private activeClasses(input: EvaluationInput): ActiveClass[] {
    const t = this.term;
    const out: ActiveClass[] = [];
    const earliestStart = Math.min(...this.terms.map((x) => x.start));
    for (const c of input.roster.classes) {
      const first = this.terms.find((x) => x.term.id === c.firstTermId);
      if (!first && c.enteredBeforeConfiguredTerms !== true) {
        this.warnings.push(`class ${c.id}: unknown first term ${c.firstTermId}; skipped`);
        continue;
      }
      // Not yet enrolled, or graduated before this term began: nothing to check here.
      if (first !== undefined && first.start > t.start) continue;
      const graduates = c.graduation?.graduatesOn;
      if (graduates !== undefined && dayOf(graduates) < t.start) continue;
      out.push({
        info: c,
        isNew: first?.term.id === t.term.id,
        headcount: c.headcount ?? c.studentIds.length,
        enrolledDay: c.enrolledOn !== undefined ? dayOf(c.enrolledOn) : (first?.start ?? earliestStart),
      });
    }
    return out.sort((a, b) => compareStrings(a.info.id, b.info.id));
  }
}

export function staffOf(c: ClassInfo, role: Role): string | undefined {
  return role === 'class-teacher' ? c.classTeacherId : role === 'counselor' ? c.counselorId : c.registrarId;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
