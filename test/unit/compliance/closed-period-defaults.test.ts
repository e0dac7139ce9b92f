/**
 * Defaults that closed periods make visible (rule set 1.3.0): a month or quarter the term
 * cuts to a few days, and the months a class teacher's monthly reports are owed for.
 *
 * The spring term here runs Monday 2 March to Friday 3 July 2026; the next term starts
 * Monday 7 September, so the spring term's span runs to Sunday 6 September. Figures from
 * the 2026 calendar (domain/calendar/holidays.ts): 1 July 2026 is a Wednesday (1 January
 * was a Thursday, and 181 days later is 25 weeks and 6 days), so 1–3 July are Wednesday to
 * Friday, three working days with no holiday (端午 is 19–21 June). Quarter Q3 is July to
 * September, 31 + 31 + 30 = 92 days; the default share 1/4 asks for 23 of them. Q1 is
 * 31 + 28 + 31 = 90 days, of which the term holds 2–31 March, 30 (1/3).
 */
import { describe, expect, it } from 'vitest';
import { RULE_SET_VERSION, type AtRiskStatus, type TenantConfig } from '../../../domain/compliance/index.js';
import { configurationBody } from '../../../functions/http/schemas/configuration.js';
import { all, find, klass, rec, run } from './fixtures.js';

const ACADEMIC_YEARS = [
  { id: '2025-2026', start: '2025-08-01', end: '2026-07-31' },
  { id: '2026-2027', start: '2026-08-01', end: '2027-07-31' },
];

function springEnding(end: string, over: Partial<TenantConfig> = {}): TenantConfig {
  return {
    tenantId: 'hq',
    terms: [
      { id: '2026S', start: '2026-03-02', end, academicYearId: '2025-2026' },
      { id: '2026A', start: '2026-09-07', end: '2027-01-15', academicYearId: '2026-2027' },
    ],
    academicYears: ACADEMIC_YEARS,
    ...over,
  };
}

/** After every period of the spring term closed, August included. */
const AFTER_SUMMER = '2026-09-10T12:00:00+08:00';
/** A returning class (first term 2025S is not configured here, so it entered before every configured term). */
const c1 = klass('c1', { firstTermId: '2025A', enteredBeforeConfiguredTerms: true });
const warned: AtRiskStatus = { id: 'w1', studentId: 'c1-s05', classId: 'c1', kind: 'academic-warning', documentOn: '2026-03-05' };
const talk = (day: string) => rec('talk', day, 'co-c1', { classId: 'c1', studentIds: ['c1-s05'] });

