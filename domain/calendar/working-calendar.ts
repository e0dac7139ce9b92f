/**
 * Working days (工作日) from holiday data: weekends off, public holidays off,
 * make-up days (调休) on. Weekend-only business-day maths is wrong in China, so
 * every working-day question goes through this class.
 */
import { holidayYearViolations, type HolidayYear } from './holidays.js';
import { dayFromCivil, dayOf, isoWeekday, yearOfDay, type DayNumber } from './local-date.js';

/** Thrown when a question needs a year whose holiday calendar is not loaded. */
export class MissingCalendarError extends Error {
  readonly years: readonly number[];
  constructor(years: readonly number[]) {
    super(`no holiday calendar loaded for ${years.join(', ')}`);
    this.name = 'MissingCalendarError';
    this.years = years;
  }
}

export class CalendarDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarDataError';
  }
}

interface YearTable {
  readonly firstDay: DayNumber;
  /** 1 = working day, index = day - firstDay */
  readonly working: Uint8Array;
  /** prefix[i] = working days in [firstDay, firstDay + i) — O(1) range counts */
  readonly prefix: Int32Array;
}

export class WorkingCalendar {
  private readonly tables = new Map<number, YearTable>();

  private constructor(years: readonly HolidayYear[]) {
    for (const y of years) this.tables.set(y.year, buildYear(y));
  }

  static fromYears(years: readonly HolidayYear[]): WorkingCalendar {
    return new WorkingCalendar(years);
  }

  loadedYears(): number[] {
    return [...this.tables.keys()].sort((a, b) => a - b);
  }

  hasYear(year: number): boolean {
    return this.tables.has(year);
  }

  /** Years in [from, to] (inclusive) with no calendar; empty when all are loaded. */
  missingYears(from: DayNumber, to: DayNumber): number[] {
    const missing: number[] = [];
    if (to < from) return missing;
    for (let y = yearOfDay(from), last = yearOfDay(to); y <= last; y += 1) if (!this.tables.has(y)) missing.push(y);
    return missing;
  }

  isWorkingDay(day: DayNumber): boolean {
    const t = this.table(day);
    return t.working[day - t.firstDay] === 1;
  }

  /** Working days in [from, to], both inclusive; 0 when to < from. */
  countWorkingDays(from: DayNumber, to: DayNumber): number {
    const missing = this.missingYears(from, to);
    if (missing.length > 0) throw new MissingCalendarError(missing);
    return this.countKnownWorkingDays(from, to);
  }

  /**
   * Working days in [from, to] that fall in loaded years; the days of a missing year are
   * left out, never guessed. A lower bound that is already enough can decide a question
   * (a window with enough working days in December) without next year's calendar.
   */
  countKnownWorkingDays(from: DayNumber, to: DayNumber): number {
    let total = 0;
    for (let cursor = from; cursor <= to; ) {
      const year = yearOfDay(cursor);
      const end = Math.min(to, dayFromCivil(year + 1, 1, 1) - 1);
      const t = this.tables.get(year);
      if (t) total += (t.prefix[end - t.firstDay + 1] ?? 0) - (t.prefix[cursor - t.firstDay] ?? 0);
      cursor = end + 1;
    }
    return total;
  }

  /**
   * The N-th working day strictly after `day` ("N 个工作日内" → deadline is the
   * end of that day). N = 0 returns `day` itself.
   */
  addWorkingDays(day: DayNumber, n: number): DayNumber {
    const deadline = this.workingDayDeadline(day, n);
    if (deadline.missingYears.length > 0) throw new MissingCalendarError(deadline.missingYears);
    return deadline.day;
  }

  /**
   * "Within N working days after `day`" when some of the days may fall in a year with no
   * calendar: the N-th working day when the loaded years decide it (`missingYears` empty);
   * otherwise the earliest it can be, every day of a missing year counted as a possible
   * working day (a make-up day may fall on any weekend), and the years that leave it open.
   * A day up to the earliest is within the deadline whatever those years hold.
   */
  workingDayDeadline(day: DayNumber, n: number): { day: DayNumber; missingYears: number[] } {
    const missingYears: number[] = [];
    let cursor = day;
    let left = n;
    while (left > 0) {
      cursor += 1;
      const year = yearOfDay(cursor);
      const t = this.tables.get(year);
      if (t === undefined) {
        if (missingYears[missingYears.length - 1] !== year) missingYears.push(year);
        left -= 1;
      } else if (t.working[cursor - t.firstDay] === 1) left -= 1;
    }
    return { day: cursor, missingYears };
  }

  private table(day: DayNumber): YearTable {
    const t = this.tables.get(yearOfDay(day));
    if (!t) throw new MissingCalendarError([yearOfDay(day)]);
    return t;
  }
}

function buildYear(y: HolidayYear): YearTable {
  const [problem] = holidayYearViolations(y);
  if (problem !== undefined) throw new CalendarDataError(`${y.year} ${problem.path.join('.')}: ${problem.message}`);
  const firstDay = dayFromCivil(y.year, 1, 1);
  const length = dayFromCivil(y.year + 1, 1, 1) - firstDay;
  const working = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) working[i] = isoWeekday(firstDay + i) <= 5 ? 1 : 0;
  for (const h of y.holidays) {
    for (let d = dayOf(h.from); d <= dayOf(h.to); d += 1) working[d - firstDay] = 0;
  }
  // Make-up days win over holidays: a tenant extension may turn a closure back on.
  for (const w of y.makeUpWorkdays) working[dayOf(w) - firstDay] = 1;
  const prefix = new Int32Array(length + 1);
  for (let i = 0; i < length; i += 1) prefix[i + 1] = (prefix[i] ?? 0) + (working[i] ?? 0);
  return { firstDay, working, prefix };
}
