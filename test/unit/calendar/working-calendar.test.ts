import { describe, expect, it } from 'vitest';
import {
  CN_MAINLAND_2025,
  CN_MAINLAND_2026,
  dayOf,
  formatDay,
  isoWeekday,
  MissingCalendarError,
  resolveHolidayYears,
  WorkingCalendar,
  type HolidayYear,
} from '../../../domain/calendar/index.js';

const cal = WorkingCalendar.fromYears(resolveHolidayYears(undefined));
const working = (d: string) => cal.isWorkingDay(dayOf(d));

describe('official mainland calendars', () => {
  it.each([CN_MAINLAND_2025, CN_MAINLAND_2026])('$year: every 调休 day is a weekend, every holiday span is in the year', (y) => {
    for (const w of y.makeUpWorkdays) expect(isoWeekday(dayOf(w))).toBeGreaterThanOrEqual(6);
    for (const h of y.holidays) expect(dayOf(h.to)).toBeGreaterThanOrEqual(dayOf(h.from));
  });

  it('2025 National Day + Mid-Autumn: 10/1–10/8 off, 9/28 (Sun) and 10/11 (Sat) on', () => {
    expect(working('2025-09-28')).toBe(true);
    for (let d = dayOf('2025-10-01'); d <= dayOf('2025-10-08'); d += 1) expect(cal.isWorkingDay(d)).toBe(false);
    expect(working('2025-10-11')).toBe(true);
    expect(working('2025-10-12')).toBe(false);
  });

  it('2025 Spring Festival: 1/28–2/4 off, 1/26 and 2/8 on', () => {
    expect(working('2025-01-26')).toBe(true);
    expect(working('2025-01-28')).toBe(false);
    expect(working('2025-02-04')).toBe(false);
    expect(working('2025-02-05')).toBe(true);
    expect(working('2025-02-08')).toBe(true);
  });

  it('2026 as published: New Year 1/1–1/3 with 1/4 on; Spring Festival 2/15–2/23 with 2/14 and 2/28 on', () => {
    expect(working('2026-01-02')).toBe(false);
    expect(working('2026-01-04')).toBe(true);
    expect(working('2026-02-14')).toBe(true);
    expect(working('2026-02-23')).toBe(false);
    expect(working('2026-02-24')).toBe(true);
    expect(working('2026-02-28')).toBe(true);
    expect(working('2026-09-20')).toBe(true);
    expect(working('2026-10-10')).toBe(true);
  });

  it('counts 2025 working days: 248 days (365 − 104 weekend days − 18 holidays on weekdays + 5 调休)', () => {
    expect(cal.countWorkingDays(dayOf('2025-01-01'), dayOf('2025-12-31'))).toBe(248);
  });

  it('counts 2026 working days as the notice of 2025-11-04 gives them: 248 (365 − 104 weekend days − 19 holidays on weekdays + 6 调休)', () => {
    // Weekday holidays: 元旦 2, 春节 6, 清明 1, 劳动节 3, 端午 1, 中秋 1, 国庆 5.
    expect(cal.countWorkingDays(dayOf('2026-01-01'), dayOf('2026-12-31'))).toBe(248);
    expect(working('2026-10-07')).toBe(false);
    expect(working('2026-10-08')).toBe(true);
  });
});

describe('deadline arithmetic', () => {
  it('3 working days after Tue 2025-09-30 skip the holiday and land on the 调休 Saturday 10/11', () => {
    expect(formatDay(cal.addWorkingDays(dayOf('2025-09-30'), 3))).toBe('2025-10-11');
  });

  it('1 working day after Fri 2025-09-26 is the 调休 Sunday 9/28', () => {
    expect(formatDay(cal.addWorkingDays(dayOf('2025-09-26'), 1))).toBe('2025-09-28');
  });

  it('crosses the year boundary when both years are loaded', () => {
    expect(formatDay(cal.addWorkingDays(dayOf('2025-12-31'), 1))).toBe('2026-01-04');
  });

  it('refuses to guess a year that is not loaded', () => {
    const only2025 = WorkingCalendar.fromYears([CN_MAINLAND_2025]);
    expect(() => only2025.addWorkingDays(dayOf('2025-12-31'), 1)).toThrow(MissingCalendarError);
    expect(only2025.missingYears(dayOf('2025-12-29'), dayOf('2026-01-04'))).toEqual([2026]);
    expect(() => only2025.isWorkingDay(dayOf('2027-03-01'))).toThrow(/2027/);
  });

  it('without the next year, a deadline is the earliest it can be: 3 after Tue 2025-12-30 is 12/31, then not before 2026-01-02', () => {
    const only2025 = WorkingCalendar.fromYears([CN_MAINLAND_2025]);
    const earliest = only2025.workingDayDeadline(dayOf('2025-12-30'), 3);
    expect({ day: formatDay(earliest.day), missingYears: earliest.missingYears }).toEqual({ day: '2026-01-02', missingYears: [2026] });
    expect(only2025.workingDayDeadline(dayOf('2025-09-30'), 3)).toEqual({ day: dayOf('2025-10-11'), missingYears: [] });
  });
});

describe('tenant holiday configuration', () => {
  const schoolClosure: HolidayYear = {
    year: 2025,
    holidays: [{ name: '校庆', from: '2025-11-03', to: '2025-11-03' }],
    makeUpWorkdays: [],
    source: 'tenant',
  };

  it('extends a default year with a school closure', () => {
    const c = WorkingCalendar.fromYears(resolveHolidayYears({ extensions: [schoolClosure] }));
    expect(c.isWorkingDay(dayOf('2025-11-03'))).toBe(false);
    expect(c.isWorkingDay(dayOf('2025-10-11'))).toBe(true); // default 调休 kept
  });

  it('replaces a default year entirely', () => {
    const c = WorkingCalendar.fromYears(resolveHolidayYears({ years: [schoolClosure] }));
    expect(c.isWorkingDay(dayOf('2025-10-02'))).toBe(true); // National Day gone with the replaced year
    expect(c.isWorkingDay(dayOf('2025-11-03'))).toBe(false);
  });

  it('can start from nothing and load 2027 itself', () => {
    const y2027: HolidayYear = { year: 2027, holidays: [], makeUpWorkdays: [], source: 'tenant' };
    const c = WorkingCalendar.fromYears(resolveHolidayYears({ useDefaults: false, years: [y2027] }));
    expect(c.loadedYears()).toEqual([2027]);
  });
});
