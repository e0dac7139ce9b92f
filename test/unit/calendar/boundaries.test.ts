/**
 * The calendar at its edges: day numbers far from 2025, the parser's refusals one field at a
 * time, windows of a one-day term, spans and working-day counts across a new year. Day
 * numbers are counted by hand: 365 a year plus one per leap day since 1970-01-01 (day 0).
 */
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  CalendarDataError,
  civilFromDay,
  CN_MAINLAND_2025,
  CN_MAINLAND_2026,
  dayFromCivil,
  dayOf,
  daysInMonth,
  endOfDayMs,
  formatDay,
  formatShanghaiInstant,
  instantMs,
  InvalidDateError,
  isLeapYear,
  isoWeekday,
  isoWeekOf,
  MissingCalendarError,
  mondayOf,
  monthAfter,
  monthEnd,
  monthKeyOfDay,
  resolveHolidayYears,
  shanghaiDayOf,
  startOfDayMs,
  teachingWeekEnd,
  termDays,
  termFortnights,
  termMonths,
  termQuarters,
  termSpans,
  termWeeks,
  termWindows,
  tryDayOf,
  tryInstantMs,
  weekAfter,
  WorkingCalendar,
  yearOfDay,
  type DayWindow,
  type HolidayYear,
} from '../../../domain/calendar/index.js';

const show = (ws: readonly DayWindow[]) => ws.map((w) => `${w.key} ${formatDay(w.from)}..${formatDay(w.to)}${w.clipped ? ' clipped' : ''}`);

describe('day numbers far from 2025', () => {
  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-01-01', 10_957], // 30 × 365 + 7 leap days (1972 … 1996)
    ['2000-02-29', 11_016],
    ['2000-03-01', 11_017],
    ['1900-01-01', -25_567], // −(70 × 365 + 17 leap days 1904 … 1968)
    ['1900-03-01', -25_508], // 1900 is no leap year: + 31 + 28
    ['2100-01-01', 47_482], // 130 × 365 + 32 leap days 1972 … 2096
    ['2100-03-01', 47_541],
    ['1600-01-01', -135_140], // −(370 × 365 + 90 leap days)
    ['1600-03-01', -135_080], // 1600 is a leap year: + 31 + 29
    ['0000-03-01', -719_468], // 2000-03-01 (11 017) − 5 × 146 097, five 400-year cycles
  ])('%s is day %i, both ways', (date, n) => {
    expect(dayOf(date)).toBe(n);
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    expect(dayFromCivil(y, m, d)).toBe(n);
    expect(civilFromDay(n)).toEqual({ year: y, month: m, day: d });
    expect(formatDay(n)).toBe(date);
  });

  it('formats years before 1000 with four digits', () => {
    expect(formatDay(dayFromCivil(999, 12, 31))).toBe('0999-12-31');
    expect(tryDayOf('0999-12-31')).toBe(dayFromCivil(999, 12, 31));
  });

  it('knows leap years and month lengths (1900 no, 2000 yes, 2024 yes, 2025 no)', () => {
    expect([1900, 2000, 2024, 2025].map(isLeapYear)).toEqual([false, true, true, false]);
    expect(Array.from({ length: 12 }, (_, i) => daysInMonth(2025, i + 1))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2024, 2)).toBe(29);
  });

  it('gives weekdays before 1970 too (1969-12-31 was a Wednesday, 1969-12-28 a Sunday)', () => {
    expect(isoWeekday(dayOf('1969-12-31'))).toBe(3);
    expect(isoWeekday(dayOf('1969-12-28'))).toBe(7);
    expect(formatDay(mondayOf(dayOf('1969-12-31')))).toBe('1969-12-29');
  });

  it('numbers ISO weeks across new year: 2026 has 53 weeks, 2027-01-01 is in 2026-W53', () => {
    expect(isoWeekOf(dayOf('2027-01-01'))).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf(dayOf('2027-01-04'))).toEqual({ year: 2027, week: 1 });
    expect(isoWeekOf(dayOf('2024-12-30'))).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf(dayOf('2025-12-28'))).toEqual({ year: 2025, week: 52 });
    expect(yearOfDay(dayOf('2025-12-31'))).toBe(2025);
  });

  it('adds months backwards and across years, clamping to the month’s end', () => {
    expect(formatDay(addMonths(dayOf('2026-01-15'), -1))).toBe('2025-12-15');
    expect(formatDay(addMonths(dayOf('2025-03-31'), -1))).toBe('2025-02-28');
    expect(formatDay(addMonths(dayOf('2024-01-31'), 1))).toBe('2024-02-29');
    expect(formatDay(addMonths(dayOf('2025-11-30'), 13))).toBe('2026-12-30');
    expect(formatDay(addMonths(dayOf('2025-01-10'), -13))).toBe('2023-12-10');
  });
});

