/** When the term-end report falls due, its revision numbers, and the one compliance rate. */
import { describe, expect, it } from 'vitest';
import { complianceRate, roundedComplianceRate } from '../../../domain/compliance-rate.js';
import { reportRevisionNumber, reportScopes, sourceRevision, termReportDue, termReportDueAt } from '../../../domain/reports/index.js';
import { AFTER_2025A, find, klass, run, tenant } from '../compliance/fixtures.js';

describe('the term-end report falls due', () => {
  it('at the end of the day one week after the term’s last day, Beijing time', () => {
    // Term ends Friday 16 January 2026; one week after is the 23rd, which ends at 24 January 00:00 +08:00.
    const term = { start: '2025-09-01', end: '2026-01-16' };
    expect(new Date(termReportDueAt(term, undefined)).toISOString()).toBe('2026-01-23T16:00:00.000Z');
    expect(termReportDue(term, undefined, new Date('2026-01-23T15:59:59.999Z'))).toBe(false);
    expect(termReportDue(term, undefined, new Date('2026-01-23T16:00:00.000Z'))).toBe(true);
  });

  it('follows the tenant’s CT-SUPERVISION-SHEET daysAfterEnd, the override in force on the term’s first day', () => {
    const term = { start: '2025-09-01', end: '2026-01-16' };
    // 10 days after Friday 16 January is Monday 26 January, which ends at 27 January 00:00 +08:00 = 26 January 16:00 Z.
    const tenDays = [{ ruleId: 'CT-SUPERVISION-SHEET', param: 'daysAfterEnd', value: 10, effectiveFrom: '2025-08-01' }];
    expect(new Date(termReportDueAt(term, tenDays)).toISOString()).toBe('2026-01-26T16:00:00.000Z');
    expect(termReportDue(term, tenDays, new Date('2026-01-23T16:00:00.000Z'))).toBe(false);
    // An override effective only after the term began does not move this term's report (the rule reads it on the first day).
    const late = [...tenDays, { ruleId: 'CT-SUPERVISION-SHEET', param: 'daysAfterEnd', value: 3, effectiveFrom: '2025-10-01' }];
    expect(new Date(termReportDueAt(term, late)).toISOString()).toBe('2026-01-26T16:00:00.000Z');
    // Other rules' "one week" (the meetings' reportDaysAfterEnd) is not the report's setting.
    expect(termReportDueAt(term, [{ ruleId: 'CT-MEETING-NEW', param: 'reportDaysAfterEnd', value: 20, effectiveFrom: '2025-08-01' }])).toBe(Date.parse('2026-01-23T16:00:00.000Z'));
  });

  it('at the same instant as the 督学统计表 deadline the engine judges, for a tenant that moved it', () => {
    // Term 2025A of the compliance fixtures ends Sunday 18 January 2026; 12 days after is Friday 30 January,
    // which ends at 31 January 00:00 +08:00 = 30 January 16:00 Z.
    const overrides = [{ ruleId: 'CT-SUPERVISION-SHEET', param: 'daysAfterEnd', value: 12, effectiveFrom: '2025-08-01' }];
    const finding = find(run({ asOf: AFTER_2025A, classes: [klass('c1')], records: [], config: tenant({ overrides }) }), 'CT-SUPERVISION-SHEET', 'c1');
    const due = termReportDueAt({ start: '2025-09-01', end: '2026-01-18' }, overrides);
    expect(new Date(due).toISOString()).toBe('2026-01-30T16:00:00.000Z');
    expect(Date.parse(finding.period.dueBy)).toBe(due);
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
