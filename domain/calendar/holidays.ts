/**
 * Holiday calendars are DATA, one entry per year. The engine ships the official
 * mainland-China arrangements as defaults; a tenant replaces or extends any year
 * through configuration (see `resolveHolidayYears`). A year that is in neither
 * is simply unknown: rules that need it report `blocked`, never a guess.
 */
import type { Violation } from '../violation.js';
import type { LocalDate } from './local-date.js';

export interface HolidaySpan {
  /** e.g. '春节' */
  readonly name: string;
  readonly from: LocalDate;
  /** inclusive */
  readonly to: LocalDate;
}

export interface HolidayYear {
  readonly year: number;
  /** Days off on top of weekends (public holidays, a school's own closures). */
  readonly holidays: readonly HolidaySpan[];
  /** Weekend days that are official working days (调休 make-up days). */
  readonly makeUpWorkdays: readonly LocalDate[];
  /** Where the data comes from, for audit. */
  readonly source: string;
}

/**
 * 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）.
 * 2025 is the first year with the extra 除夕 and 5月2日 days (国务院令第795号).
 */
export const CN_MAINLAND_2025: HolidayYear = {
  year: 2025,
  holidays: [
    { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
    { name: '春节', from: '2025-01-28', to: '2025-02-04' },
    { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
    { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
    { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
    { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
  ],
  makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  source: '国务院办公厅关于2025年部分节假日安排的通知 国办发明电〔2024〕12号',
};

/**
 * 国务院办公厅关于2026年部分节假日安排的通知, issued 2025-11-04. Every date below was
 * checked on 2026-11-23 against the full text 新华社 published that day (as carried by
 * 光明网, politics.gmw.cn/2025-11/04/content_38391083.htm); that text does not print the
 * document number, so `source` names the notice by title and date.
 */
export const CN_MAINLAND_2026: HolidayYear = {
  year: 2026,
  holidays: [
    { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
    { name: '春节', from: '2026-02-15', to: '2026-02-23' },
    { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
    { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
    { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
    { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
    { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
  ],
  makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日，新华社全文）',
};

export const DEFAULT_HOLIDAY_YEARS: readonly HolidayYear[] = [CN_MAINLAND_2025, CN_MAINLAND_2026];

/** A tenant's holiday configuration. */
export interface HolidayConfig {
  /** false: start from nothing (e.g. a tenant outside the mainland). Default true. */
  readonly useDefaults?: boolean;
  /** Whole years that replace the default of the same year. */
  readonly years?: readonly HolidayYear[];
  /**
   * Additions merged onto a year (default or replaced): extra closures and extra
   * working days. A tenant workday also cancels a holiday on that date.
   */
  readonly extensions?: readonly HolidayYear[];
}

/**
 * What is wrong with one year's data, all at once: a span that ends before it starts, a
 * day outside the year (a span across New Year is two entries, one in each year).
 * Paths are relative to the year.
 */
export function holidayYearViolations(y: HolidayYear): Violation[] {
  const outside = (path: readonly (string | number)[], day: LocalDate): Violation[] =>
    day.startsWith(`${y.year}-`) ? [] : [{ path, code: 'calendar.outside-year', message: `${day} is not in ${y.year}`, zh: `${day} 不在 ${y.year} 年内` }];
  return [
    ...y.holidays.flatMap((h, i) => [
      ...outside(['holidays', i, 'from'], h.from),
      ...outside(['holidays', i, 'to'], h.to),
      ...(h.to < h.from ? [{ path: ['holidays', i, 'to'], code: 'calendar.ends-before-start', message: `holiday ${h.name} ends on or after it starts`, zh: `假期 ${h.name} 的结束日期不能早于开始日期` }] : []),
    ]),
    ...y.makeUpWorkdays.flatMap((day, i) => outside(['makeUpWorkdays', i], day)),
  ];
}

/** The effective holiday years of a tenant, sorted by year. */
export function resolveHolidayYears(config: HolidayConfig | undefined): HolidayYear[] {
  const byYear = new Map<number, HolidayYear>();
  if (config?.useDefaults !== false) for (const y of DEFAULT_HOLIDAY_YEARS) byYear.set(y.year, y);
  for (const y of config?.years ?? []) byYear.set(y.year, y);
  for (const ext of config?.extensions ?? []) {
    const base = byYear.get(ext.year);
    byYear.set(ext.year, {
      year: ext.year,
      holidays: [...(base?.holidays ?? []), ...ext.holidays],
      makeUpWorkdays: [...(base?.makeUpWorkdays ?? []), ...ext.makeUpWorkdays],
      source: base ? `${base.source}; ${ext.source}` : ext.source,
    });
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}
