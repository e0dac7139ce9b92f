import { describe, expect, it } from 'vitest';
import { AFTER_2025A, all, find, klass, rec, run, students, tenant } from './fixtures.js';

const c1 = klass('c1'); // returning in 2025A, class teacher ct-c1
const fresh = klass('n1', { firstTermId: '2025A' }); // new-student class in 2025A

describe('CT-PLAN-TERM', () => {
  const plan = (submittedAt: string) => rec('term-plan', '2025-08-25', 'ct-c1', { covers: '2025A', submittedAt });

  it('is met by a plan submitted at 23:59:59 the day before the term starts', () => {
    const ev = run({ asOf: AFTER_2025A, classes: [c1], records: [plan('2025-08-31T23:59:59+08:00')] });
    expect(find(ev, 'CT-PLAN-TERM', 'ct-c1').status).toBe('met');
  });

  it('is missed by a plan submitted at 00:00 on the first day', () => {
    const ev = run({ asOf: AFTER_2025A, classes: [c1], records: [plan('2025-08-31T16:00:00Z')] });
    const f = find(ev, 'CT-PLAN-TERM', 'ct-c1');
    expect(f.status).toBe('missed');
    expect(f.period.dueBy).toBe('2025-09-01T00:00:00+08:00');
  });

  it('is pending before the term, and a plan for another term does not count', () => {
    const other = rec('term-plan', '2025-08-25', 'ct-c1', { covers: '2026S' });
    const f = find(run({ asOf: '2025-08-26T09:00:00+08:00', classes: [c1], records: [other] }), 'CT-PLAN-TERM', 'ct-c1');
    expect(f).toMatchObject({ status: 'pending', remaining: 1, actual: 0 });
  });
});

describe('CT-PLAN-MONTH', () => {
  it('needs each month reported by its last day', () => {
    const ev = run({
      asOf: AFTER_2025A,
      classes: [c1],
      records: [
        rec('monthly-report', '2025-09-30', 'ct-c1', { submittedAt: '2025-09-30T23:59:00+08:00' }),
        rec('monthly-report', '2025-10-31', 'ct-c1', { covers: '2025-10', submittedAt: '2025-11-01T08:00:00+08:00' }),
      ],
    });
    expect(find(ev, 'CT-PLAN-MONTH', 'ct-c1', 'month:2025-09').status).toBe('met');
    expect(find(ev, 'CT-PLAN-MONTH', 'ct-c1', 'month:2025-10').status).toBe('missed');
    // Since 1.3.0 the months of the term, not of its span: January (the term holds 18 of its
    // 31 days) is owed, the vacation month February is not.
    expect(find(ev, 'CT-PLAN-MONTH', 'ct-c1', 'month:2026-01').status).toBe('missed');
    expect(all(ev, 'CT-PLAN-MONTH', 'ct-c1').map((f) => f.period.key)).toEqual(['month:2025-09', 'month:2025-10', 'month:2025-11', 'month:2025-12', 'month:2026-01']);
  });
});

describe('CT-SUMMARY-TERM', () => {
  it('is due by the last day of the term', () => {
    const onTime = rec('term-summary', '2026-01-18', 'ct-c1');
    const late = rec('term-summary', '2026-01-19', 'ct-c1', { covers: '2025A' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [onTime] }), 'CT-SUMMARY-TERM', 'ct-c1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [late] }), 'CT-SUMMARY-TERM', 'ct-c1').status).toBe('missed');
  });
});

describe('CT-CLASS-PLAN', () => {
  it('is due by the end of teaching week 1', () => {
    const ok = rec('class-plan', '2025-09-07', 'ct-c1', { classId: 'c1' });
    const late = rec('class-plan', '2025-09-08', 'ct-c1', { classId: 'c1' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [ok] }), 'CT-CLASS-PLAN', 'c1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [late] }), 'CT-CLASS-PLAN', 'c1').status).toBe('missed');
  });
});

const meeting = (classId: string, day: string, over: Record<string, unknown> = {}) =>
  rec('class-meeting', day, `ct-${classId}`, { classId, complete: true, ...over });

