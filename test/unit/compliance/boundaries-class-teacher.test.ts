/**
 * Class-teacher rules (seed 000 §2.2, §2.4) at the edges of their windows. Terms from the
 * fixtures: 2025S 2025-02-17..2025-07-06, 2025A 2025-09-01..2026-01-18 (span to 2026-03-01),
 * 2026S 2026-03-02..2026-07-05 (last term: span to the academic year's end, 2026-07-31).
 */
import { describe, expect, it } from 'vitest';
import { all, AFTER_2025A, find, klass, rec, run, tenant } from './fixtures.js';

const c1 = klass('c1'); // returning in 2025A, class teacher ct-c1

describe('CT-PLAN-TERM boundaries (§2.4 #1 "每学期开学前提交")', () => {
  it('CT-PLAN-TERM: the window opens the day after the previous term ends (2025S ends 7/6 → from 7/7)', () => {
    const f = find(run({ asOf: '2025-07-07T09:00:00+08:00', classes: [c1] }), 'CT-PLAN-TERM', 'ct-c1');
    expect(f).toMatchObject({ status: 'pending', period: { from: '2025-07-07', to: '2025-08-31', dueBy: '2025-09-01T00:00:00+08:00' } });
    // On 2025S's last day the 2025A plan period has not opened yet.
    expect(all(run({ asOf: '2025-07-06T12:00:00+08:00', classes: [c1] }), 'CT-PLAN-TERM')).toHaveLength(0);
  });

  it('CT-PLAN-TERM: a first term with no term before opens 60 days ahead (2025-02-17 − 60 = 2024-12-19)', () => {
    const f = find(run({ asOf: '2025-03-01T00:00:00+08:00', termId: '2025S', classes: [c1] }), 'CT-PLAN-TERM', 'ct-c1');
    expect(f).toMatchObject({ status: 'missed', period: { from: '2024-12-19', to: '2025-02-16' } });
  });

  it('CT-PLAN-TERM: three days before start moves the deadline to the end of 8/28, in force from the window’s first day 7/7', () => {
    const config = tenant({ overrides: [{ ruleId: 'CT-PLAN-TERM', param: 'daysBeforeStart', value: 3, effectiveFrom: '2025-07-07' }] });
    const plan = (submittedAt: string) => rec('term-plan', '2025-08-20', 'ct-c1', { covers: '2025A', submittedAt });
    const onTime = find(run({ asOf: AFTER_2025A, classes: [c1], config, records: [plan('2025-08-28T23:59:59+08:00')] }), 'CT-PLAN-TERM', 'ct-c1');
    expect(onTime).toMatchObject({ status: 'met', params: { daysBeforeStart: 3 }, period: { to: '2025-08-28', dueBy: '2025-08-29T00:00:00+08:00' } });
    const late = find(run({ asOf: AFTER_2025A, classes: [c1], config, records: [plan('2025-08-29T00:00:00+08:00')] }), 'CT-PLAN-TERM', 'ct-c1');
    expect(late.status).toBe('missed');
  });

  it('CT-PLAN-TERM: a plan dated in the vacation without `covers` is for the coming term; one dated in 2025S is not', () => {
    const summer = rec('term-plan', '2025-08-20', 'ct-c1');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [summer] }), 'CT-PLAN-TERM', 'ct-c1').status).toBe('met');
    const spring = rec('term-plan', '2025-07-06', 'ct-c1');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [spring] }), 'CT-PLAN-TERM', 'ct-c1').status).toBe('missed');
  });
});

