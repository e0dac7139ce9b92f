/**
 * Terms, academic years and the windows rules are counted in: ISO weeks,
 * two-week windows, months and quarters, each clipped to the term. Windows are
 * computed once per term and shared by every class, so the hot loop maps a
 * record's day to its window with one array read.
 */
import {
  addMonths,
  civilFromDay,
  dayFromCivil,
  dayOf,
  daysInMonth,
  isoWeekOf,
  mondayOf,
  type DayNumber,
  type LocalDate,
} from './local-date.js';

export interface Term {
  readonly id: string;
  readonly start: LocalDate;
  /** inclusive */
  readonly end: LocalDate;
  readonly academicYearId: string;
}

export interface AcademicYear {
  readonly id: string;
  readonly start: LocalDate;
  /** inclusive */
  readonly end: LocalDate;
}

export type WindowGranularity = 'week' | 'fortnight' | 'month' | 'quarter';

/** A window of days, both ends inclusive, as day numbers. */
export interface DayWindow {
  readonly key: string;
  readonly from: DayNumber;
  readonly to: DayNumber;
  /** true when the term's start or end cuts the natural week/month/quarter */
  readonly clipped: boolean;
  /** days of the natural week, fortnight, month or quarter, before the term cuts it */
  readonly fullDays: number;
}

export interface TermDays {
  readonly term: Term;
  readonly start: DayNumber;
  readonly end: DayNumber;
}

export function termDays(term: Term): TermDays {
  const start = dayOf(term.start);
  const end = dayOf(term.end);
  if (end < start) throw new RangeError(`term ${term.id} ends before it starts`);
  return { term, start, end };
}

/**
 * The natural window [from, to] cut to the term. Every loop below starts at the window holding
 * the term's first day and stops before a window starting after its last, so each window it
 * passes here overlaps the term and the cut is never empty.
 */
function clip(key: string, from: DayNumber, to: DayNumber, t: TermDays): DayWindow {
  const a = Math.max(from, t.start);
  const b = Math.min(to, t.end);
  return { key, from: a, to: b, clipped: a !== from || b !== to, fullDays: to - from + 1 };
}

/** ISO weeks (Monday–Sunday) overlapping the term, clipped to it; key 'W2025-37'. */
export function termWeeks(t: TermDays): DayWindow[] {
  const out: DayWindow[] = [];
  for (let monday = mondayOf(t.start); monday <= t.end; monday += 7) {
    const { year, week } = isoWeekOf(monday);
    out.push(clip(`W${year}-${String(week).padStart(2, '0')}`, monday, monday + 6, t));
  }
  return out;
}

/**
 * Two-week windows counted from the Monday of the term's first week ("每两周"
 * is read as teaching fortnights: weeks 1–2, 3–4, …), clipped; key 'F01'.
 */
export function termFortnights(t: TermDays): DayWindow[] {
  const out: DayWindow[] = [];
  let n = 1;
  for (let monday = mondayOf(t.start); monday <= t.end; monday += 14, n += 1) {
    out.push(clip(`F${String(n).padStart(2, '0')}`, monday, monday + 13, t));
  }
  return out;
}

/** Calendar months overlapping the term, clipped; key '2025-09'. */
export function termMonths(t: TermDays): DayWindow[] {
  const out: DayWindow[] = [];
  let { year, month } = civilFromDay(t.start);
  for (;;) {
    const first = dayFromCivil(year, month, 1);
    if (first > t.end) break;
    out.push(clip(monthKey(year, month), first, first + daysInMonth(year, month) - 1, t));
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

/** Calendar quarters (季度: Jan–Mar …) overlapping the term, clipped; key '2025-Q4'. */
export function termQuarters(t: TermDays): DayWindow[] {
  const out: DayWindow[] = [];
  const s = civilFromDay(t.start);
  let year = s.year;
  let q = Math.floor((s.month - 1) / 3);
  for (;;) {
    const first = dayFromCivil(year, q * 3 + 1, 1);
    if (first > t.end) break;
    const last = addMonths(first, 3) - 1;
    out.push(clip(`${year}-Q${q + 1}`, first, last, t));
    q += 1;
    if (q > 3) {
      q = 0;
      year += 1;
    }
  }
  return out;
}

export function termWindows(t: TermDays, granularity: WindowGranularity): DayWindow[] {
  switch (granularity) {
    case 'week':
      return termWeeks(t);
    case 'fortnight':
      return termFortnights(t);
    case 'month':
      return termMonths(t);
    case 'quarter':
      return termQuarters(t);
  }
}

export function monthKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function monthKeyOfDay(day: DayNumber): string {
  const c = civilFromDay(day);
  return monthKey(c.year, c.month);
}

/** Last day of the month containing `day` ("by month end"). */
export function monthEnd(day: DayNumber): DayNumber {
  const c = civilFromDay(day);
  return dayFromCivil(c.year, c.month, daysInMonth(c.year, c.month));
}

/**
 * Sunday of teaching week N, week 1 being the ISO week that contains the term's
 * first day ("开学第二周" → N = 2).
 */
export function teachingWeekEnd(t: TermDays, n: number): DayNumber {
  return mondayOf(t.start) + 7 * n - 1;
}

/** One week after term end ("每学期结束一周后"): term end + 7 calendar days. */
export function weekAfter(day: DayNumber, weeks = 1): DayNumber {
  return day + 7 * weeks;
}

/** "Within one month after" a day: the same date next month, clamped. */
export function monthAfter(day: DayNumber, months = 1): DayNumber {
  return addMonths(day, months);
}

/**
 * Terms sorted by start, with the span each owns: from its start to the day before
 * the next term starts. Events dated in a vacation (a graduation in July, a warning
 * document in August) belong to the term before, so each is evaluated exactly once.
 */
export interface TermSpan extends TermDays {
  readonly spanEnd: DayNumber;
  readonly previous: TermDays | undefined;
  readonly next: TermDays | undefined;
}

export function termSpans(terms: readonly Term[], academicYears: readonly AcademicYear[]): TermSpan[] {
  const sorted = terms.map(termDays).sort((a, b) => a.start - b.start || (a.term.id < b.term.id ? -1 : 1));
  return sorted.map((t, i) => {
    const next = sorted[i + 1];
    const ay = academicYears.find((y) => y.id === t.term.academicYearId);
    const fallbackEnd = ay ? Math.max(dayOf(ay.end), t.end) : t.end;
    return { ...t, spanEnd: next ? next.start - 1 : fallbackEnd, previous: sorted[i - 1], next };
  });
}

