/** Which open periods a run keeps for the term-end report, and how a report revision puts them beside the closed ones. */
import { describe, expect, it } from 'vitest';
import { reportedFindings } from '../../../domain/reports/index.js';
import { keepsOpenFindings } from '../../../domain/runs/index.js';
import type { TenantConfiguration } from '../../../domain/configuration.js';

const configuration = {
  academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }],
  terms: [{ id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' }],
} satisfies TenantConfiguration;

describe('a run keeps the findings of periods still open', () => {
  it('only once the term’s last day has ended in Beijing, when a term-end report can be built from it', () => {
    // The term's last day, Friday 16 January, ends at 17 January 00:00 +08:00 = 16 January 16:00 Z.
    expect(keepsOpenFindings(configuration, '2025-autumn', new Date('2026-01-16T15:59:59.999Z'))).toBe(false);
    expect(keepsOpenFindings(configuration, '2025-autumn', new Date('2026-01-16T16:00:00.000Z'))).toBe(true);
    expect(keepsOpenFindings(configuration, '2025-autumn', new Date('2026-01-24T16:00:00.000Z'))).toBe(true);
  });

  it('never for a term the configuration does not hold', () => {
    expect(keepsOpenFindings(configuration, '2026-spring', new Date('2026-09-01T00:00:00Z'))).toBe(false);
  });
});

describe('a report revision shows', () => {
  const closed = [
    { key: 'CT-PLAN-MONTH#staff:t1#month:2025-12', status: 'met' },
    { key: 'CT-PLAN-MONTH#staff:t1#month:2026-01', status: 'missed' },
  ];
  const open = [
    { key: 'CT-PLAN-MONTH#staff:t1#month:2026-01', status: 'pending' },
    { key: 'CO-PARENT-CONTACT#class:c1#year:2025-2026', status: 'pending' },
  ];

  it('the open periods beside the closed ones, one row per finding key, sorted by key', () => {
    expect(reportedFindings(closed, open).map((f) => f.key)).toEqual([
      'CO-PARENT-CONTACT#class:c1#year:2025-2026',
      'CT-PLAN-MONTH#staff:t1#month:2025-12',
      'CT-PLAN-MONTH#staff:t1#month:2026-01',
    ]);
  });

  it('a period that has a closed finding as it was evaluated at its close, never its open finding', () => {
    expect(reportedFindings(closed, open).find((f) => f.key === 'CT-PLAN-MONTH#staff:t1#month:2026-01')?.status).toBe('missed');
  });

  it('only the closed ones when nothing was open', () => {
    expect(reportedFindings(closed, [])).toEqual(closed);
  });
});