describe('the date parser refuses one bad field at a time', () => {
  it.each(['2025-01/01', '2025/01-01', '2025-04-31', '2025-01-00', '2025-01-32', '2025-0:-01', '2025-01-1a', '20a5-01-01', '2025-01-010', ''])(
    'tryDayOf(%j) is NaN and dayOf throws',
    (bad) => {
      expect(Number.isNaN(tryDayOf(bad))).toBe(true);
      expect(() => dayOf(bad)).toThrow(InvalidDateError);
    },
  );

  it('names the bad input', () => {
    expect(() => dayOf('2025-04-31')).toThrow('not a local date (YYYY-MM-DD): "2025-04-31"');
    expect(() => instantMs('2025-04-30')).toThrow('not an instant with offset: "2025-04-30"');
  });

  it('accepts the last day of every month of a leap year', () => {
    for (let m = 1; m <= 12; m += 1) {
      const last = `2024-${String(m).padStart(2, '0')}-${daysInMonth(2024, m)}`;
      expect(formatDay(dayOf(last))).toBe(last);
    }
  });
});

describe('instants', () => {
  it.each([
    '2025-09-01T00:00:00.5Z',
    '2025-09-01T00:00:00.123456Z',
    '2025-09-01T23:59:59+14:00',
    '2025-09-01T00:00:00-12:00',
    '2025-09-01T12:34:56+05:45',
    '2025-09-01T12:34:56+05:59',
    '2025-09-01T00:00:00.05Z',
    '1969-12-31T23:59:59Z',
  ])('reads %s as Date.parse does', (s) => {
    expect(tryInstantMs(s)).toBe(Date.parse(s));
  });

  it.each([
    '2025-09-01T24:00:00Z',
    '2025-09-01T23:60:00Z',
    '2025-09-01T23:59:60Z',
    '2025-09-01T23-59:00Z',
    '2025-09-01T23:59-00Z',
    '2025-09-01 23:59:00Z',
    '2025-09-01T2a:59:00Z',
    '2025-09-01T23:5a:00Z',
    '2025-09-01T23:59:5aZ',
    '2025-09-01T23:59:00+0a:00',
    '2025-09-01T23:59:00+08:0a',
    '2025-09-01T23:59:00+15:00',
    '2025-09-01T23:59:00+08:60',
    '2025-09-01T23:59:00+0800',
    '2025-09-01T23:59:00+08-00',
    '2025-09-01T23:59:00+08:00x',
    '2025-09-01T23:59:00Zx',
    '2025-09-01T23:59:00',
    '2025-09-01T23:59:00.',
    '2025-13-01T23:59:00Z',
  ])('refuses %s', (s) => {
    expect(Number.isNaN(tryInstantMs(s))).toBe(true);
  });

  it('an offset of less than an hour (+00:00, −00:30) is read, not refused as an hour below zero', () => {
    // 2025-09-01 is day 20 332 (55 years × 365 + 14 leap days 1972 … 2024 = 20 089 for 1 January,
    // + 243 days of January to August), so 00:00Z that day is 20 332 × 86 400 000 = 1 756 684 800 000 ms.
    expect(tryInstantMs('2025-09-01T12:00:00+00:00')).toBe(1_756_684_800_000 + 12 * 3_600_000);
    // 12:00 at −00:30 is 12:30Z: 30 minutes (1 800 000 ms) later.
    expect(tryInstantMs('2025-09-01T12:00:00-00:30')).toBe(1_756_684_800_000 + 12 * 3_600_000 + 1_800_000);
  });

  it('takes epoch milliseconds as they are, and refuses non-finite numbers', () => {
    expect(tryInstantMs(1_756_684_800_000)).toBe(1_756_684_800_000);
    expect(Number.isNaN(tryInstantMs(Number.POSITIVE_INFINITY))).toBe(true);
    expect(Number.isNaN(tryInstantMs(Number.NaN))).toBe(true);
  });

  it('a local day runs from 00:00 +08:00 (16:00 UTC the day before) to the next 00:00', () => {
    const d = dayOf('2025-09-01');
    expect(startOfDayMs(d)).toBe(Date.parse('2025-08-31T16:00:00Z'));
    expect(endOfDayMs(d)).toBe(Date.parse('2025-09-01T16:00:00Z'));
    expect(shanghaiDayOf('2025-08-31T16:00:00Z')).toBe(d);
    expect(shanghaiDayOf('2025-08-31T15:59:59.999Z')).toBe(d - 1);
    expect(shanghaiDayOf('1969-12-31T15:59:59Z')).toBe(-1);
  });

  it('writes instants back in +08:00 with hours, minutes and seconds', () => {
    expect(formatShanghaiInstant(Date.parse('2025-09-01T05:07:09Z'))).toBe('2025-09-01T13:07:09+08:00');
    expect(formatShanghaiInstant(Date.parse('2025-09-01T15:59:59.999Z'))).toBe('2025-09-01T23:59:59+08:00');
    expect(formatShanghaiInstant(Date.parse('1969-12-31T10:11:12Z'))).toBe('1969-12-31T18:11:12+08:00');
  });
});

