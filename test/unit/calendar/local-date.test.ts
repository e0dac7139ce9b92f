import { describe, expect, it } from 'vitest';
import {
  addMonths,
  dayOf,
  endOfDayMs,
  formatDay,
  formatShanghaiInstant,
  instantMs,
  isoWeekday,
  isoWeekOf,
  shanghaiDayOf,
  tryDayOf,
  tryInstantMs,
} from '../../../domain/calendar/index.js';

describe('local dates', () => {
  it('round-trips every day of 2024–2027 through day numbers', () => {
    for (let d = dayOf('2024-01-01'); d <= dayOf('2027-12-31'); d += 1) expect(dayOf(formatDay(d))).toBe(d);
  });

  it('rejects malformed and impossible dates', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-01', '2025/01/01', '2025-00-10', 'abcd-ef-gh']) {
      expect(Number.isNaN(tryDayOf(bad))).toBe(true);
    }
    expect(tryDayOf('2024-02-29')).toBe(dayOf('2024-02-29'));
  });

  it('knows weekdays and ISO weeks (2025-12-29 is in week 1 of 2026)', () => {
    expect(isoWeekday(dayOf('2025-09-01'))).toBe(1); // Monday
    expect(isoWeekday(dayOf('2025-09-28'))).toBe(7); // the 调休 Sunday
    expect(isoWeekOf(dayOf('2025-12-29'))).toEqual({ year: 2026, week: 1 });
    expect(isoWeekOf(dayOf('2025-09-01'))).toEqual({ year: 2025, week: 36 });
  });

  it('adds months with end-of-month clamping', () => {
    expect(formatDay(addMonths(dayOf('2025-01-31'), 1))).toBe('2025-02-28');
    expect(formatDay(addMonths(dayOf('2025-07-10'), 1))).toBe('2025-08-10');
    expect(formatDay(addMonths(dayOf('2025-12-15'), 1))).toBe('2026-01-15');
  });
});

describe('instants in Asia/Shanghai (+08:00, no DST)', () => {
  it('maps UTC 16:00 to the next local day', () => {
    expect(formatDay(shanghaiDayOf('2025-09-30T15:59:59Z'))).toBe('2025-09-30');
    expect(formatDay(shanghaiDayOf('2025-09-30T16:00:00Z'))).toBe('2025-10-01');
    expect(formatDay(shanghaiDayOf('2025-10-01T00:00:00+08:00'))).toBe('2025-10-01');
  });

  it('parses offsets and fractions like Date.parse does', () => {
    for (const s of ['2025-09-01T08:30:00+08:00', '2025-09-01T00:30:00.250Z', '2025-09-01T10:30:00-05:30']) {
      expect(instantMs(s)).toBe(Date.parse(s));
    }
  });

  it('refuses instants without an offset (never guesses a zone)', () => {
    expect(Number.isNaN(tryInstantMs('2025-09-01T08:30:00'))).toBe(true);
  });

  it('puts "by day D" at 00:00 the next local day', () => {
    expect(formatShanghaiInstant(endOfDayMs(dayOf('2025-10-08')))).toBe('2025-10-09T00:00:00+08:00');
  });
});
