import { describe, expect, it } from 'vitest';
import type { AtRiskStatus } from '../../../domain/compliance/index.js';
import { AFTER_2025A, all, find, klass, rec, run, students, tenant, TERMS } from './fixtures.js';

const c1 = klass('c1'); // 31 students, counselor co-c1
const talk = (day: string, ids: string[], author = 'co-c1') => rec('talk', day, author, { classId: 'c1', studentIds: ids });

describe('CO-TALK-RATIO', () => {
  it('1/3 of 31 means at least 11 person-times: 11 met, 10 missed', () => {
    const eleven = students('c1', 11).map((s, i) => talk(`2025-10-${String(i + 1).padStart(2, '0')}`, [s]));
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: eleven }), 'CO-TALK-RATIO', 'c1')).toMatchObject({ status: 'met', required: 11, actual: 11 });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: eleven.slice(1) }), 'CO-TALK-RATIO', 'c1')).toMatchObject({ status: 'missed', actual: 10 });
  });

  it('1/3 of 30 is exactly 10 (no float rounding up)', () => {
    const c30 = klass('c1', { studentIds: students('c1', 30) });
    expect(find(run({ asOf: AFTER_2025A, classes: [c30] }), 'CO-TALK-RATIO', 'c1').required).toBe(10);
  });

  it('counts person-times: one talk with two students is two; talks by others do not count', () => {
    const recs = [talk('2025-10-01', ['c1-s01', 'c1-s02']), talk('2025-10-02', ['c1-s03'], 'ct-c1')];
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: recs }), 'CO-TALK-RATIO', 'c1').actual).toBe(2);
  });
});

describe('CO-TALK-ATRISK', () => {
  const warnedLate: AtRiskStatus = { id: 'w1', studentId: 'c1-s05', classId: 'c1', kind: 'academic-warning', documentOn: '2025-12-26' };

  it('a student warned in the last week of Q4 still needs a talk in Q4; a talk before the warning does not count', () => {
    const before = find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warnedLate], records: [talk('2025-12-20', ['c1-s05'])] }), 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q4');
    expect(before).toMatchObject({ status: 'missed', required: 1, actual: 0, missingIds: ['c1-s05'] });
    const after = find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warnedLate], records: [talk('2025-12-30', ['c1-s05'])] }), 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q4');
    expect(after.status).toBe('met');
  });

  it('with a 7-day grace the late warning moves to the next quarter', () => {
    // 2025A holds 18 of 2026-Q1's 90 days, under the default share (1/4) since 1.3.0: share 0 keeps that fragment a window here.
    const config = tenant({ minWindowShare: 0, overrides: [{ ruleId: 'CO-TALK-ATRISK', param: 'lateWarningGraceDays', value: 7, effectiveFrom: '2025-01-01' }] });
    const ev = run({ asOf: AFTER_2025A, classes: [c1], atRisk: [warnedLate], config, records: [talk('2026-01-05', ['c1-s05'])] });
    expect(find(ev, 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q4').status).toBe('not-applicable');
    expect(find(ev, 'CO-TALK-ATRISK', 'c1', '2025A/2026-Q1')).toMatchObject({ status: 'met', required: 1 });
  });

  it('a cleared status stops the obligation', () => {
    const cleared = { ...warnedLate, documentOn: '2025-09-10', clearedOn: '2025-09-20' };
    const ev = run({ asOf: AFTER_2025A, classes: [c1], atRisk: [cleared] });
    expect(find(ev, 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q3').status).toBe('missed');
    expect(find(ev, 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q4').status).toBe('not-applicable');
  });
});

describe('CO-MEETING', () => {
  const m = (day: string, author = 'co-c1') => rec('class-meeting', day, author, { classId: 'c1' });
  it('needs 4 recorded meetings by the counselor: 4 met, 3 missed', () => {
    const four = ['2025-09-10', '2025-10-10', '2025-11-10', '2025-12-10'].map((d) => m(d));
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: four }), 'CO-MEETING', 'c1').status).toBe('met');
    const threePlusTeacher = [...four.slice(0, 3), m('2025-12-10', 'ct-c1')];
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: threePlusTeacher }), 'CO-MEETING', 'c1')).toMatchObject({ status: 'missed', actual: 3 });
  });
});

describe('CO-COMMITTEE-MEETING', () => {
  const m = (day: string) => rec('committee-meeting', day, 'co-c1', { classId: 'c1' });
  it('needs 2 per class per term: 2 met, 1 missed', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [m('2025-09-20'), m('2025-12-20')] }), 'CO-COMMITTEE-MEETING', 'c1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [m('2025-09-20')] }), 'CO-COMMITTEE-MEETING', 'c1').status).toBe('missed');
  });
});