describe('windows of short terms', () => {
  // Built on first use inside a test: a refusal while the file is collected would fail no test.
  const oneDayTerm = () => termDays({ id: 'x', start: '2025-09-07', end: '2025-09-07', academicYearId: 'y' });

  it('a term that starts and ends on the same day is a term of one day, not one ending before it starts', () => {
    const t = oneDayTerm();
    expect(t.end - t.start).toBe(0);
  });

  it('a one-day term (Sunday 9/7) is one clipped week, fortnight, month and quarter', () => {
    expect(show(termWeeks(oneDayTerm()))).toEqual(['W2025-36 2025-09-07..2025-09-07 clipped']);
    expect(show(termFortnights(oneDayTerm()))).toEqual(['F01 2025-09-07..2025-09-07 clipped']);
    expect(show(termMonths(oneDayTerm()))).toEqual(['2025-09 2025-09-07..2025-09-07 clipped']);
    expect(show(termQuarters(oneDayTerm()))).toEqual(['2025-Q3 2025-09-07..2025-09-07 clipped']);
  });

  it('a window cut to the term still knows the days of its natural week, fortnight, month and quarter', () => {
    // The one-day term of Sunday 9/7: its week 9/1–9/7 has 7 days, its fortnight 9/1–9/14 has 14,
    // September 30, and Q3 (July 31 + August 31 + September 30) 92.
    const full = (ws: readonly DayWindow[]) => ws.map((w) => w.fullDays);
    expect([termWeeks(oneDayTerm()), termFortnights(oneDayTerm()), termMonths(oneDayTerm()), termQuarters(oneDayTerm())].map(full)).toEqual([[7], [14], [30], [92]]);
  });

  it('a term ending on a Monday, or on the 1st, keeps that last day as a window of its own', () => {
    const toMonday = termDays({ id: 'x', start: '2025-09-01', end: '2025-09-15', academicYearId: 'y' });
    expect(show(termWeeks(toMonday)).at(-1)).toBe('W2025-38 2025-09-15..2025-09-15 clipped');
    expect(show(termFortnights(toMonday)).at(-1)).toBe('F02 2025-09-15..2025-09-15 clipped');
    const toFirst = termDays({ id: 'x', start: '2025-09-10', end: '2025-10-01', academicYearId: 'y' });
    expect(show(termMonths(toFirst))).toEqual(['2025-09 2025-09-10..2025-09-30 clipped', '2025-10 2025-10-01..2025-10-01 clipped']);
    expect(show(termQuarters(toFirst))).toEqual(['2025-Q3 2025-09-10..2025-09-30 clipped', '2025-Q4 2025-10-01..2025-10-01 clipped']);
  });

  it('a term ending before it starts is refused', () => {
    expect(() => termDays({ id: 'x', start: '2025-09-07', end: '2025-09-06', academicYearId: 'y' })).toThrow('term x ends before it starts');
  });

  it('whole months and quarters are not clipped; termWindows picks by granularity', () => {
    const q4 = termDays({ id: 'x', start: '2025-10-01', end: '2025-12-31', academicYearId: 'y' });
    expect(show(termWindows(q4, 'quarter'))).toEqual(['2025-Q4 2025-10-01..2025-12-31']);
    expect(show(termWindows(q4, 'month'))).toEqual(['2025-10 2025-10-01..2025-10-31', '2025-11 2025-11-01..2025-11-30', '2025-12 2025-12-01..2025-12-31']);
    expect(show(termWindows(q4, 'week'))[0]).toBe('W2025-40 2025-10-01..2025-10-05 clipped');
    expect(show(termWindows(q4, 'fortnight'))[0]).toBe('F01 2025-10-01..2025-10-12 clipped');
  });

  it('a term from November to April crosses into the next year’s quarters and months', () => {
    const winter = termDays({ id: 'x', start: '2025-11-15', end: '2026-04-02', academicYearId: 'y' });
    expect(show(termQuarters(winter))).toEqual([
      '2025-Q4 2025-11-15..2025-12-31 clipped',
      '2026-Q1 2026-01-01..2026-03-31',
      '2026-Q2 2026-04-01..2026-04-02 clipped',
    ]);
    expect(show(termMonths(winter)).map((s) => s.slice(0, 7))).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04']);
    expect(show(termFortnights(winter)).at(-1)).toBe('F11 2026-03-30..2026-04-02 clipped');
  });

  it('teaching week N ends on its Sunday, counted from the week holding the first day', () => {
    const wed = termDays({ id: 'x', start: '2025-09-03', end: '2026-01-14', academicYearId: 'y' });
    expect(formatDay(teachingWeekEnd(wed, 1))).toBe('2025-09-07');
    expect(formatDay(teachingWeekEnd(wed, 3))).toBe('2025-09-21');
  });

  it('a week and a month after a day; the end of the month holding it', () => {
    const d = dayOf('2025-01-31');
    expect(formatDay(weekAfter(d))).toBe('2025-02-07');
    expect(formatDay(weekAfter(d, 2))).toBe('2025-02-14');
    expect(formatDay(monthAfter(d))).toBe('2025-02-28');
    expect(formatDay(monthAfter(d, 2))).toBe('2025-03-31');
    expect(formatDay(monthEnd(dayOf('2024-02-10')))).toBe('2024-02-29');
    expect(monthKeyOfDay(dayOf('2025-12-31'))).toBe('2025-12');
  });
});