describe('CT-PLAN-MONTH boundaries (§2.4 #2 "每月月底提交")', () => {
  it('CT-PLAN-MONTH: 2025A (9/1–1/18) owes the months 2025-09 to 2026-01, each from its 1st to its last day; vacation February none (rule set 1.3.0)', () => {
    const ev = run({ asOf: '2026-03-05T00:00:00+08:00', classes: [c1] });
    const owed = all(ev, 'CT-PLAN-MONTH', 'ct-c1').filter((f) => f.status !== 'not-applicable');
    expect(owed.map((f) => `${f.period.key} ${f.period.from}..${f.period.to}`)).toEqual([
      'month:2025-09 2025-09-01..2025-09-30',
      'month:2025-10 2025-10-01..2025-10-31',
      'month:2025-11 2025-11-01..2025-11-30',
      'month:2025-12 2025-12-01..2025-12-31',
      // The term holds 18 of January's 31 days, over the default share of 1/4.
      'month:2026-01 2026-01-01..2026-01-31',
    ]);
    expect(all(ev, 'CT-PLAN-MONTH', 'ct-c1').some((f) => f.period.key === 'month:2026-02')).toBe(false);
  });

  it('CT-PLAN-MONTH: 2026S ends 7/5, holding 5 of July’s 31 days (under 1/4): March to June are owed, July is not applicable', () => {
    const ev = run({ asOf: '2026-08-05T00:00:00+08:00', termId: '2026S', classes: [c1] });
    const owed = all(ev, 'CT-PLAN-MONTH', 'ct-c1').filter((f) => f.status !== 'not-applicable').map((f) => f.period.key);
    expect(owed).toEqual(['month:2026-03', 'month:2026-04', 'month:2026-05', 'month:2026-06']);
    expect(find(ev, 'CT-PLAN-MONTH', 'ct-c1', 'month:2026-06')).toMatchObject({ status: 'missed', period: { from: '2026-06-01', to: '2026-06-30' } });
    expect(all(ev, 'CT-PLAN-MONTH', 'ct-c1').some((f) => f.period.key === 'month:2026-08')).toBe(false);
  });

  it('CT-PLAN-MONTH: five grace days after October’s end, in force from 10/1, accept a report by the end of 11/5', () => {
    const config = tenant({ overrides: [{ ruleId: 'CT-PLAN-MONTH', param: 'daysAfterMonthEnd', value: 5, effectiveFrom: '2025-10-01' }] });
    const report = (submittedAt: string) => rec('monthly-report', '2025-10-31', 'ct-c1', { submittedAt });
    const ontime = run({ asOf: AFTER_2025A, classes: [c1], config, records: [report('2025-11-05T23:59:59+08:00')] });
    expect(find(ontime, 'CT-PLAN-MONTH', 'ct-c1', 'month:2025-10')).toMatchObject({ status: 'met', period: { dueBy: '2025-11-06T00:00:00+08:00' } });
    // September's deadline is still its last day: the override was not in force on 9/1.
    expect(find(ontime, 'CT-PLAN-MONTH', 'ct-c1', 'month:2025-09').period.dueBy).toBe('2025-10-01T00:00:00+08:00');
    const late = run({ asOf: AFTER_2025A, classes: [c1], config, records: [report('2025-11-06T00:00:00+08:00')] });
    expect(find(late, 'CT-PLAN-MONTH', 'ct-c1', 'month:2025-10').status).toBe('missed');
  });

  it('CT-PLAN-MONTH: a report that covers September counts for September, whatever its date', () => {
    const r = rec('monthly-report', '2025-09-29', 'ct-c1', { covers: '2025-09' });
    const dated = rec('monthly-report', '2025-09-29', 'ct-c1', { covers: '2025-10' });
    const ev = run({ asOf: AFTER_2025A, classes: [c1], records: [r, dated] });
    expect(find(ev, 'CT-PLAN-MONTH', 'ct-c1', 'month:2025-09')).toMatchObject({ status: 'met', evidenceIds: [r.id] });
    expect(find(ev, 'CT-PLAN-MONTH', 'ct-c1', 'month:2025-10')).toMatchObject({ status: 'met', evidenceIds: [dated.id] });
  });
});

describe('CT-CLASS-PLAN boundaries (§2.2 "每学期初")', () => {
  it('CT-CLASS-PLAN: the period runs from the day after the previous term (7/7) to the end of teaching week 1 (9/7)', () => {
    const f = find(run({ asOf: AFTER_2025A, classes: [c1] }), 'CT-CLASS-PLAN', 'c1');
    expect(f).toMatchObject({ status: 'missed', period: { from: '2025-07-07', to: '2025-09-07' } });
    const first = find(run({ asOf: '2025-03-01T00:00:00+08:00', termId: '2025S', classes: [c1] }), 'CT-CLASS-PLAN', 'c1');
    expect(first.period).toMatchObject({ from: '2024-12-19', to: '2025-02-23' });
  });

  it('CT-CLASS-PLAN: a teaching-week override of 2 moves the deadline to Sunday 9/14', () => {
    const config = tenant({ overrides: [{ ruleId: 'CT-CLASS-PLAN', param: 'teachingWeek', value: 2, effectiveFrom: '2025-09-01' }] });
    const plan = rec('class-plan', '2025-09-14', 'ct-c1', { classId: 'c1' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], config, records: [plan] }), 'CT-CLASS-PLAN', 'c1')).toMatchObject({ status: 'met', period: { to: '2025-09-14' } });
  });
});

