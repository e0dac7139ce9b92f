/**
 * An autumn term that runs into January 2027, a year with no built-in holiday calendar.
 * The unknown year may decide a window only where its known working days fall short.
 *
 * Hand-worked figures (2026 from the State Council notice; no holiday in December 2026):
 * - W2026-53 is Mon 12/28 – Sun 1/3; in 2026 it has 12/28–12/31, four working days.
 * - Fortnights count from Mon 9/7: F09 is 12/28 – 1/10 (the same four known days), F10 is
 *   1/11 – 1/17 (cut by the term's end), wholly in 2027.
 * - December 2026 has 23 working days and needs no 2027 day; January 2027 needs only 2027.
 * With the tenant's 2027 below (元旦 1/1–1/3 off, no make-up day): W2026-53 has 4 working
 * days, W2027-01 (1/4–1/8) 5, F09 4 + 5 = 9, F10 (1/11–1/15) 5, January 1/4–1/17 10.
 */
import { describe, expect, it } from 'vitest';
import type { HolidayYear } from '../../../domain/calendar/index.js';
import type { EngineRecord, TenantConfig } from '../../../domain/compliance/index.js';
import { ACADEMIC_YEARS, find, klass, rec, run, tenant, TERMS } from './fixtures.js';

const TERM_2026A = { id: '2026A', start: '2026-09-07', end: '2027-01-17', academicYearId: '2026-2027' };
const TENANT_2027: HolidayYear = {
  year: 2027,
  holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
  makeUpWorkdays: [],
  source: 'tenant configuration (test)',
};

function autumn2026(over: Partial<TenantConfig> = {}): TenantConfig {
  return tenant({
    terms: [...TERMS, TERM_2026A],
    academicYears: [...ACADEMIC_YEARS, { id: '2026-2027', start: '2026-08-01', end: '2027-07-31' }],
    ...over,
  });
}
const NO_2027 = autumn2026();
const WITH_2027 = autumn2026({ holidays: { years: [TENANT_2027] } });

const AFTER_TERM = '2027-01-25T12:00:00+08:00';
const TUESDAY_29TH = '2026-12-29T09:00:00+08:00';
const NO_2027_REASON = 'no holiday calendar loaded for 2027';
const UNKNOWN_LEFT = `working days left unknown: ${NO_2027_REASON}`;

const c1 = klass('c1'); // counselor co-c1
const check = (day: string) => rec('class-check', day, 'co-c1', { classId: 'c1' });
const inspect = (day: string) => rec('dorm-inspection', day, 'co-c1', { classId: 'c1' });
const observe = (day: string) => rec('lecture-observation', day, 'co-c1');

/** One rule's finding for one window of 2026A, for c1 and its counselor co-c1. */
const windowFinding = (ruleId: string, subjectId: string) => (config: TenantConfig, asOf: string, records: readonly EngineRecord[], window: string) =>
  find(run({ asOf, termId: '2026A', classes: [c1], config, records }), ruleId, subjectId, `2026A/${window}`);
const classCheck = windowFinding('CO-CLASS-CHECK', 'c1');
const dorm = windowFinding('CO-DORM', 'c1');
const lecture = windowFinding('CO-LECTURE', 'co-c1');

