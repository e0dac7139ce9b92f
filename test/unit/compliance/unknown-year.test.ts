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
 *
 * Deadlines N working days after a day, counted from the next day (any 2027 day may be a
 * working day, a make-up day even on a weekend, so without 2027 each counts as one at most):
 * - CT-ACTIVITY-REPORT, 3 after Wed 12/30: 12/31 is the first; without 2027 the deadline is
 *   not before Sat 1/2 (1/1 and 1/2 both working); with the tenant's 2027 it is Tue 1/5
 *   (1/4, 1/5). After Thu 12/24 it is Tue 12/29 (12/25, 12/28, 12/29), in 2026 alone.
 * - CT-COMMITTEE, 10 after enrolment on Fri 12/18: 12/21–12/25 and 12/28–12/31 are nine, so
 *   the deadline is not before Fri 1/1 without 2027, and is Mon 1/4 with it. After Mon 12/14:
 *   12/15–12/18, 12/21–12/25 and 12/28 make ten: Mon 12/28, in 2026 alone.
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

const run2026A = (config: TenantConfig, asOf: string, records: readonly EngineRecord[], classes = [c1]) =>
  run({ asOf, termId: '2026A', classes, config, records });
/** One rule's finding for one window of 2026A, for c1 and its counselor co-c1. */
const windowFinding = (ruleId: string, subjectId: string) => (config: TenantConfig, asOf: string, records: readonly EngineRecord[], window: string) =>
  find(run2026A(config, asOf, records), ruleId, subjectId, `2026A/${window}`);
const classCheck = windowFinding('CO-CLASS-CHECK', 'c1');
const dorm = windowFinding('CO-DORM', 'c1');
const lecture = windowFinding('CO-LECTURE', 'co-c1');

/** A c1 activity ending on `endedOn`, written up, approved and published on `doneOn` (no report without it). */
const activity = (endedOn: string, doneOn?: string) =>
  rec('class-activity', endedOn, 'ct-c1', { classId: 'c1', ...(doneOn ? { report: { writtenOn: doneOn, approvedOn: doneOn, publishedOn: doneOn } } : {}) });
const activityReport = (config: TenantConfig, asOf: string, a: EngineRecord) => find(run2026A(config, asOf, [a]), 'CT-ACTIVITY-REPORT', 'c1', `activity:${a.id}`);
/** CT-COMMITTEE for n1, new in 2026A and enrolled on `enrolledOn`, given the election records. */
const committee = (config: TenantConfig, asOf: string, enrolledOn: string, records: readonly EngineRecord[]) =>
  find(run2026A(config, asOf, records, [klass('n1', { firstTermId: '2026A', enrolledOn })]), 'CT-COMMITTEE', 'n1', '2026A');