describe('closed-period defaults (rule set 1.3.0)', () => {
  it('the rule set is 1.3.1 (1.3.0’s defaults, and CT-SUPERVISION-SHEET naming empty cells)', () => {
    expect(RULE_SET_VERSION).toBe('xuewu-compliance/1.3.1');
  });

  it('CO-TALK-ATRISK: a quarter cut to 1–3 July by a term ending 3 July asks for no talk (3 of Q3\'s 92 days, under 1/4)', () => {
    const ev = run({ asOf: AFTER_SUMMER, termId: '2026S', config: springEnding('2026-07-03'), classes: [c1], atRisk: [warned], records: [talk('2026-03-20'), talk('2026-05-12')] });
    // Q1 cut to 2–31 March holds 30 of 90 days (1/3 ≥ 1/4): it applies and the talk of 20 March meets it.
    expect(find(ev, 'CO-TALK-ATRISK', 'c1', '2026S/2026-Q1')).toMatchObject({ status: 'met', required: 1, actual: 1, period: { from: '2026-03-02', to: '2026-03-31' } });
    expect(find(ev, 'CO-TALK-ATRISK', 'c1', '2026S/2026-Q2')).toMatchObject({ status: 'met', required: 1, actual: 1 });
    const q3 = find(ev, 'CO-TALK-ATRISK', 'c1', '2026S/2026-Q3');
    expect(q3).toMatchObject({ status: 'not-applicable', period: { from: '2026-07-01', to: '2026-07-03' }, ruleSetVersion: 'xuewu-compliance/1.3.1' });
    expect(q3.reason).toBe("the term holds 3 of the quarter's 92 days (2026-07-01..2026-07-03), less than the minimum share 0.25");
  });

  it('CO-TALK-ATRISK: the same cut quarter applies again where the tenant sets minWindowShare 0 (three working days, minWorkingDaysPerWindow 1)', () => {
    const ev = run({ asOf: AFTER_SUMMER, termId: '2026S', config: springEnding('2026-07-03', { minWindowShare: 0 }), classes: [c1], atRisk: [warned], records: [talk('2026-03-20'), talk('2026-05-12')] });
    expect(find(ev, 'CO-TALK-ATRISK', 'c1', '2026S/2026-Q3')).toMatchObject({ status: 'missed', required: 1, actual: 0, missingIds: ['c1-s05'] });
  });

  it('CO-TALK-ATRISK: 1/4 of Q3 is 23 days: a term ending 23 July owes the quarter its talk, one ending 22 July does not', () => {
    const owes = run({ asOf: AFTER_SUMMER, termId: '2026S', config: springEnding('2026-07-23'), classes: [c1], atRisk: [warned] });
    expect(find(owes, 'CO-TALK-ATRISK', 'c1', '2026S/2026-Q3')).toMatchObject({ status: 'missed', required: 1, missingIds: ['c1-s05'] });
    const excused = run({ asOf: AFTER_SUMMER, termId: '2026S', config: springEnding('2026-07-22'), classes: [c1], atRisk: [warned] });
    expect(find(excused, 'CO-TALK-ATRISK', 'c1', '2026S/2026-Q3').status).toBe('not-applicable');
  });

  it('CO-LECTURE: July cut to 1–3 July (3 of 31 days) owes no lecture observation; June, whole, still does', () => {
    const ev = run({ asOf: AFTER_SUMMER, termId: '2026S', config: springEnding('2026-07-03'), classes: [c1] });
    expect(find(ev, 'CO-LECTURE', 'co-c1', '2026S/2026-07')).toMatchObject({ status: 'not-applicable', reason: "the term holds 3 of the month's 31 days (2026-07-01..2026-07-03), less than the minimum share 0.25" });
    expect(find(ev, 'CO-LECTURE', 'co-c1', '2026S/2026-06')).toMatchObject({ status: 'missed', required: 1, actual: 0 });
  });

  it('CO-CLASS-CHECK: weeks keep the working-day minimum: the week cut to Monday 29 June – Friday 3 July (5 working days) still owes a check', () => {
    const ev = run({ asOf: AFTER_SUMMER, termId: '2026S', config: springEnding('2026-07-03'), classes: [c1] });
    expect(find(ev, 'CO-CLASS-CHECK', 'c1', '2026S/W2026-27')).toMatchObject({ status: 'missed', required: 1, period: { from: '2026-06-29', to: '2026-07-03' } });
  });

  it('CT-PLAN-MONTH: a spring term ending 3 July asks for no July or August monthly report', () => {
    const reports = ['2026-03-31', '2026-04-30', '2026-05-29', '2026-06-30'].map((day) => rec('monthly-report', day, 'ct-c1'));
    const ev = run({ asOf: AFTER_SUMMER, termId: '2026S', config: springEnding('2026-07-03'), classes: [c1], records: reports });
    // Before 1.3.0: every month ending by 6 September (the day before the next term), March to August, six reports.
    const months = all(ev, 'CT-PLAN-MONTH', 'ct-c1');
    expect(months.map((f) => [f.period.key, f.status])).toEqual([
      ['month:2026-03', 'met'],
      ['month:2026-04', 'met'],
      ['month:2026-05', 'met'],
      ['month:2026-06', 'met'],
      ['month:2026-07', 'not-applicable'],
    ]);
    // The month is the whole month (the report is about it), not the term's cut of it.
    expect(months[4]).toMatchObject({ period: { from: '2026-07-01', to: '2026-07-31' }, reason: "the term holds 3 of the month's 31 days (2026-07-01..2026-07-03), less than the minimum share 0.25" });
  });

  it('CT-PLAN-MONTH: a term starting 2 March owes March (30 of 31 days); with minWindowShare 0 July is owed, August never (a vacation month)', () => {
    const ev = run({ asOf: AFTER_SUMMER, termId: '2026S', config: springEnding('2026-07-03', { minWindowShare: 0 }), classes: [c1] });
    expect(all(ev, 'CT-PLAN-MONTH', 'ct-c1').map((f) => [f.period.key, f.status])).toEqual([
      ['month:2026-03', 'missed'],
      ['month:2026-04', 'missed'],
      ['month:2026-05', 'missed'],
      ['month:2026-06', 'missed'],
      ['month:2026-07', 'missed'],
    ]);
  });

  it('minWindowShare is a tenant setting from 0 to 1 with at most 4 decimals', () => {
    const base = { academicYears: ACADEMIC_YEARS, terms: [{ id: '2026-spring', start: '2026-03-02', end: '2026-07-03', academicYearId: '2025-2026' }] };
    expect(configurationBody.safeParse({ ...base, minWindowShare: 0.25 }).success).toBe(true);
    expect(configurationBody.safeParse({ ...base, minWindowShare: 0 }).success).toBe(true);
    expect(configurationBody.safeParse({ ...base, minWindowShare: 1.5 }).success).toBe(false);
    expect(configurationBody.safeParse({ ...base, minWindowShare: 0.12345 }).success).toBe(false);
  });
});