describe('without a 2027 calendar', () => {
  it('CO-CLASS-CHECK: a check on Tuesday 29 December meets the week 12/28–1/3', () => {
    const f = classCheck(NO_2027, AFTER_TERM, [check('2026-12-29')], 'W2026-53');
    expect(f).toMatchObject({ status: 'met', required: 1, actual: 1, period: { from: '2026-12-28', to: '2027-01-03' } });
    expect(f.reason).toBeUndefined();
  });

  it('CO-CLASS-CHECK: the week closed with no check is missed (four known working days)', () => {
    expect(classCheck(NO_2027, AFTER_TERM, [], 'W2026-53')).toMatchObject({ status: 'missed', actual: 0 });
  });

  it('CO-CLASS-CHECK: weeks wholly in 2027 know no working day and stay blocked, naming 2027, even with a check', () => {
    expect(classCheck(NO_2027, AFTER_TERM, [check('2027-01-05')], 'W2027-01')).toMatchObject({ status: 'blocked', actual: 1, reason: NO_2027_REASON });
    expect(classCheck(NO_2027, AFTER_TERM, [], 'W2027-02')).toMatchObject({ status: 'blocked', reason: NO_2027_REASON });
  });

  it('CO-CLASS-CHECK: with five working days required per window, 12/28–1/3 (four known) is blocked; 12/21–12/27 (five) is missed', () => {
    const strict = autumn2026({ minWorkingDaysPerWindow: 5 });
    expect(classCheck(strict, AFTER_TERM, [check('2026-12-29')], 'W2026-53')).toMatchObject({ status: 'blocked', reason: NO_2027_REASON });
    expect(classCheck(strict, AFTER_TERM, [], 'W2026-52').status).toBe('missed');
  });

  it('CO-CLASS-CHECK: open on Tuesday 29 December: pending, working days left unknown because they run into 2027', () => {
    expect(classCheck(NO_2027, TUESDAY_29TH, [], 'W2026-53')).toMatchObject({ status: 'pending', remaining: 1, workingDaysLeft: null, reason: UNKNOWN_LEFT });
  });

  it('CO-CLASS-CHECK: a week wholly in 2026 counts its days left as before (Tue 12/22 → 12/22–12/25: 4)', () => {
    const f = classCheck(NO_2027, '2026-12-22T09:00:00+08:00', [], 'W2026-52');
    expect(f).toMatchObject({ status: 'pending', workingDaysLeft: 4 });
    expect(f.reason).toBeUndefined();
  });

  it('CO-DORM: an inspection on 12/30, or on 1/5 in the unknown year, meets the fortnight 12/28–1/10', () => {
    expect(dorm(NO_2027, AFTER_TERM, [inspect('2026-12-30')], 'F09')).toMatchObject({ status: 'met', period: { from: '2026-12-28', to: '2027-01-10' } });
    expect(dorm(NO_2027, AFTER_TERM, [inspect('2027-01-05')], 'F09').status).toBe('met');
  });

  it('CO-DORM: 12/28–1/10 closed with no inspection is missed; 1/11–1/17, wholly in 2027, is blocked naming 2027', () => {
    expect(dorm(NO_2027, AFTER_TERM, [], 'F09')).toMatchObject({ status: 'missed', actual: 0 });
    expect(dorm(NO_2027, AFTER_TERM, [], 'F10')).toMatchObject({ status: 'blocked', reason: NO_2027_REASON, period: { from: '2027-01-11', to: '2027-01-17' } });
  });

  it('CO-DORM: with five working days required per window, 12/28–1/10 (four known) is blocked', () => {
    const strict = autumn2026({ minWorkingDaysPerWindow: 5 });
    expect(dorm(strict, AFTER_TERM, [inspect('2026-12-30')], 'F09')).toMatchObject({ status: 'blocked', reason: NO_2027_REASON });
  });

  it('CO-DORM: open on Tuesday 29 December: pending with working days left unknown', () => {
    expect(dorm(NO_2027, TUESDAY_29TH, [], 'F09')).toMatchObject({ status: 'pending', workingDaysLeft: null, reason: UNKNOWN_LEFT });
  });

  it('CO-LECTURE: December needs no 2027 day: missed, met, and pending with 3 days left (12/29–12/31)', () => {
    expect(lecture(NO_2027, AFTER_TERM, [], '2026-12').status).toBe('missed');
    expect(lecture(NO_2027, AFTER_TERM, [observe('2026-12-29')], '2026-12').status).toBe('met');
    const open = lecture(NO_2027, TUESDAY_29TH, [], '2026-12');
    expect(open).toMatchObject({ status: 'pending', workingDaysLeft: 3 });
    expect(open.reason).toBeUndefined();
  });

  it('CO-LECTURE: January 2027 lies wholly in the unknown year: blocked naming 2027, even with an observation', () => {
    expect(lecture(NO_2027, AFTER_TERM, [observe('2027-01-05')], '2027-01')).toMatchObject({ status: 'blocked', reason: NO_2027_REASON });
  });
});

describe('once the tenant adds 2027 (元旦 1/1–1/3 off)', () => {
  it('CO-CLASS-CHECK: the week 12/28–1/3 is met with the 12/29 check and missed without; 1/4–1/8 and 1/11–1/15 count too', () => {
    expect(classCheck(WITH_2027, AFTER_TERM, [check('2026-12-29')], 'W2026-53').status).toBe('met');
    expect(classCheck(WITH_2027, AFTER_TERM, [], 'W2026-53').status).toBe('missed');
    expect(classCheck(WITH_2027, AFTER_TERM, [check('2027-01-05')], 'W2027-01').status).toBe('met');
    expect(classCheck(WITH_2027, AFTER_TERM, [], 'W2027-02').status).toBe('missed');
  });

  it('CO-CLASS-CHECK: open on Tuesday 29 December: 3 working days left (12/29–12/31; 1/1 is 元旦, then the weekend)', () => {
    const f = classCheck(WITH_2027, TUESDAY_29TH, [], 'W2026-53');
    expect(f).toMatchObject({ status: 'pending', remaining: 1, workingDaysLeft: 3 });
    expect(f.reason).toBeUndefined();
  });

  it('CO-CLASS-CHECK: with five working days required, 12/28–1/3 has four (not applicable) and 1/4–1/10 five (missed)', () => {
    const strict = autumn2026({ minWorkingDaysPerWindow: 5, holidays: { years: [TENANT_2027] } });
    expect(classCheck(strict, AFTER_TERM, [check('2026-12-29')], 'W2026-53')).toMatchObject({
      status: 'not-applicable',
      reason: '4 working day(s) in 2026-12-28..2027-01-03',
    });
    expect(classCheck(strict, AFTER_TERM, [], 'W2027-01').status).toBe('missed');
  });

  it('CO-DORM: 12/28–1/10 (nine working days) is met or missed; 1/11–1/17 is missed without an inspection', () => {
    const strict = autumn2026({ minWorkingDaysPerWindow: 5, holidays: { years: [TENANT_2027] } });
    expect(dorm(strict, AFTER_TERM, [inspect('2026-12-30')], 'F09').status).toBe('met');
    expect(dorm(WITH_2027, AFTER_TERM, [], 'F09').status).toBe('missed');
    expect(dorm(WITH_2027, AFTER_TERM, [], 'F10').status).toBe('missed');
  });

  it('CO-DORM: open on Tuesday 29 December: 8 working days left (12/29–12/31 and 1/4–1/8)', () => {
    expect(dorm(WITH_2027, TUESDAY_29TH, [], 'F09')).toMatchObject({ status: 'pending', workingDaysLeft: 8 });
  });

  it('CO-LECTURE: January 2027 is missed without an observation; open on 1/5 it has 9 working days left (1/5–1/8, 1/11–1/15)', () => {
    expect(lecture(WITH_2027, AFTER_TERM, [], '2027-01').status).toBe('missed');
    expect(lecture(WITH_2027, '2027-01-05T09:00:00+08:00', [], '2027-01')).toMatchObject({ status: 'pending', workingDaysLeft: 9 });
  });
});