describe('CO-PARENT-ALL', () => {
  const contact = (day: string, ids: string[]) => rec('parent-contact', day, 'co-c1', { classId: 'c1', studentIds: ids, reason: 'routine', channel: 'phone' });
  const autumnHalf = contact('2025-10-10', students('c1', 20));
  const springHalf = contact('2026-04-10', students('c1', 31).slice(20));

  it('every parent contacted over the academic year, across both terms', () => {
    const f = find(run({ asOf: '2026-08-01T00:00:00+08:00', classes: [c1], records: [autumnHalf, springHalf] }), 'CO-PARENT-ALL', 'c1', 'AY:2025-2026');
    expect(f).toMatchObject({ status: 'met', required: 31, actual: 31 });
  });

  it('is pending with the parents still to call while the year runs, then missed', () => {
    const mid = find(run({ asOf: '2026-01-10T00:00:00+08:00', classes: [c1], records: [autumnHalf] }), 'CO-PARENT-ALL', 'c1');
    expect(mid).toMatchObject({ status: 'pending', remaining: 11 });
    expect(mid.missingIds).toHaveLength(11);
    expect(find(run({ asOf: '2026-08-01T00:00:00+08:00', classes: [c1], records: [autumnHalf] }), 'CO-PARENT-ALL', 'c1').status).toBe('missed');
  });
});

describe('CO-PARENT-WARNING', () => {
  const status: AtRiskStatus = { id: 'w1', studentId: 'c1-s07', classId: 'c1', kind: 'sanction', documentOn: '2025-09-26' };
  const notify = (day: string, reason: 'warning' | 'routine' = 'warning') => rec('parent-contact', day, 'co-c1', { classId: 'c1', studentIds: ['c1-s07'], reason });

  it('within one week of the document, holidays included (9/26 → 10/3)', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: [status], records: [notify('2025-10-03')] }), 'CO-PARENT-WARNING', 'c1-s07')).toMatchObject({ status: 'met', subject: { kind: 'student' } });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: [status], records: [notify('2025-10-04')] }), 'CO-PARENT-WARNING', 'c1-s07').status).toBe('missed');
  });

  it('a routine call is not a notification', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: [status], records: [notify('2025-09-28', 'routine')] }), 'CO-PARENT-WARNING', 'c1-s07').status).toBe('missed');
  });
});

describe('CO-PARENT-FOLLOWUP', () => {
  const status: AtRiskStatus = { id: 'w1', studentId: 'c1-s07', classId: 'c1', kind: 'academic-warning', documentOn: '2025-09-10' };
  const contact = (day: string) => rec('parent-contact', day, 'co-c1', { classId: 'c1', studentIds: ['c1-s07'], reason: 'routine' });

  it('needs a contact after the notification week; the notification itself does not count', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: [status], records: [contact('2025-09-15')] }), 'CO-PARENT-FOLLOWUP', 'c1').status).toBe('missed');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: [status], records: [contact('2025-11-01')] }), 'CO-PARENT-FOLLOWUP', 'c1').status).toBe('met');
  });

  it('is not applicable without students at risk', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1] }), 'CO-PARENT-FOLLOWUP', 'c1').status).toBe('not-applicable');
  });
});

/** A term that starts on a Wednesday so the first week and fortnight straddle the start. */
const wednesdayStart = tenant({ terms: [TERMS[0], { id: '2025A', start: '2025-09-03', end: '2026-01-14', academicYearId: '2025-2026' }, TERMS[2]] });

describe('CO-DORM', () => {
  const inspect = (day: string) => rec('dorm-inspection', day, 'co-c1', { classId: 'c1' });

  it('needs one inspection per fortnight: F02 with one is met, F03 without is missed', () => {
    const ev = run({ asOf: AFTER_2025A, classes: [c1], records: [inspect('2025-09-20')] });
    expect(find(ev, 'CO-DORM', 'c1', '2025A/F02')).toMatchObject({ status: 'met', period: { from: '2025-09-15', to: '2025-09-28' } });
    expect(find(ev, 'CO-DORM', 'c1', '2025A/F03').status).toBe('missed');
    expect(all(ev, 'CO-DORM', 'c1')).toHaveLength(10);
  });

  it('a fortnight straddling the term start counts only in-term days', () => {
    const before = run({ asOf: AFTER_2025A, classes: [c1], config: wednesdayStart, records: [inspect('2025-09-02')] });
    expect(find(before, 'CO-DORM', 'c1', '2025A/F01')).toMatchObject({ status: 'missed', period: { from: '2025-09-03' } });
    const inside = run({ asOf: AFTER_2025A, classes: [c1], config: wednesdayStart, records: [inspect('2025-09-03')] });
    expect(find(inside, 'CO-DORM', 'c1', '2025A/F01').status).toBe('met');
  });
});

