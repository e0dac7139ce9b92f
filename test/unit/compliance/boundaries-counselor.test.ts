/**
 * Counselor rules (seed 002) at the edges of their windows: the first and last day a
 * record counts, a status in force for a single day of a window, a student with two
 * statuses. Expected figures are counted by hand from the 2025A term (Mon 2025-09-01 to
 * Sun 2026-01-18, span to 2026-03-01) and the quarters it cuts: Q3 09-01..09-30, Q4
 * 10-01..12-31, Q1 01-01..01-18.
 */
import { describe, expect, it } from 'vitest';
import type { AtRiskStatus } from '../../../domain/compliance/index.js';
import { AFTER_2025A, all, find, klass, rec, run, tenant } from './fixtures.js';

const c1 = klass('c1'); // 31 students, counselor co-c1
const warned = (documentOn: string, over: Partial<AtRiskStatus> = {}): AtRiskStatus => ({
  id: `w-${documentOn}`,
  studentId: 'c1-s07',
  classId: 'c1',
  kind: 'academic-warning',
  documentOn,
  ...over,
});
const parentContact = (day: string, reason: 'routine' | 'warning' = 'routine', author = 'co-c1') =>
  rec('parent-contact', day, author, { classId: 'c1', studentIds: ['c1-s07'], reason, channel: 'phone' });
const talk = (day: string) => rec('talk', day, 'co-c1', { classId: 'c1', studentIds: ['c1-s07'] });

describe('CO-PARENT-FOLLOWUP boundaries (二（五）"在以后…每学期不少于1次")', () => {
  // Document Wed 2025-09-10; the notification week is 9/10..9/17, follow-up from 9/18.
  it('CO-PARENT-FOLLOWUP: the follow-up window opens the day after the notification days (9/10 + 7 + 1 = 9/18)', () => {
    const lastNotificationDay = run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2025-09-10')], records: [parentContact('2025-09-17')] });
    expect(find(lastNotificationDay, 'CO-PARENT-FOLLOWUP', 'c1')).toMatchObject({ status: 'missed', required: 1, actual: 0, missingIds: ['c1-s07'] });
    const firstFollowUpDay = run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2025-09-10')], records: [parentContact('2025-09-18')] });
    expect(find(firstFollowUpDay, 'CO-PARENT-FOLLOWUP', 'c1')).toMatchObject({ status: 'met', required: 1, actual: 1 });
  });

  it('CO-PARENT-FOLLOWUP: a student warned twice is followed up from the earlier document (9/18, not 11/18)', () => {
    const twice = [warned('2025-09-10'), warned('2025-11-10', { kind: 'sanction' })];
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: twice, records: [parentContact('2025-10-15')] }), 'CO-PARENT-FOLLOWUP', 'c1');
    // One student, one set member, covered by the October call.
    expect(f).toMatchObject({ status: 'met', required: 1, actual: 1 });
    // Listed the other way round, the earlier document still wins.
    const reversed = find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: [...twice].reverse(), records: [parentContact('2025-10-15')] }), 'CO-PARENT-FOLLOWUP', 'c1');
    expect(reversed).toMatchObject({ status: 'met', required: 1, actual: 1 });
  });

  it('CO-PARENT-FOLLOWUP: a follow-up window that opens on the term’s last day still applies; one opening the day after does not', () => {
    // 2026-01-10 + 7 + 1 = 2026-01-18, the term's last day.
    const onLastDay = run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2026-01-10')], records: [parentContact('2026-01-18')] });
    expect(find(onLastDay, 'CO-PARENT-FOLLOWUP', 'c1')).toMatchObject({ status: 'met', required: 1, actual: 1 });
    const noContact = run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2026-01-10')] });
    expect(find(noContact, 'CO-PARENT-FOLLOWUP', 'c1')).toMatchObject({ status: 'missed', required: 1, missingIds: ['c1-s07'] });
    // 2026-01-11 + 8 = 2026-01-19: after the term, so nothing to follow up this term.
    const afterEnd = run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2026-01-11')] });
    expect(find(afterEnd, 'CO-PARENT-FOLLOWUP', 'c1')).toMatchObject({ status: 'not-applicable', required: 0 });
  });

  it('CO-PARENT-FOLLOWUP: a status lifted before the term starts needs no follow-up; one lifted on its first day does', () => {
    // Document in the previous term: 2025-06-01 + 8 = 6/9, so follow-up would run from 9/1.
    const liftedBefore = run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2025-06-01', { clearedOn: '2025-08-31' })] });
    expect(find(liftedBefore, 'CO-PARENT-FOLLOWUP', 'c1').status).toBe('not-applicable');
    const liftedOnFirstDay = run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2025-06-01', { clearedOn: '2025-09-01' })], records: [parentContact('2025-09-01')] });
    expect(find(liftedOnFirstDay, 'CO-PARENT-FOLLOWUP', 'c1')).toMatchObject({ status: 'met', required: 1, actual: 1 });
  });

  it('CO-PARENT-FOLLOWUP: a contact that names no student covers nobody', () => {
    const unnamed = rec('parent-contact', '2025-10-15', 'co-c1', { classId: 'c1', reason: 'routine', channel: 'phone' });
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2025-09-10')], records: [unnamed] }), 'CO-PARENT-FOLLOWUP', 'c1');
    expect(f).toMatchObject({ status: 'missed', required: 1, actual: 0, evidenceIds: [] });
  });
});