describe('CT-COMMITTEE boundaries (§2.2 "新生入学后，即选举")', () => {
  const late = klass('n2', { firstTermId: '2025A', enrolledOn: '2025-09-26' });

  it('CT-COMMITTEE: an election before the enrolment day does not count; on the enrolment day it does', () => {
    const before = rec('committee-election', '2025-09-25', 'ct-n2', { classId: 'n2' });
    expect(find(run({ asOf: AFTER_2025A, classes: [late], records: [before] }), 'CT-COMMITTEE', 'n2')).toMatchObject({ status: 'missed', actual: 0 });
    const onDay = rec('committee-election', '2025-09-26', 'ct-n2', { classId: 'n2' });
    expect(find(run({ asOf: AFTER_2025A, classes: [late], records: [onDay] }), 'CT-COMMITTEE', 'n2')).toMatchObject({ status: 'met', actual: 1 });
  });

  it('CT-COMMITTEE: the period of a class enrolled mid-term starts with the term (9/1), due 10 working days after 9/26', () => {
    const f = find(run({ asOf: AFTER_2025A, classes: [late] }), 'CT-COMMITTEE', 'n2');
    expect(f.period).toMatchObject({ from: '2025-09-01', to: '2025-10-16' });
  });

  it('CT-COMMITTEE: a deadline reaching into a year with no calendar is blocked once its earliest day (1/8) has passed undecided', () => {
    // Enrolled Mon 12/29: 12/30 and 12/31 are the known working days; the other 8 of 10 can
    // fall no earlier than 2026-01-01 … 01-08, every unknown day a possible working day.
    const december = klass('n3', { firstTermId: '2025A', enrolledOn: '2025-12-29' });
    const only2025 = tenant({ holidays: { useDefaults: false, years: [{ year: 2025, holidays: [], makeUpWorkdays: [], source: 't' }] } });
    const f = find(run({ asOf: AFTER_2025A, classes: [december], config: only2025 }), 'CT-COMMITTEE', 'n3');
    expect(f).toMatchObject({ status: 'blocked', period: { from: '2025-09-01', to: '2026-01-08' } }); // the period starts with the term, as for any class
    expect(f.reason).toContain('no holiday calendar loaded for 2026');
  });
});

describe('CT-MEETING-NEW / CT-MEETING-OLD boundaries (§2.4 #4 "每学期结束一周后提交")', () => {
  const fresh = klass('n1', { firstTermId: '2025A' });
  const meeting = (classId: string, day: string) => rec('class-meeting', day, `ct-${classId}`, { classId, complete: true });

  it('CT-MEETING-OLD: a returning class’s meetings are counted under CT-MEETING-OLD, and CT-MEETING-NEW names why it does not apply', () => {
    const ev = run({ asOf: AFTER_2025A, classes: [c1, fresh] });
    expect(find(ev, 'CT-MEETING-NEW', 'c1')).toMatchObject({ status: 'not-applicable', reason: 'returning class (老生) this term' });
    expect(find(ev, 'CT-MEETING-OLD', 'n1')).toMatchObject({ status: 'not-applicable', reason: 'new-student class (新生) this term' });
  });

  it('CT-MEETING-OLD: a meeting held the day after the term ends does not count, even when reported in the week after', () => {
    const recs = [meeting('c1', '2025-09-10'), meeting('c1', '2026-01-19')];
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: recs }), 'CT-MEETING-OLD', 'c1')).toMatchObject({ status: 'missed', actual: 1 });
  });

  it('CT-MEETING-OLD: with every meeting complete the finding gives no reason', () => {
    const recs = [meeting('c1', '2025-09-10'), meeting('c1', '2025-11-10')];
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: recs }), 'CT-MEETING-OLD', 'c1').reason).toBeUndefined();
  });

  it('CT-MEETING-OLD: a three-day reporting tail (override) closes at the end of 1/21', () => {
    const config = tenant({ overrides: [{ ruleId: 'CT-MEETING-OLD', param: 'reportDaysAfterEnd', value: 3, effectiveFrom: '2025-09-01' }] });
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], config }), 'CT-MEETING-OLD', 'c1');
    expect(f.period).toMatchObject({ to: '2026-01-18', dueBy: '2026-01-22T00:00:00+08:00' });
  });
});

