import { describe, expect, it } from 'vitest';
import {
  dayOf,
  formatDay,
  termDays,
  termFortnights,
  termMonths,
  termQuarters,
  termSpans,
  termWeeks,
  teachingWeekEnd,
} from '../../../domain/calendar/index.js';

const autumn = termDays({ id: '2025A', start: '2025-09-03', end: '2026-01-18', academicYearId: 'y' });
const show = (ws: { key: string; from: number; to: number; clipped: boolean }[]) =>
  ws.map((w) => `${w.key} ${formatDay(w.from)}..${formatDay(w.to)}${w.clipped ? ' clipped' : ''}`);

describe('term windows', () => {
  it('clips the ISO week that straddles the term start (Wednesday start)', () => {
    const weeks = show(termWeeks(autumn));
    expect(weeks[0]).toBe('W2025-36 2025-09-03..2025-09-07 clipped');
    expect(weeks[1]).toBe('W2025-37 2025-09-08..2025-09-14');
    expect(weeks.at(-1)).toBe('W2026-03 2026-01-12..2026-01-18');
    expect(weeks).toContain('W2026-01 2025-12-29..2026-01-04');
  });

  it('counts fortnights from the Monday of teaching week 1', () => {
    const f = show(termFortnights(autumn));
    expect(f[0]).toBe('F01 2025-09-03..2025-09-14 clipped');
    expect(f[1]).toBe('F02 2025-09-15..2025-09-28');
    expect(f.at(-1)).toBe('F10 2026-01-05..2026-01-18');
  });

  it('clips months and quarters', () => {
    expect(show(termMonths(autumn))).toEqual([
      '2025-09 2025-09-03..2025-09-30 clipped',
      '2025-10 2025-10-01..2025-10-31',
      '2025-11 2025-11-01..2025-11-30',
      '2025-12 2025-12-01..2025-12-31',
      '2026-01 2026-01-01..2026-01-18 clipped',
    ]);
    expect(show(termQuarters(autumn))).toEqual([
      '2025-Q3 2025-09-03..2025-09-30 clipped',
      '2025-Q4 2025-10-01..2025-12-31',
      '2026-Q1 2026-01-01..2026-01-18 clipped',
    ]);
  });

  it('ends teaching week 2 on the second Sunday', () => {
    expect(formatDay(teachingWeekEnd(autumn, 2))).toBe('2025-09-14');
  });

  it('gives each term a span up to the next term', () => {
    const spans = termSpans(
      [
        { id: 'b', start: '2026-03-02', end: '2026-07-05', academicYearId: 'y' },
        { id: 'a', start: '2025-09-01', end: '2026-01-18', academicYearId: 'y' },
      ],
      [{ id: 'y', start: '2025-08-01', end: '2026-07-31' }],
    );
    expect(spans.map((s) => s.term.id)).toEqual(['a', 'b']);
    expect(formatDay(spans[0]!.spanEnd)).toBe('2026-03-01');
    expect(spans[1]!.spanEnd).toBe(dayOf('2026-07-31'));
  });
});