const elect = (day: string) => rec('committee-election', day, 'ct-n1', { classId: 'n1' });
const NOT_BEFORE_1_2 = `deadline not before 2027-01-02: ${NO_2027_REASON}`;
const NOT_BEFORE_1_1 = `deadline not before 2027-01-01: ${NO_2027_REASON}`;
const THU_31ST = '2026-12-31T09:00:00+08:00';
const SAT_2ND = '2027-01-02T09:00:00+08:00';

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

  it("CT-ACTIVITY-REPORT: an activity ending 12/30 reported, approved and published by 12/31 is met without next year's calendar", () => {
    const a = activity('2026-12-30', '2026-12-31');
    expect(activityReport(NO_2027, AFTER_TERM, a)).toMatchObject({
      status: 'met',
      actual: 1,
      evidenceIds: [a.id],
      period: { from: '2026-12-30', to: '2027-01-02', dueBy: '2027-01-03T00:00:00+08:00' },
      reason: NOT_BEFORE_1_2,
    });
  });

  it('CT-ACTIVITY-REPORT: published on 1/2, the earliest the deadline can be, is met; on 1/5 it is blocked naming 2027', () => {
    expect(activityReport(NO_2027, AFTER_TERM, activity('2026-12-30', '2027-01-02')).status).toBe('met');
    expect(activityReport(NO_2027, AFTER_TERM, activity('2026-12-30', '2027-01-05'))).toMatchObject({
      status: 'blocked',
      actual: 0,
      reason: `written report missing or after the deadline; ${NOT_BEFORE_1_2}`,
    });
  });

  it('CT-ACTIVITY-REPORT: an activity ending 12/30 with no report is blocked once 1/2 has passed, naming 2027', () => {
    expect(activityReport(NO_2027, AFTER_TERM, activity('2026-12-30'))).toMatchObject({
      status: 'blocked',
      reason: `written report missing or after the deadline; ${NOT_BEFORE_1_2}`,
    });
  });

  it('CT-ACTIVITY-REPORT: no report yet on Thu 12/31 is pending with 3 working days left (12/31 and the first two of 2027); on Sat 1/2 they are unknown', () => {
    expect(activityReport(NO_2027, THU_31ST, activity('2026-12-30'))).toMatchObject({
      status: 'pending',
      remaining: 1,
      workingDaysLeft: 3,
      reason: `written report missing or after the deadline; ${NOT_BEFORE_1_2}`,
    });
    expect(activityReport(NO_2027, SAT_2ND, activity('2026-12-30'))).toMatchObject({
      status: 'pending',
      workingDaysLeft: null,
      reason: `written report missing or after the deadline; ${NOT_BEFORE_1_2}; ${UNKNOWN_LEFT}`,
    });
  });

  it('CT-ACTIVITY-REPORT: an activity ending Thu 12/24 is due Tue 12/29, in 2026 alone: published 12/30 is missed', () => {
    const f = activityReport(NO_2027, AFTER_TERM, activity('2026-12-24', '2026-12-30'));
    expect(f).toMatchObject({ status: 'missed', period: { to: '2026-12-29' }, reason: 'written report missing or after the deadline' });
  });

  it("CT-COMMITTEE: a class enrolled Fri 12/18 that elects its committee on 12/31 is met without next year's calendar", () => {
    expect(committee(NO_2027, AFTER_TERM, '2026-12-18', [elect('2026-12-31')])).toMatchObject({
      status: 'met',
      period: { to: '2027-01-01', dueBy: '2027-01-02T00:00:00+08:00' },
      reason: NOT_BEFORE_1_1,
    });
  });

  it('CT-COMMITTEE: enrolled 12/18, no election, or one on 1/4 in the unknown days, is blocked naming 2027', () => {
    expect(committee(NO_2027, AFTER_TERM, '2026-12-18', [])).toMatchObject({ status: 'blocked', actual: 0, reason: NOT_BEFORE_1_1 });
    expect(committee(NO_2027, AFTER_TERM, '2026-12-18', [elect('2027-01-04')])).toMatchObject({ status: 'blocked', reason: NOT_BEFORE_1_1 });
  });

  it('CT-COMMITTEE: enrolled 12/18, open on Tue 12/29: pending with 4 working days left (12/29–12/31 and one of 2027)', () => {
    expect(committee(NO_2027, TUESDAY_29TH, '2026-12-18', [])).toMatchObject({ status: 'pending', workingDaysLeft: 4, reason: NOT_BEFORE_1_1 });
  });

  it('CT-COMMITTEE: enrolled Mon 12/14, due Mon 12/28 in 2026 alone: an election on 12/29 is missed', () => {
    const f = committee(NO_2027, AFTER_TERM, '2026-12-14', [elect('2026-12-29')]);
    expect(f).toMatchObject({ status: 'missed', period: { to: '2026-12-28' } });
    expect(f.reason).toBeUndefined();
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

  it('CT-ACTIVITY-REPORT: an activity ending 12/30 is due Tue 1/5: reported 12/31 or 1/5 is met, 1/6 or never is missed', () => {
    const f = activityReport(WITH_2027, AFTER_TERM, activity('2026-12-30', '2026-12-31'));
    expect(f).toMatchObject({ status: 'met', period: { to: '2027-01-05', dueBy: '2027-01-06T00:00:00+08:00' } });
    expect(f.reason).toBeUndefined();
    expect(activityReport(WITH_2027, AFTER_TERM, activity('2026-12-30', '2027-01-05')).status).toBe('met');
    expect(activityReport(WITH_2027, AFTER_TERM, activity('2026-12-30', '2027-01-06')).status).toBe('missed');
    expect(activityReport(WITH_2027, AFTER_TERM, activity('2026-12-30'))).toMatchObject({ status: 'missed', reason: 'written report missing or after the deadline' });
  });

  it('CT-ACTIVITY-REPORT: no report yet: 3 working days left on Thu 12/31 (12/31, 1/4, 1/5), 2 on Sat 1/2', () => {
    expect(activityReport(WITH_2027, THU_31ST, activity('2026-12-30'))).toMatchObject({ status: 'pending', workingDaysLeft: 3, reason: 'written report missing or after the deadline' });
    expect(activityReport(WITH_2027, SAT_2ND, activity('2026-12-30'))).toMatchObject({ status: 'pending', workingDaysLeft: 2 });
  });

  it('CT-COMMITTEE: enrolled 12/18, due Mon 1/4: elected 12/31 or 1/4 is met, 1/5 or never is missed; 4 working days left on 12/29', () => {
    const f = committee(WITH_2027, AFTER_TERM, '2026-12-18', [elect('2026-12-31')]);
    expect(f).toMatchObject({ status: 'met', period: { to: '2027-01-04' } });
    expect(f.reason).toBeUndefined();
    expect(committee(WITH_2027, AFTER_TERM, '2026-12-18', [elect('2027-01-04')]).status).toBe('met');
    expect(committee(WITH_2027, AFTER_TERM, '2026-12-18', [elect('2027-01-05')]).status).toBe('missed');
    expect(committee(WITH_2027, AFTER_TERM, '2026-12-18', []).status).toBe('missed');
    expect(committee(WITH_2027, TUESDAY_29TH, '2026-12-18', [])).toMatchObject({ status: 'pending', workingDaysLeft: 4 });
  });
});