describe('CT-ACTIVITY-REPORT boundaries (§2.2 "活动结束后3个工作日内")', () => {
  const activity = (day: string, over: Record<string, unknown>) => rec('class-activity', day, 'ct-c1', { classId: 'c1', ...over });

  it('CT-ACTIVITY-REPORT: the deadline counts from the day the activity ends (Fri 10/17 → Wed 10/22), not the day it starts', () => {
    const r = activity('2025-10-15', { endsOn: '2025-10-17', report: { writtenOn: '2025-10-20', approvedOn: '2025-10-21', publishedOn: '2025-10-22' } });
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], records: [r] }), 'CT-ACTIVITY-REPORT', 'c1');
    expect(f).toMatchObject({ status: 'met', period: { from: '2025-10-17', to: '2025-10-22' } });
    expect(Object.keys(f)).not.toContain('reason');
  });

  it('CT-ACTIVITY-REPORT: each step names itself when missing: written, then approved, then published', () => {
    const steps = [
      [{}, /written report/],
      [{ writtenOn: '2025-10-16' }, /approval by the center head/],
      [{ writtenOn: '2025-10-16', approvedOn: '2025-10-16' }, /publication on the center website/],
    ] as const;
    for (const [report, reason] of steps) {
      const f = find(run({ asOf: AFTER_2025A, classes: [c1], records: [activity('2025-10-15', { report })] }), 'CT-ACTIVITY-REPORT', 'c1');
      expect(f.status).toBe('missed');
      expect(f.reason).toMatch(reason);
    }
  });

  it('CT-ACTIVITY-REPORT: a step dated after "as of" has not happened yet (pending, not met)', () => {
    // Wed 10/15 + 3 working days = Mon 10/20; as of Fri 10/17 the publication on 10/20 lies ahead.
    const r = activity('2025-10-15', { report: { writtenOn: '2025-10-16', approvedOn: '2025-10-16', publishedOn: '2025-10-20' } });
    const f = find(run({ asOf: '2025-10-17T12:00:00+08:00', classes: [c1], records: [r] }), 'CT-ACTIVITY-REPORT', 'c1');
    expect(f).toMatchObject({ status: 'pending', period: { to: '2025-10-20' } });
  });

  it('CT-ACTIVITY-REPORT: a step dated on the "as of" day has happened (met at noon on 10/20)', () => {
    const r = activity('2025-10-15', { report: { writtenOn: '2025-10-16', approvedOn: '2025-10-16', publishedOn: '2025-10-20' } });
    expect(find(run({ asOf: '2025-10-20T12:00:00+08:00', classes: [c1], records: [r] }), 'CT-ACTIVITY-REPORT', 'c1').status).toBe('met');
  });

  it('CT-ACTIVITY-REPORT: an activity in the vacation after the term (2/10) is still the term’s; one before it (8/31) is not', () => {
    const full = (day: string) => activity(day, { report: { writtenOn: day, approvedOn: day, publishedOn: day } });
    const ev = run({ asOf: '2026-03-05T00:00:00+08:00', classes: [c1], records: [full('2026-02-10'), full('2025-08-31')] });
    expect(all(ev, 'CT-ACTIVITY-REPORT', 'c1').map((f) => f.period.from)).toEqual(['2026-02-10']);
  });
});

describe('CT-SUPERVISION-SHEET / CT-SUMMARY-TERM boundaries (§2.4 #3, #6)', () => {
  it('CT-SUPERVISION-SHEET: a complete sheet beside an incomplete one is met, and the incomplete one is named', () => {
    const sheet = (complete: boolean) => rec('supervision-sheet', '2026-01-20', 'ct-c1', { classId: 'c1', covers: '2025A', complete });
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], records: [sheet(true), sheet(false)] }), 'CT-SUPERVISION-SHEET', 'c1');
    expect(f).toMatchObject({ status: 'met', actual: 1, reason: '1 incomplete sheet(s) do not count' });
    const clean = find(run({ asOf: AFTER_2025A, classes: [c1], records: [sheet(true)] }), 'CT-SUPERVISION-SHEET', 'c1');
    expect(clean.reason).toBeUndefined();
  });

  it('CT-SUMMARY-TERM: three days after the end (override) accept a summary dated 1/21, not 1/22', () => {
    const config = tenant({ overrides: [{ ruleId: 'CT-SUMMARY-TERM', param: 'daysAfterEnd', value: 3, effectiveFrom: '2025-09-01' }] });
    const summary = (day: string) => rec('term-summary', day, 'ct-c1', { covers: '2025A' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], config, records: [summary('2026-01-21')] }), 'CT-SUMMARY-TERM', 'ct-c1')).toMatchObject({ status: 'met', period: { to: '2026-01-21' } });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], config, records: [summary('2026-01-22')] }), 'CT-SUMMARY-TERM', 'ct-c1').status).toBe('missed');
  });
});