describe('term spans', () => {
  const year = { id: 'y', start: '2025-08-01', end: '2026-07-31' };

  it('the last term runs to its academic year’s end, or its own end when that is later or no year is configured', () => {
    const [inYear] = termSpans([{ id: 'a', start: '2026-03-02', end: '2026-07-05', academicYearId: 'y' }], [year]);
    expect(formatDay(inYear!.spanEnd)).toBe('2026-07-31');
    const [late] = termSpans([{ id: 'a', start: '2026-03-02', end: '2026-08-10', academicYearId: 'y' }], [year]);
    expect(formatDay(late!.spanEnd)).toBe('2026-08-10');
    const [orphan] = termSpans([{ id: 'a', start: '2026-03-02', end: '2026-07-05', academicYearId: 'none' }], [year]);
    expect(formatDay(orphan!.spanEnd)).toBe('2026-07-05');
  });

  it('terms starting the same day are ordered by id, and each knows its neighbours', () => {
    const spans = termSpans(
      [
        { id: 'c', start: '2026-03-02', end: '2026-07-05', academicYearId: 'y' },
        { id: 'b', start: '2025-09-01', end: '2026-01-18', academicYearId: 'y' },
        { id: 'a', start: '2025-09-01', end: '2025-12-31', academicYearId: 'y' },
      ],
      [year],
    );
    expect(spans.map((s) => s.term.id)).toEqual(['a', 'b', 'c']);
    expect(spans.map((s) => [s.previous?.term.id, s.next?.term.id])).toEqual([
      [undefined, 'b'],
      ['a', 'c'],
      ['b', undefined],
    ]);
    expect(formatDay(spans[0]!.spanEnd)).toBe('2025-08-31');
  });

  it('terms starting the same day keep id order when given in id order too', () => {
    const spans = termSpans(
      [
        { id: 'a', start: '2025-09-01', end: '2025-12-31', academicYearId: 'y' },
        { id: 'b', start: '2025-09-01', end: '2026-01-18', academicYearId: 'y' },
      ],
      [year],
    );
    expect(spans.map((s) => s.term.id)).toEqual(['a', 'b']);
  });
});