describe('CO-TALK-ATRISK boundaries (一（一）"每季度谈话不少于1次")', () => {
  it('CO-TALK-ATRISK: a warning dated on a quarter’s last day (12/31) is in force in that quarter', () => {
    const none = find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2025-12-31')] }), 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q4');
    expect(none).toMatchObject({ status: 'missed', required: 1, actual: 0, missingIds: ['c1-s07'] });
    const talked = find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2025-12-31')], records: [talk('2025-12-31')] }), 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q4');
    expect(talked).toMatchObject({ status: 'met', required: 1, actual: 1 });
  });

  it('CO-TALK-ATRISK: a status lifted on a quarter’s first day (10/1) still owes a talk in that quarter', () => {
    const ev = run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2025-09-10', { clearedOn: '2025-10-01' })] });
    expect(find(ev, 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q4')).toMatchObject({ status: 'missed', required: 1, missingIds: ['c1-s07'] });
    // Lifted the day before the quarter: nothing owed in Q4.
    const before = run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2025-09-10', { clearedOn: '2025-09-30' })] });
    expect(find(before, 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q4')).toMatchObject({ status: 'not-applicable', required: 0 });
  });

  it('CO-TALK-ATRISK: a talk on the quarter’s first day counts for a status carried over from the quarter before', () => {
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2025-09-10')], records: [talk('2025-10-01')] }), 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q4');
    expect(f).toMatchObject({ status: 'met', required: 1, actual: 1 });
  });

  it('CO-TALK-ATRISK: with 7 grace days a warning dated on 12/24 (31 − 7) stays in Q4, one dated 12/25 moves to Q1', () => {
    // 2025A holds 18 of 2026-Q1's 90 days, under the default share of 1/4: the share is set to
    // 0 here so the cut quarter applies and the grace boundary alone decides.
    const config = tenant({ minWindowShare: 0, overrides: [{ ruleId: 'CO-TALK-ATRISK', param: 'lateWarningGraceDays', value: 7, effectiveFrom: '2025-01-01' }] });
    const onBoundary = run({ asOf: AFTER_2025A, classes: [c1], config, atRisk: [warned('2025-12-24')] });
    expect(find(onBoundary, 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q4')).toMatchObject({ status: 'missed', required: 1, params: { lateWarningGraceDays: 7 } });
    const pastBoundary = run({ asOf: AFTER_2025A, classes: [c1], config, atRisk: [warned('2025-12-25')] });
    expect(find(pastBoundary, 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q4')).toMatchObject({ status: 'not-applicable', required: 0 });
    expect(find(pastBoundary, 'CO-TALK-ATRISK', 'c1', '2025A/2026-Q1')).toMatchObject({ status: 'missed', required: 1 });
  });

  it('CO-TALK-ATRISK: a student warned twice in a quarter needs a talk after the earlier document only', () => {
    const twice = [warned('2025-10-10'), warned('2025-11-20', { kind: 'sanction' })];
    for (const statuses of [twice, [...twice].reverse()]) {
      const f = find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: statuses, records: [talk('2025-10-20')] }), 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q4');
      expect(f).toMatchObject({ status: 'met', required: 1, actual: 1 });
    }
  });

  it('CO-TALK-ATRISK: a raised minimum of 2 talks is met by two talks with the student, not one', () => {
    const config = tenant({ overrides: [{ ruleId: 'CO-TALK-ATRISK', param: 'min', value: 2, effectiveFrom: '2025-01-01' }] });
    const one = run({ asOf: AFTER_2025A, classes: [c1], config, atRisk: [warned('2025-10-10')], records: [talk('2025-10-20')] });
    expect(find(one, 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q4')).toMatchObject({ status: 'missed', actual: 0, missingIds: ['c1-s07'] });
    const two = run({ asOf: AFTER_2025A, classes: [c1], config, atRisk: [warned('2025-10-10')], records: [talk('2025-10-20'), talk('2025-11-20')] });
    expect(find(two, 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q4')).toMatchObject({ status: 'met', actual: 1 });
  });

  it('CO-TALK-ATRISK: a talk with another student is no evidence for the one at risk', () => {
    const other = rec('talk', '2025-10-20', 'co-c1', { classId: 'c1', studentIds: ['c1-s08'] });
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2025-10-10')], records: [other] }), 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q4');
    expect(f).toMatchObject({ status: 'missed', actual: 0, evidenceIds: [] });
  });
});

describe('CO-PARENT-WARNING boundaries (二（五）"学院文件下达后1周内")', () => {
  it('CO-PARENT-WARNING: a warning dated outside the term’s span (8/31, before 2025A) is not the term’s to notify', () => {
    const before = run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2025-08-31')] });
    expect(all(before, 'CO-PARENT-WARNING')).toHaveLength(0);
    // After the span (2025A runs to the day before 2026S starts, 2026-03-01).
    const after = run({ asOf: '2026-04-01T00:00:00+08:00', classes: [c1], atRisk: [warned('2026-03-02')] });
    expect(all(after, 'CO-PARENT-WARNING')).toHaveLength(0);
  });

  it('CO-PARENT-WARNING: documents on the term’s first day and on the span’s last day are the term’s', () => {
    const first = run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2025-09-01')], records: [parentContact('2025-09-08', 'warning')] });
    expect(find(first, 'CO-PARENT-WARNING', 'c1-s07')).toMatchObject({ status: 'met', period: { from: '2025-09-01', to: '2025-09-08' } });
    const last = run({ asOf: '2026-04-01T00:00:00+08:00', classes: [c1], atRisk: [warned('2026-03-01')] });
    expect(find(last, 'CO-PARENT-WARNING', 'c1-s07')).toMatchObject({ status: 'missed', period: { from: '2026-03-01', to: '2026-03-08' } });
  });

  it('CO-PARENT-WARNING: only the counselor’s notification naming the student counts', () => {
    const byTeacher = parentContact('2025-09-12', 'warning', 'ct-c1');
    const otherStudent = rec('parent-contact', '2025-09-12', 'co-c1', { classId: 'c1', studentIds: ['c1-s08'], reason: 'warning' });
    const noStudents = rec('parent-contact', '2025-09-12', 'co-c1', { classId: 'c1', reason: 'warning' });
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warned('2025-09-10')], records: [byTeacher, otherStudent, noStudents] }), 'CO-PARENT-WARNING', 'c1-s07');
    expect(f).toMatchObject({ status: 'missed', actual: 0 });
  });
});

describe('CO-TUITION boundaries (二（八）"缴费率高于90%")', () => {
  it('CO-TUITION: a class with nothing billed is not applicable, not a 0% rate', () => {
    const none = klass('c1', { tuition: [{ termId: '2025A', billed: 0, paid: 0 }] });
    expect(find(run({ asOf: AFTER_2025A, classes: [none] }), 'CO-TUITION', 'c1')).toMatchObject({ status: 'not-applicable', actual: 0, reason: 'nobody billed' });
  });

  it('CO-TUITION: one student billed and paid is 100% (met); figures for another term leave this one blocked', () => {
    const one = klass('c1', { tuition: [{ termId: '2025A', billed: 1, paid: 1 }] });
    expect(find(run({ asOf: AFTER_2025A, classes: [one] }), 'CO-TUITION', 'c1')).toMatchObject({ status: 'met', actual: 1 });
    const otherTerm = klass('c1', { tuition: [{ termId: '2026S', billed: 40, paid: 40 }] });
    expect(find(run({ asOf: AFTER_2025A, classes: [otherTerm] }), 'CO-TUITION', 'c1').status).toBe('blocked');
  });

  it('CO-TUITION: the rate is rounded to four places (2/3 → 0.6667)', () => {
    const thirds = klass('c1', { tuition: [{ termId: '2025A', billed: 3, paid: 2 }] });
    expect(find(run({ asOf: AFTER_2025A, classes: [thirds] }), 'CO-TUITION', 'c1')).toMatchObject({ status: 'missed', actual: 0.6667 });
  });
});

describe('CO-TEACHER-CONTACT boundaries (三（四）"每学期至少与每一位任课教师联系一次")', () => {
  it('CO-TEACHER-CONTACT: with no course teachers listed for the term the rule is not applicable', () => {
    const none = find(run({ asOf: AFTER_2025A, classes: [c1] }), 'CO-TEACHER-CONTACT', 'c1');
    expect(none).toMatchObject({ status: 'not-applicable', required: 0, reason: 'no course teachers listed for this term' });
    const otherTerm = klass('c1', { courseTeachers: [{ termId: '2026S', teacherIds: ['t1'] }] });
    expect(find(run({ asOf: AFTER_2025A, classes: [otherTerm] }), 'CO-TEACHER-CONTACT', 'c1').status).toBe('not-applicable');
  });

  it('CO-TEACHER-CONTACT: a contact naming no teacher covers nobody', () => {
    const withTeacher = klass('c1', { courseTeachers: [{ termId: '2025A', teacherIds: ['t1'] }] });
    const unnamed = rec('course-teacher-contact', '2025-10-10', 'co-c1', { classId: 'c1' });
    expect(find(run({ asOf: AFTER_2025A, classes: [withTeacher], records: [unnamed] }), 'CO-TEACHER-CONTACT', 'c1')).toMatchObject({ status: 'missed', actual: 0, missingIds: ['t1'] });
  });
});

describe('counselor thresholds a tenant changes (each differs from the seed figure)', () => {
  const override = (ruleId: string, param: string, value: number, effectiveFrom: string) => tenant({ overrides: [{ ruleId, param, value, effectiveFrom }] });

  it('CO-PARENT-WARNING: within 3 days, in force from the document day (9/26), closes on 9/29', () => {
    const config = override('CO-PARENT-WARNING', 'withinDays', 3, '2025-09-26');
    const status = warned('2025-09-26');
    const onTime = find(run({ asOf: AFTER_2025A, classes: [c1], config, atRisk: [status], records: [parentContact('2025-09-29', 'warning')] }), 'CO-PARENT-WARNING', 'c1-s07');
    expect(onTime).toMatchObject({ status: 'met', period: { to: '2025-09-29' }, params: { withinDays: 3 } });
    const late = find(run({ asOf: AFTER_2025A, classes: [c1], config, atRisk: [status], records: [parentContact('2025-09-30', 'warning')] }), 'CO-PARENT-WARNING', 'c1-s07');
    expect(late.status).toBe('missed');
  });

  it('CO-PARENT-FOLLOWUP: a 3-day notification period makes follow-up start on 9/14 (9/10 + 3 + 1)', () => {
    const config = override('CO-PARENT-FOLLOWUP', 'notificationDays', 3, '2025-09-01');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], config, atRisk: [warned('2025-09-10')], records: [parentContact('2025-09-14')] }), 'CO-PARENT-FOLLOWUP', 'c1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], config, atRisk: [warned('2025-09-10')], records: [parentContact('2025-09-13')] }), 'CO-PARENT-FOLLOWUP', 'c1').status).toBe('missed');
  });

  it('CO-TUITION: a bar of 95% makes 37 of 40 (92.5%) a miss', () => {
    const config = override('CO-TUITION', 'minRate', 0.95, '2025-09-01');
    const f = find(run({ asOf: AFTER_2025A, classes: [klass('c1', { tuition: [{ termId: '2025A', billed: 40, paid: 37 }] })], config }), 'CO-TUITION', 'c1');
    expect(f).toMatchObject({ status: 'missed', required: 0.95, actual: 0.925 });
  });

  it('CO-TEACHING-LOAD: a cap of 40 hours is met by 40 and missed by 41', () => {
    const config = override('CO-TEACHING-LOAD', 'maxHours', 40, '2025-09-01');
    const hours = (h: number) => rec('teaching-hours', '2025-10-10', 'co-c1', { hours: h });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], config, records: [hours(40)] }), 'CO-TEACHING-LOAD', 'co-c1')).toMatchObject({ status: 'met', required: 40 });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], config, records: [hours(41)] }), 'CO-TEACHING-LOAD', 'co-c1').status).toBe('missed');
  });

  it('CO-TEACHING-LOAD: hours dated outside the term, or by someone else, do not count', () => {
    const recs = [rec('teaching-hours', '2025-08-31', 'co-c1', { hours: 30 }), rec('teaching-hours', '2025-10-10', 'ct-c1', { hours: 30 }), rec('teaching-hours', '2025-10-10', 'co-c1', { hours: 30 })];
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: recs }), 'CO-TEACHING-LOAD', 'co-c1')).toMatchObject({ status: 'met', actual: 30 });
  });
});