describe('CT-MEETING-NEW', () => {
  it('needs 3 complete meetings: exactly 3 is met, 2 is missed', () => {
    const three = ['2025-09-10', '2025-10-20', '2025-12-01'].map((d) => meeting('n1', d));
    expect(find(run({ asOf: AFTER_2025A, classes: [fresh], records: three }), 'CT-MEETING-NEW', 'n1')).toMatchObject({ status: 'met', actual: 3, required: 3 });
    expect(find(run({ asOf: AFTER_2025A, classes: [fresh], records: three.slice(0, 2) }), 'CT-MEETING-NEW', 'n1')).toMatchObject({ status: 'missed', actual: 2 });
  });

  it('does not count a meeting without agenda/notice/sign-in/summary, and says so', () => {
    const recs = [meeting('n1', '2025-09-10'), meeting('n1', '2025-10-20'), meeting('n1', '2025-12-01', { complete: false })];
    const f = find(run({ asOf: AFTER_2025A, classes: [fresh], records: recs }), 'CT-MEETING-NEW', 'n1');
    expect(f).toMatchObject({ status: 'missed', actual: 2 });
    expect(f.reason).toMatch(/1 meeting/);
  });

  it('accepts the report until one week after term end, not later', () => {
    const base = ['2025-09-10', '2025-10-20'].map((d) => meeting('n1', d));
    const inTime = meeting('n1', '2026-01-15', { submittedAt: '2026-01-25T23:59:59+08:00' });
    const late = meeting('n1', '2026-01-15', { submittedAt: '2026-01-26T00:00:00+08:00' });
    expect(find(run({ asOf: AFTER_2025A, classes: [fresh], records: [...base, inTime] }), 'CT-MEETING-NEW', 'n1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [fresh], records: [...base, late] }), 'CT-MEETING-NEW', 'n1').status).toBe('missed');
  });

  it('keeps the meetings a class teacher held before handing the class over, within the days they held it', () => {
    // ct-n1 held the class until 2025-11-01; ct-new from then on.
    const handedOver = { ...fresh, classTeacherId: 'ct-new', formerHolders: [{ role: 'class-teacher' as const, userId: 'ct-n1', from: '0000-01-01', to: '2025-11-01' }] };
    const records = [meeting('n1', '2025-09-10'), meeting('n1', '2025-10-20'), rec('class-meeting', '2025-12-01', 'ct-new', { classId: 'n1', complete: true })];
    expect(find(run({ asOf: AFTER_2025A, classes: [handedOver], records }), 'CT-MEETING-NEW', 'n1')).toMatchObject({ status: 'met', actual: 3 });
    // A meeting the former teacher records for a day after the hand-over is not the class teacher's.
    const afterward = [...records.slice(0, 2), meeting('n1', '2025-12-01')];
    expect(find(run({ asOf: AFTER_2025A, classes: [handedOver], records: afterward }), 'CT-MEETING-NEW', 'n1')).toMatchObject({ status: 'missed', actual: 2 });
  });

  it('is pending mid-term with what remains', () => {
    const f = find(run({ asOf: '2025-12-01T10:00:00+08:00', classes: [fresh], records: [meeting('n1', '2025-09-10')] }), 'CT-MEETING-NEW', 'n1');
    expect(f).toMatchObject({ status: 'pending', remaining: 2 });
    expect(f.workingDaysLeft).toBeGreaterThan(0);
  });
});

describe('CT-MEETING-OLD', () => {
  it('needs 2 for a returning class: 2 met, 1 missed; the new-class rule is not applicable', () => {
    const two = [meeting('c1', '2025-09-10'), meeting('c1', '2025-11-10')];
    const ev = run({ asOf: AFTER_2025A, classes: [c1], records: two });
    expect(find(ev, 'CT-MEETING-OLD', 'c1')).toMatchObject({ status: 'met', required: 2 });
    expect(find(ev, 'CT-MEETING-NEW', 'c1').status).toBe('not-applicable');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: two.slice(1) }), 'CT-MEETING-OLD', 'c1').status).toBe('missed');
  });

  it('a class turns from new to returning: 2 meetings miss in its first term, meet in the next', () => {
    const firstTerm = [meeting('n1', '2025-09-10'), meeting('n1', '2025-11-10')];
    const secondTerm = [meeting('n1', '2026-03-10'), meeting('n1', '2026-05-10')];
    const records = [...firstTerm, ...secondTerm];
    const autumn = run({ asOf: '2026-07-20T00:00:00+08:00', classes: [fresh], records });
    expect(find(autumn, 'CT-MEETING-NEW', 'n1')).toMatchObject({ status: 'missed', required: 3, actual: 2 });
    expect(find(autumn, 'CT-MEETING-OLD', 'n1').status).toBe('not-applicable');
    const spring = run({ asOf: '2026-07-20T00:00:00+08:00', termId: '2026S', classes: [fresh], records });
    expect(find(spring, 'CT-MEETING-OLD', 'n1')).toMatchObject({ status: 'met', required: 2, actual: 2 });
    expect(find(spring, 'CT-MEETING-NEW', 'n1').status).toBe('not-applicable');
  });
});