describe('CT-ARCHIVE / CT-GRAD-PHOTO boundaries (§2.2 毕业管理, 学籍档案整理)', () => {
  it('CT-ARCHIVE: a graduation outside the term’s span gives no finding in it', () => {
    const before = klass('g1', { graduation: { graduatesOn: '2025-08-31' } });
    expect(all(run({ asOf: AFTER_2025A, classes: [before] }), 'CT-ARCHIVE')).toHaveLength(0);
    // Graduating in the next term (2026S starts 3/2): not 2025A's to archive.
    const after = klass('g1', { graduation: { graduatesOn: '2026-03-05' } });
    expect(all(run({ asOf: '2026-05-01T00:00:00+08:00', classes: [after] }), 'CT-ARCHIVE')).toHaveLength(0);
    const lastDay = klass('g1', { graduation: { graduatesOn: '2026-03-01' } });
    expect(all(run({ asOf: '2026-05-01T00:00:00+08:00', classes: [lastDay] }), 'CT-ARCHIVE')).toHaveLength(1);
  });

  it('CT-ARCHIVE: a two-month override from the graduation day runs the deadline from 1/10 to 3/10', () => {
    const config = tenant({ overrides: [{ ruleId: 'CT-ARCHIVE', param: 'months', value: 2, effectiveFrom: '2026-01-10' }] });
    const grads = klass('g1', { graduation: { graduatesOn: '2026-01-10' } });
    const f = find(run({ asOf: '2026-04-01T00:00:00+08:00', classes: [grads], config }), 'CT-ARCHIVE', 'g1');
    expect(f).toMatchObject({ status: 'missed', period: { from: '2026-01-10', to: '2026-03-10' }, params: { months: 2 } });
  });

  it('CT-GRAD-PHOTO: an application date outside the term’s span gives no finding; one without an application date neither', () => {
    const outside = klass('g1', { graduation: { applicationOn: '2026-03-02', graduatesOn: '2026-07-01' } });
    expect(all(run({ asOf: AFTER_2025A, classes: [outside] }), 'CT-GRAD-PHOTO')).toHaveLength(0);
    const noApplication = klass('g1', { graduation: { graduatesOn: '2026-01-10' } });
    expect(all(run({ asOf: AFTER_2025A, classes: [noApplication] }), 'CT-GRAD-PHOTO')).toHaveLength(0);
  });

  it('CT-GRAD-PHOTO: a photo dated on the application day is too late, even when recorded the evening before', () => {
    const grads = klass('g1', { graduation: { applicationOn: '2025-12-01', graduatesOn: '2026-01-10', studentIds: ['g1-s01'] } });
    const photo = rec('graduation-photo', '2025-12-01', 'ct-g1', { classId: 'g1', studentIds: ['g1-s01'], submittedAt: '2025-11-30T20:00:00+08:00' });
    expect(find(run({ asOf: AFTER_2025A, classes: [grads], records: [photo] }), 'CT-GRAD-PHOTO', 'g1')).toMatchObject({ status: 'missed', actual: 0 });
  });

  it('CT-GRAD-PHOTO: the period runs from the term start to the eve of the application (9/1..11/30)', () => {
    const grads = klass('g1', { graduation: { applicationOn: '2025-12-01', graduatesOn: '2026-01-10', studentIds: ['g1-s01'] } });
    const f = find(run({ asOf: AFTER_2025A, classes: [grads] }), 'CT-GRAD-PHOTO', 'g1');
    expect(f).toMatchObject({ status: 'missed', required: 1, period: { from: '2025-09-01', to: '2025-11-30', dueBy: '2025-12-01T00:00:00+08:00' } });
  });
});