describe('classes without a counselor', () => {
  it('CO-MEETING and the other class-level counselor rules skip a class with no counselor', () => {
    const ev = run({ asOf: AFTER_2025A, classes: [klass('c9', { counselorId: undefined })] });
    expect(ev.findings.filter((f) => f.ruleId.startsWith('CO-'))).toEqual([]);
  });
});

describe('CO-PARENT-ALL and CO-SUMMARY-TERM edges', () => {
  it('CO-PARENT-ALL: a contact that names no student reaches no parent', () => {
    const unnamed = rec('parent-contact', '2025-10-10', 'co-c1', { classId: 'c1', reason: 'routine', channel: 'phone' });
    const f = find(run({ asOf: '2026-08-01T00:00:00+08:00', classes: [c1], records: [unnamed] }), 'CO-PARENT-ALL', 'c1');
    expect(f).toMatchObject({ status: 'missed', required: 31, actual: 0 });
  });

  it('CO-SUMMARY-TERM: three days after the end (override) accept a summary dated 1/21, not 1/22', () => {
    const config = tenant({ overrides: [{ ruleId: 'CO-SUMMARY-TERM', param: 'daysAfterEnd', value: 3, effectiveFrom: '2025-09-01' }] });
    const summary = (day: string) => rec('term-summary', day, 'co-c1', { covers: '2025A' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], config, records: [summary('2026-01-21')] }), 'CO-SUMMARY-TERM', 'co-c1')).toMatchObject({ status: 'met', params: { daysAfterEnd: 3 } });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], config, records: [summary('2026-01-22')] }), 'CO-SUMMARY-TERM', 'co-c1').status).toBe('missed');
  });
});