describe('working days at the edges', () => {
  const cal = WorkingCalendar.fromYears([CN_MAINLAND_2026, CN_MAINLAND_2025]);

  it('lists the loaded years in order', () => {
    expect(cal.loadedYears()).toEqual([2025, 2026]);
    expect([cal.hasYear(2025), cal.hasYear(2027)]).toEqual([true, false]);
  });

  it('counts 12/29..1/4 across the new year as 4 (three December weekdays, then 元旦 1/1–1/3, then the 调休 Sunday 1/4)', () => {
    expect(cal.countWorkingDays(dayOf('2025-12-29'), dayOf('2026-01-04'))).toBe(4);
    expect(cal.countWorkingDays(dayOf('2025-12-31'), dayOf('2025-12-31'))).toBe(1);
    expect(cal.countWorkingDays(dayOf('2026-01-01'), dayOf('2026-01-01'))).toBe(0);
    expect(cal.countWorkingDays(dayOf('2025-12-31'), dayOf('2025-12-30'))).toBe(0);
  });

  it('counts the last day of a leap-free year and the first of the next (12/31 Wed, 1/5 Mon)', () => {
    expect(cal.countWorkingDays(dayOf('2025-12-31'), dayOf('2026-01-05'))).toBe(3);
  });

  it('names every year missing from a count, and none for an empty range', () => {
    expect(cal.missingYears(dayOf('2024-12-31'), dayOf('2027-01-01'))).toEqual([2024, 2027]);
    expect(cal.missingYears(dayOf('2027-01-02'), dayOf('2027-01-01'))).toEqual([]);
    expect(cal.missingYears(dayOf('2027-01-01'), dayOf('2027-01-01'))).toEqual([2027]);
    const err = (() => {
      try {
        cal.countWorkingDays(dayOf('2026-12-31'), dayOf('2028-01-01'));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(MissingCalendarError);
    expect(err).toMatchObject({ name: 'MissingCalendarError', years: [2027, 2028], message: 'no holiday calendar loaded for 2027, 2028' });
  });

  it('zero working days after a day is the day itself, even a holiday', () => {
    expect(formatDay(cal.addWorkingDays(dayOf('2025-10-01'), 0))).toBe('2025-10-01');
  });

  it('a tenant work day on a public holiday makes it a working day', () => {
    const ext: HolidayYear = { year: 2025, holidays: [], makeUpWorkdays: ['2025-10-02'], source: 'tenant' };
    const c = WorkingCalendar.fromYears(resolveHolidayYears({ extensions: [ext] }));
    expect(c.isWorkingDay(dayOf('2025-10-02'))).toBe(true);
    expect(c.isWorkingDay(dayOf('2025-10-03'))).toBe(false);
    // 10/1–10/8 had no working day; now 10/2 is one.
    expect(c.countWorkingDays(dayOf('2025-10-01'), dayOf('2025-10-08'))).toBe(1);
  });

  it('refuses holiday data outside its year, naming the field', () => {
    const bad: HolidayYear = { ...CN_MAINLAND_2025, holidays: [{ name: '元旦', from: '2024-12-31', to: '2025-01-01' }] };
    expect(() => WorkingCalendar.fromYears([bad])).toThrow(CalendarDataError);
    expect(() => WorkingCalendar.fromYears([bad])).toThrow('2025 holidays.0.from: 2024-12-31 is not in 2025');
  });
});

describe('local dates with a stray character', () => {
  it('a letter in any place of the date makes it no date (202a-01-01 is not the year 1020)', () => {
    for (const date of ['202a-01-01', 'a026-01-01', '2026-0a-01', '2026-01-0a', '2026-a1-01']) {
      expect(Number.isNaN(tryDayOf(date)), date).toBe(true);
    }
  });
});