describe('CT-EXAM-BOOKING / CT-EXAM-NOTICE boundaries (§2.2 "最后2天", "考前2天")', () => {
  const exam = {
    id: 'e1',
    classId: 'c1',
    bookingOpensOn: '2025-11-01',
    bookingClosesOn: '2025-11-20',
    examOn: '2025-12-20',
    unbookedStudentIds: ['c1-s01'],
    unconfirmedStudentIds: ['c1-s03'],
  };
  const call = (kind: 'exam-booking-followup' | 'exam-notice-followup', day: string, over: Record<string, unknown> = {}) =>
    rec(kind, day, 'ct-c1', { classId: 'c1', examId: 'e1', studentIds: ['c1-s01', 'c1-s03'], channel: 'phone', ...over });

  it('CT-EXAM-BOOKING: a booking window of one day (opens and closes 11/20) is followed up on that day only', () => {
    const oneDay = { ...exam, bookingOpensOn: '2025-11-20' };
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], exams: [oneDay], records: [call('exam-booking-followup', '2025-11-20')] }), 'CT-EXAM-BOOKING', 'c1');
    expect(f).toMatchObject({ status: 'met', period: { from: '2025-11-20', to: '2025-11-20' } });
  });

  it('CT-EXAM-BOOKING: a call about another exam, or naming no student, does not count; a call naming no exam does', () => {
    const other = call('exam-booking-followup', '2025-11-19', { examId: 'e2' });
    const nobody = call('exam-booking-followup', '2025-11-19', { studentIds: undefined });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], exams: [exam], records: [other, nobody] }), 'CT-EXAM-BOOKING', 'c1').status).toBe('missed');
    const anyExam = call('exam-booking-followup', '2025-11-19', { examId: undefined });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], exams: [exam], records: [anyExam] }), 'CT-EXAM-BOOKING', 'c1').status).toBe('met');
  });

  it('CT-EXAM-BOOKING: nobody left unbooked is not applicable; a booking closing outside the term’s span gives no finding', () => {
    const allBooked = { ...exam, unbookedStudentIds: [] };
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], exams: [allBooked] }), 'CT-EXAM-BOOKING', 'c1')).toMatchObject({ status: 'not-applicable', reason: 'nobody left to follow up' });
    const august = { ...exam, bookingOpensOn: '2025-08-20', bookingClosesOn: '2025-08-31' };
    expect(all(run({ asOf: AFTER_2025A, classes: [c1], exams: [august] }), 'CT-EXAM-BOOKING')).toHaveLength(0);
  });

  it('CT-EXAM-NOTICE: a call on the exam day is too late; the window is 12/18..12/19', () => {
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], exams: [exam], records: [call('exam-notice-followup', '2025-12-20')] }), 'CT-EXAM-NOTICE', 'c1');
    expect(f).toMatchObject({ status: 'missed', period: { from: '2025-12-18', to: '2025-12-19' } });
  });

  it('CT-EXAM-NOTICE: an exam outside the term’s span gives no finding', () => {
    const march = { ...exam, examOn: '2026-03-02' };
    expect(all(run({ asOf: '2026-03-10T00:00:00+08:00', classes: [c1], exams: [march] }), 'CT-EXAM-NOTICE')).toHaveLength(0);
    const lastDay = { ...exam, examOn: '2026-03-01' };
    expect(all(run({ asOf: '2026-03-10T00:00:00+08:00', classes: [c1], exams: [lastDay] }), 'CT-EXAM-NOTICE')).toHaveLength(1);
  });
});

describe('CT-RECRUIT boundaries (§2.4 #5 "每学期结束一周后…核查")', () => {
  it('CT-RECRUIT: with only the referral target set, continuation alone is blocked and names its own parameter', () => {
    const config = tenant({ overrides: [{ ruleId: 'CT-RECRUIT', param: 'referral', value: 1, effectiveFrom: '2025-08-01' }] });
    const ev = run({ asOf: AFTER_2025A, classes: [c1], config });
    expect(find(ev, 'CT-RECRUIT', 'ct-c1', '2025A/referral')).toMatchObject({ status: 'missed', required: 1 });
    const cont = find(ev, 'CT-RECRUIT', 'ct-c1', '2025A/continuation');
    expect(cont.status).toBe('blocked');
    expect(cont.reason).toContain('not configured: CT-RECRUIT.continuation (the seed gives no figure)');
    expect(cont.reason).not.toContain('CT-RECRUIT.referral');
  });

  it('CT-RECRUIT: with neither target set, each finding names only its own parameter', () => {
    const ev = run({ asOf: AFTER_2025A, classes: [c1] });
    const referral = find(ev, 'CT-RECRUIT', 'ct-c1', '2025A/referral').reason;
    expect(referral).toContain('not configured: CT-RECRUIT.referral (the seed gives no figure)');
    expect(referral).not.toContain('CT-RECRUIT.continuation');
  });

  it('CT-RECRUIT: checked one week after term end (1/25), and a recruitment dated after the term does not count', () => {
    const config = tenant({ overrides: [{ ruleId: 'CT-RECRUIT', param: 'referral', value: 1, effectiveFrom: '2025-08-01' }] });
    const after = rec('recruitment', '2026-01-19', 'ct-c1', { recruitKind: 'referral' });
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], config, records: [after] }), 'CT-RECRUIT', 'ct-c1', '2025A/referral');
    expect(f).toMatchObject({ status: 'missed', actual: 0, period: { dueBy: '2026-01-26T00:00:00+08:00' } });
  });
});