describe('CO-CLASS-CHECK', () => {
  const check = (day: string) => rec('class-check', day, 'co-c1', { classId: 'c1' });

  it('a week straddling the term end: a check after the last day does not count', () => {
    const ev = run({ asOf: AFTER_2025A, classes: [c1], config: wednesdayStart, records: [check('2026-01-15')] });
    const last = find(ev, 'CO-CLASS-CHECK', 'c1', '2025A/W2026-03');
    expect(last).toMatchObject({ status: 'missed', period: { from: '2026-01-12', to: '2026-01-14' } });
  });

  it('a week with no working day (tenant closure) is not applicable; National Day weeks with working days still count', () => {
    const closure = tenant({ holidays: { extensions: [{ year: 2025, holidays: [{ name: '秋假', from: '2025-11-03', to: '2025-11-07' }], makeUpWorkdays: [], source: 'tenant' }] } });
    const ev = run({ asOf: AFTER_2025A, classes: [c1], config: closure });
    expect(find(ev, 'CO-CLASS-CHECK', 'c1', '2025A/W2025-45').status).toBe('not-applicable');
    expect(find(ev, 'CO-CLASS-CHECK', 'c1', '2025A/W2025-40').status).toBe('missed'); // 9/29–10/5: two working days
  });

  it('weeks in a year with no calendar are blocked while 2025 weeks and other rules proceed', () => {
    const only2025 = tenant({ holidays: { years: [], useDefaults: false, extensions: [{ year: 2025, holidays: [], makeUpWorkdays: [], source: 't' }] } });
    const ev = run({ asOf: AFTER_2025A, classes: [c1], config: only2025, records: [check('2025-09-02')] });
    expect(find(ev, 'CO-CLASS-CHECK', 'c1', '2025A/W2025-36').status).toBe('met');
    expect(find(ev, 'CO-CLASS-CHECK', 'c1', '2025A/W2026-02')).toMatchObject({ status: 'blocked', reason: 'no holiday calendar loaded for 2026' });
    expect(find(ev, 'CO-CLASS-CHECK', 'c1', '2025A/W2026-01').status).toBe('missed'); // 12/29–1/4: 12/29–12/31 are three known working days
    expect(find(ev, 'CO-MEETING', 'c1').status).toBe('missed');
  });

  it('a minimum raised mid-week applies from the next week, not retroactively', () => {
    const config = tenant({ overrides: [{ ruleId: 'CO-CLASS-CHECK', param: 'min', value: 2, effectiveFrom: '2025-09-10' }] });
    const ev = run({ asOf: AFTER_2025A, classes: [c1], config, records: [check('2025-09-09'), check('2025-09-16')] });
    expect(find(ev, 'CO-CLASS-CHECK', 'c1', '2025A/W2025-37')).toMatchObject({ status: 'met', required: 1, params: { min: 1 } });
    expect(find(ev, 'CO-CLASS-CHECK', 'c1', '2025A/W2025-38')).toMatchObject({ status: 'missed', required: 2, params: { min: 2 } });
  });
});

describe('CO-LECTURE', () => {
  it('one observation per month, per counselor', () => {
    const ev = run({ asOf: AFTER_2025A, classes: [c1], records: [rec('lecture-observation', '2025-09-30', 'co-c1')] });
    expect(find(ev, 'CO-LECTURE', 'co-c1', '2025A/2025-09').status).toBe('met');
    expect(find(ev, 'CO-LECTURE', 'co-c1', '2025A/2025-10').status).toBe('missed');
  });
});

describe('CO-TEACHER-CONTACT', () => {
  const withTeachers = klass('c1', { courseTeachers: [{ termId: '2025A', teacherIds: ['t1', 't2', 't3'] }] });
  const contact = (t: string) => rec('course-teacher-contact', '2025-10-10', 'co-c1', { classId: 'c1', courseTeacherId: t });
  it('every course teacher of the term contacted', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [withTeachers], records: ['t1', 't2', 't3'].map(contact) }), 'CO-TEACHER-CONTACT', 'c1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [withTeachers], records: ['t1', 't3'].map(contact) }), 'CO-TEACHER-CONTACT', 'c1')).toMatchObject({ status: 'missed', missingIds: ['t2'] });
  });
});

describe('CO-TUITION', () => {
  const withTuition = (paid: number) => klass('c1', { tuition: [{ termId: '2025A', billed: 40, paid }] });
  it('must be strictly above 90%: 36/40 missed, 37/40 met; no figures blocked', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [withTuition(36)] }), 'CO-TUITION', 'c1')).toMatchObject({ status: 'missed', actual: 0.9 });
    expect(find(run({ asOf: AFTER_2025A, classes: [withTuition(37)] }), 'CO-TUITION', 'c1')).toMatchObject({ status: 'met', actual: 0.925 });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1] }), 'CO-TUITION', 'c1').status).toBe('blocked');
  });
});

describe('CO-SUMMARY-TERM', () => {
  it('is due by term end', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [rec('term-summary', '2026-01-16', 'co-c1')] }), 'CO-SUMMARY-TERM', 'co-c1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1] }), 'CO-SUMMARY-TERM', 'co-c1').status).toBe('missed');
  });
});

describe('CO-TEACHING-LOAD', () => {
  const hours = (h: number, day = '2025-10-10') => rec('teaching-hours', day, 'co-c1', { hours: h });
  it('at most 54 hours: 54 met, 55 missed, 40 mid-term pending with headroom', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [hours(30), hours(24)] }), 'CO-TEACHING-LOAD', 'co-c1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [hours(30), hours(25)] }), 'CO-TEACHING-LOAD', 'co-c1').status).toBe('missed');
    expect(find(run({ asOf: '2025-11-01T00:00:00+08:00', classes: [c1], records: [hours(40)] }), 'CO-TEACHING-LOAD', 'co-c1')).toMatchObject({ status: 'pending', remaining: 14 });
  });
});
