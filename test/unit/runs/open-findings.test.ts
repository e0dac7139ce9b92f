/**
 * A unit evaluation keeps, beside the findings of the periods that closed in its window,
 * those of the term's periods still open at its instant, once the term has ended.
 *
 * One class of the 2025 autumn term (1 September – Friday 16 January), class teacher t1,
 * nothing handed in. CT-PLAN-MONTH owes t1 a monthly report for each month of the term,
 * January included (16 of its 31 days, more than a quarter), due at the end of the month.
 */
import { describe, expect, it } from 'vitest';
import type { TenantConfiguration } from '../../../domain/configuration.js';
import type { SchoolClass } from '../../../domain/organisation.js';
import { evaluateUnitTerm, type UnitEvaluationRequest } from '../../../domain/runs/index.js';

const configuration: TenantConfiguration = {
  academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }],
  terms: [{ id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' }],
};
const schoolClass: SchoolClass = { tenantId: 't', classId: 'c1', unitId: 'u1', name: '会计1班', cohort: 'new', entryTerm: '2025-autumn', classTeacherId: 't1', version: 1 };

const request = (upTo: string, after?: string): UnitEvaluationRequest => ({
  tenantId: 't',
  unitId: 'u1',
  termId: '2025-autumn',
  runId: 'run',
  configuration,
  configurationRevision: 1,
  classes: [{ schoolClass, students: [], records: [], courseTeachers: [], staffChanges: [] }],
  ownRecords: [],
  window: { upTo: new Date(upTo), ...(after !== undefined ? { after: new Date(after) } : {}) },
});

const monthlyOf = (findings: readonly { ruleId: string; period: { key: string }; status: string }[]) =>
  findings.filter((f) => f.ruleId === 'CT-PLAN-MONTH').map((f) => [f.period.key, f.status]);

describe('a unit evaluation after the term has ended', () => {
  it('keeps January’s monthly report, due after its instant, as open and pending; December’s, closed, as missed', () => {
    // As of 25 January 00:00 Beijing: September to December closed (nothing handed in: missed), January due 1 February 00:00.
    const { closed, open } = evaluateUnitTerm(request('2026-01-24T16:00:00.000Z'));
    expect(monthlyOf(closed)).toEqual([
      ['month:2025-09', 'missed'],
      ['month:2025-10', 'missed'],
      ['month:2025-11', 'missed'],
      ['month:2025-12', 'missed'],
    ]);
    expect(monthlyOf(open)).toEqual([['month:2026-01', 'pending']]);
    const january = open.find((f) => f.ruleId === 'CT-PLAN-MONTH')!;
    expect([january.period.dueBy, january.remaining, january.staffIds, january.asOf]).toEqual(['2026-02-01T00:00:00+08:00', 1, ['t1'], '2026-01-24T16:00:00.000Z']);
  });

  it('keeps every open period whatever the daily window, and no period both closed and open', () => {
    // A daily run's window (the day before to this instant) closes nothing monthly, but January is open all the same.
    const { closed, open } = evaluateUnitTerm(request('2026-01-24T16:00:00.000Z', '2026-01-23T16:00:00.000Z'));
    expect(monthlyOf(closed)).toEqual([]);
    expect(monthlyOf(open)).toEqual([['month:2026-01', 'pending']]);
    const full = evaluateUnitTerm(request('2026-01-24T16:00:00.000Z'));
    const closedKeys = new Set(full.closed.map((f) => f.key));
    expect(full.open.filter((f) => closedKeys.has(f.key))).toEqual([]);
  });
});

describe('a unit evaluation while the term is running', () => {
  it('keeps nothing open: the standing shows the term in force', () => {
    // As of 10 January the term's last day (16 January) has not ended.
    expect(evaluateUnitTerm(request('2026-01-10T04:00:00.000Z')).open).toEqual([]);
  });
});