describe('CT-COMMITTEE', () => {
  it('is due 10 working days after enrolment (Mon 9/1 → Mon 9/15)', () => {
    const on = rec('committee-election', '2025-09-15', 'ct-n1', { classId: 'n1' });
    const late = rec('committee-election', '2025-09-16', 'ct-n1', { classId: 'n1' });
    expect(find(run({ asOf: AFTER_2025A, classes: [fresh], records: [on] }), 'CT-COMMITTEE', 'n1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [fresh], records: [late] }), 'CT-COMMITTEE', 'n1').status).toBe('missed');
  });

  it('counts over National Day and both 调休 days (enrolled Fri 9/26 → due Thu 10/16)', () => {
    const late = klass('n2', { firstTermId: '2025A', enrolledOn: '2025-09-26' });
    const f = find(run({ asOf: AFTER_2025A, classes: [late], records: [rec('committee-election', '2025-10-16', 'ct-n2', { classId: 'n2' })] }), 'CT-COMMITTEE', 'n2');
    expect(f).toMatchObject({ status: 'met', period: { to: '2025-10-16' } });
  });

  it('does not apply to a returning class', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1] }), 'CT-COMMITTEE', 'c1').status).toBe('not-applicable');
  });
});

describe('CT-ACTIVITY-REPORT', () => {
  const activity = (day: string, publishedOn: string) =>
    rec('class-activity', day, 'ct-c1', { classId: 'c1', report: { writtenOn: day, approvedOn: publishedOn, publishedOn } });

  it('3 working days after Tue 9/30 end on the 调休 Saturday 10/11: published that day is met', () => {
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], records: [activity('2025-09-30', '2025-10-11')] }), 'CT-ACTIVITY-REPORT', 'c1');
    expect(f).toMatchObject({ status: 'met', period: { to: '2025-10-11' } });
  });

  it('published on Sunday 10/12 is missed, naming the late step', () => {
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], records: [activity('2025-09-30', '2025-10-12')] }), 'CT-ACTIVITY-REPORT', 'c1');
    expect(f.status).toBe('missed');
    expect(f.reason).toMatch(/approval/);
  });

  it('a deadline running into a year without calendar (Tue 12/30: 12/31, then two 2026 days, not before 1/2): published 1/2 is met, 1/5 blocked', () => {
    const only2025 = tenant({ holidays: { useDefaults: false, years: [{ year: 2025, holidays: [], makeUpWorkdays: [], source: 't' }] } });
    const activityFinding = (publishedOn: string) =>
      find(run({ asOf: AFTER_2025A, classes: [c1], records: [activity('2025-12-30', publishedOn)], config: only2025 }), 'CT-ACTIVITY-REPORT', 'c1');
    const unknown = 'deadline not before 2026-01-02: no holiday calendar loaded for 2026';
    expect(activityFinding('2026-01-02')).toMatchObject({ status: 'met', period: { to: '2026-01-02' }, reason: unknown });
    expect(activityFinding('2026-01-05')).toMatchObject({ status: 'blocked', reason: `approval by the center head missing or after the deadline; ${unknown}` });
  });
});