describe('class-teacher thresholds a tenant changes (each differs from the seed figure)', () => {
  const override = (ruleId: string, param: string, value: number, effectiveFrom: string) => tenant({ overrides: [{ ruleId, param, value, effectiveFrom }] });

  it('CT-COMMITTEE: 5 working days after enrolment on Mon 9/1 end on Mon 9/8', () => {
    const fresh = klass('n1', { firstTermId: '2025A' });
    const f = find(run({ asOf: AFTER_2025A, classes: [fresh], config: override('CT-COMMITTEE', 'withinWorkingDays', 5, '2025-09-01') }), 'CT-COMMITTEE', 'n1');
    expect(f).toMatchObject({ status: 'missed', period: { to: '2025-09-08' }, params: { withinWorkingDays: 5 } });
  });

  it('CT-ACTIVITY-REPORT: one working day after Tue 9/30 is Thu 10/9, past the National Day closure', () => {
    const r = rec('class-activity', '2025-09-30', 'ct-c1', { classId: 'c1' });
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], records: [r], config: override('CT-ACTIVITY-REPORT', 'workingDays', 1, '2025-09-01') }), 'CT-ACTIVITY-REPORT', 'c1');
    expect(f).toMatchObject({ status: 'missed', period: { from: '2025-09-30', to: '2025-10-09' } });
  });

  it('CT-SUPERVISION-SHEET: three days after the end close on 1/21', () => {
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], config: override('CT-SUPERVISION-SHEET', 'daysAfterEnd', 3, '2025-09-01') }), 'CT-SUPERVISION-SHEET', 'c1');
    expect(f.period).toMatchObject({ to: '2026-01-21', dueBy: '2026-01-22T00:00:00+08:00' });
  });

  it('CT-RECRUIT: checked three days after the end (1/21) instead of seven', () => {
    const config = tenant({
      overrides: [
        { ruleId: 'CT-RECRUIT', param: 'referral', value: 1, effectiveFrom: '2025-08-01' },
        { ruleId: 'CT-RECRUIT', param: 'daysAfterEnd', value: 3, effectiveFrom: '2025-08-01' },
      ],
    });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], config }), 'CT-RECRUIT', 'ct-c1', '2025A/referral').period.dueBy).toBe('2026-01-22T00:00:00+08:00');
  });

  it('CT-EXAM-BOOKING and CT-EXAM-NOTICE: three days instead of two open the windows on 11/18 and 12/17', () => {
    const exam = { id: 'e1', classId: 'c1', bookingOpensOn: '2025-11-01', bookingClosesOn: '2025-11-20', examOn: '2025-12-20', unbookedStudentIds: ['c1-s01'], unconfirmedStudentIds: ['c1-s01'] };
    const config = tenant({
      overrides: [
        { ruleId: 'CT-EXAM-BOOKING', param: 'lastDays', value: 3, effectiveFrom: '2025-09-01' },
        { ruleId: 'CT-EXAM-NOTICE', param: 'daysBefore', value: 3, effectiveFrom: '2025-09-01' },
      ],
    });
    const ev = run({ asOf: AFTER_2025A, classes: [c1], config, exams: [exam] });
    expect(find(ev, 'CT-EXAM-BOOKING', 'c1').period).toMatchObject({ from: '2025-11-18', to: '2025-11-20' });
    expect(find(ev, 'CT-EXAM-NOTICE', 'c1').period).toMatchObject({ from: '2025-12-17', to: '2025-12-19' });
  });
});
