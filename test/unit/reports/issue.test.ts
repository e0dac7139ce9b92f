/** When the term-end report falls due, its revision numbers, and the one compliance rate. */
import { describe, expect, it } from 'vitest';
import { complianceRate, roundedComplianceRate } from '../../../domain/compliance-rate.js';
import { reportRevisionNumber, reportScopes, sourceRevision, termReportDue, termReportDueAt } from '../../../domain/reports/index.js';

describe('the term-end report falls due', () => {
  it('at the end of the day one week after the term’s last day, Beijing time', () => {
    // Term ends Friday 16 January 2026; one week after is the 23rd, which ends at 24 January 00:00 +08:00.
    expect(new Date(termReportDueAt('2026-01-16')).toISOString()).toBe('2026-01-23T16:00:00.000Z');
    expect(termReportDue('2026-01-16', new Date('2026-01-23T15:59:59.999Z'))).toBe(false);
    expect(termReportDue('2026-01-16', new Date('2026-01-23T16:00:00.000Z'))).toBe(true);
  });
});

describe('report revisions', () => {
  it('are numbered by the findings revisions reported before', () => {
    expect(reportRevisionNumber([], '2026-01-24T16:00:00.000Z')).toBe(1);
    const reported = ['2026-01-24T16:00:00.000Z', '2026-01-24T16:00:00.000Z', '2026-02-01T16:00:00.000Z'];
    expect(reportRevisionNumber(reported, '2026-01-24T16:00:00.000Z')).toBe(1);
    expect(reportRevisionNumber(reported, '2026-02-01T16:00:00.000Z')).toBe(2);
    expect(reportRevisionNumber(reported, '2026-03-01T16:00:00.000Z')).toBe(3);
  });

  it('are built from the latest as-of among the findings, and cover the tenant then each unit by id', () => {
    expect(sourceRevision([{ asOf: '2026-01-24T16:00:00.000Z' }, { asOf: '2026-02-01T16:00:00.000Z' }])).toBe('2026-02-01T16:00:00.000Z');
    expect(sourceRevision([])).toBeUndefined();
    expect(reportScopes(['u2', 'u10', 'u1'])).toEqual([{ kind: 'tenant' }, { kind: 'unit', unitId: 'u1' }, { kind: 'unit', unitId: 'u10' }, { kind: 'unit', unitId: 'u2' }]);
  });
});

describe('the compliance rate', () => {
  it('is met ÷ (met + missed), null with nothing decided; the API rounds it to 4 decimals', () => {
    expect(complianceRate(2, 1)).toBe(2 / 3);
    expect(roundedComplianceRate(2, 1)).toBe(0.6667);
    expect(complianceRate(0, 0)).toBeNull();
    expect(roundedComplianceRate(0, 0)).toBeNull();
    expect(roundedComplianceRate(0, 4)).toBe(0);
  });
});