describe('CT-CONTACTS', () => {
  it('is due within the first term of a new class; not applicable to a returning class', () => {
    const list = rec('contact-list', '2026-01-18', 'ct-n1', { classId: 'n1' });
    expect(find(run({ asOf: AFTER_2025A, classes: [fresh], records: [list] }), 'CT-CONTACTS', 'n1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [fresh] }), 'CT-CONTACTS', 'n1').status).toBe('missed');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1] }), 'CT-CONTACTS', 'c1').status).toBe('not-applicable');
  });
});

describe('CT-SUPERVISION-SHEET', () => {
  const sheet = (complete: boolean, submittedAt: string) =>
    rec('supervision-sheet', '2026-01-20', 'ct-c1', { classId: 'c1', covers: '2025A', complete, submittedAt });

  it('a complete sheet by one week after term end is met; incomplete or late is missed', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [sheet(true, '2026-01-25T23:00:00+08:00')] }), 'CT-SUPERVISION-SHEET', 'c1').status).toBe('met');
    const incomplete = find(run({ asOf: AFTER_2025A, classes: [c1], records: [sheet(false, '2026-01-25T23:00:00+08:00')] }), 'CT-SUPERVISION-SHEET', 'c1');
    expect(incomplete).toMatchObject({ status: 'missed' });
    expect(incomplete.reason).toMatch(/incomplete/);
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [sheet(true, '2026-01-26T00:00:01+08:00')] }), 'CT-SUPERVISION-SHEET', 'c1').status).toBe('missed');
  });

  it('an incomplete sheet is named by the cells the latest one leaves empty: the first ten, then how many more', () => {
    const duties = ['选课与交费', '课程学习', '课程作业', '课程学习活动', '期末复习', '毕业论文(实习)'];
    // An older incomplete sheet (one empty cell) and the latest: 12 cells kept of 25 empty.
    const older = rec('supervision-sheet', '2026-01-18', 'ct-c1', { classId: 'c1', covers: '2025A', complete: false, submittedAt: '2026-01-18T10:00:00+08:00', missingCells: [{ studentNumber: '9', duty: '考务工作' }], missingCellCount: 1 });
    const cells = Array.from({ length: 12 }, (_, k) => ({ studentNumber: k < 6 ? '1711001201116' : '1711001201117', duty: duties[k % 6]! }));
    const latest = rec('supervision-sheet', '2026-01-20', 'ct-c1', { classId: 'c1', covers: '2025A', complete: false, submittedAt: '2026-01-20T10:00:00+08:00', missingCells: cells, missingCellCount: 25 });
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], records: [older, latest] }), 'CT-SUPERVISION-SHEET', 'c1');
    // Two incomplete sheets; the latest's first ten cells are 王芳's (…116) six duties, then 李雷's (…117) first four;
    // 25 − 10 = 15 more. The older sheet's 考务工作 is not named.
    expect(f).toMatchObject({ status: 'missed', actual: 0 });
    expect(f.reason).toBe(
      '2 incomplete sheet(s) do not count; the latest leaves 25 cell(s) empty: ' +
        '1711001201116 选课与交费, 1711001201116 课程学习, 1711001201116 课程作业, 1711001201116 课程学习活动, 1711001201116 期末复习, 1711001201116 毕业论文(实习), ' +
        '1711001201117 选课与交费, 1711001201117 课程学习, 1711001201117 课程作业, 1711001201117 课程学习活动 and 15 more',
    );
  });
});

describe('CT-RECRUIT', () => {
  const recruits = [
    rec('recruitment', '2025-10-01', 'ct-c1', { recruitKind: 'referral' }),
    rec('recruitment', '2025-11-01', 'ct-c1', { recruitKind: 'referral' }),
  ];

  it('is blocked until the tenant sets targets (the seed gives none)', () => {
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], records: recruits }), 'CT-RECRUIT', 'ct-c1', '2025A/referral');
    expect(f.status).toBe('blocked');
    expect(f.reason).toMatch(/CT-RECRUIT\.referral/);
  });

  it('checks each target once configured', () => {
    const config = tenant({
      overrides: [
        { ruleId: 'CT-RECRUIT', param: 'referral', value: 2, effectiveFrom: '2025-08-01' },
        { ruleId: 'CT-RECRUIT', param: 'continuation', value: 1, effectiveFrom: '2025-08-01' },
      ],
    });
    const ev = run({ asOf: AFTER_2025A, classes: [c1], records: recruits, config });
    expect(find(ev, 'CT-RECRUIT', 'ct-c1', '2025A/referral')).toMatchObject({ status: 'met', actual: 2, required: 2 });
    expect(find(ev, 'CT-RECRUIT', 'ct-c1', '2025A/continuation')).toMatchObject({ status: 'missed', actual: 0, required: 1 });
  });
});

describe('CT-ARCHIVE', () => {
  const grads = klass('g1', { graduation: { graduatesOn: '2026-01-10' } });
  it('every graduate\'s file handed over within one month after graduation', () => {
    const all = rec('archive-handover', '2026-02-10', 'ct-g1', { classId: 'g1', studentIds: students('g1', 31) });
    expect(find(run({ asOf: '2026-03-01T00:00:00+08:00', classes: [grads], records: [all] }), 'CT-ARCHIVE', 'g1')).toMatchObject({ status: 'met', required: 31, actual: 31 });
    const most = rec('archive-handover', '2026-02-01', 'ct-g1', { classId: 'g1', studentIds: students('g1', 30) });
    const f = find(run({ asOf: '2026-03-01T00:00:00+08:00', classes: [grads], records: [most] }), 'CT-ARCHIVE', 'g1');
    expect(f).toMatchObject({ status: 'missed', actual: 30, missingIds: ['g1-s31'] });
    const late = rec('archive-handover', '2026-02-11', 'ct-g1', { classId: 'g1' });
    expect(find(run({ asOf: '2026-03-01T00:00:00+08:00', classes: [grads], records: [late] }), 'CT-ARCHIVE', 'g1').status).toBe('missed');
  });
});

describe('CT-EXAM-BOOKING', () => {
  const exam = { id: 'e1', classId: 'c1', bookingOpensOn: '2025-11-01', bookingClosesOn: '2025-11-20', examOn: '2025-12-20', unbookedStudentIds: ['c1-s01', 'c1-s02'], unconfirmedStudentIds: ['c1-s03'] };
  const call = (day: string, who: string, channel: 'phone' | 'sms' | 'qq') => rec('exam-booking-followup', day, 'ct-c1', { classId: 'c1', examId: 'e1', studentIds: [who], channel });

  it('every unbooked student phoned or texted in the last 2 days', () => {
    const ok = [call('2025-11-19', 'c1-s01', 'phone'), call('2025-11-20', 'c1-s02', 'sms')];
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], exams: [exam], records: ok }), 'CT-EXAM-BOOKING', 'c1').status).toBe('met');
  });

  it('a call before the last 2 days or by QQ does not count', () => {
    const recs = [call('2025-11-19', 'c1-s01', 'qq'), call('2025-11-18', 'c1-s02', 'phone')];
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], exams: [exam], records: recs }), 'CT-EXAM-BOOKING', 'c1');
    expect(f).toMatchObject({ status: 'missed', actual: 0, missingIds: ['c1-s01', 'c1-s02'] });
  });
});

describe('CT-EXAM-NOTICE', () => {
  const exam = { id: 'e1', classId: 'c1', bookingOpensOn: '2025-11-01', bookingClosesOn: '2025-11-20', examOn: '2025-12-20', unbookedStudentIds: [], unconfirmedStudentIds: ['c1-s03'] };
  const call = (day: string) => rec('exam-notice-followup', day, 'ct-c1', { classId: 'c1', examId: 'e1', studentIds: ['c1-s03'], channel: 'phone' });

  it('calls from 2 days before the exam count; 3 days before does not', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], exams: [exam], records: [call('2025-12-18')] }), 'CT-EXAM-NOTICE', 'c1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], exams: [exam], records: [call('2025-12-17')] }), 'CT-EXAM-NOTICE', 'c1').status).toBe('missed');
  });
});

describe('CT-GRAD-PHOTO', () => {
  const grads = klass('g1', { graduation: { applicationOn: '2025-12-01', graduatesOn: '2026-01-10' } });
  it('every graduating student photographed before the application date (不漏一人)', () => {
    const first30 = rec('graduation-photo', '2025-11-20', 'ct-g1', { classId: 'g1', studentIds: students('g1', 30) });
    const lastOnTime = rec('graduation-photo', '2025-11-30', 'ct-g1', { classId: 'g1', studentIds: ['g1-s31'] });
    const lastLate = rec('graduation-photo', '2025-12-01', 'ct-g1', { classId: 'g1', studentIds: ['g1-s31'] });
    expect(find(run({ asOf: AFTER_2025A, classes: [grads], records: [first30, lastOnTime] }), 'CT-GRAD-PHOTO', 'g1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [grads], records: [first30, lastLate] }), 'CT-GRAD-PHOTO', 'g1')).toMatchObject({ status: 'missed', missingIds: ['g1-s31'] });
  });
});
