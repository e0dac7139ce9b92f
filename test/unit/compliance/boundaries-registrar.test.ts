/**
 * Registrar rules (seed 003 "学籍管理员日常工作") at the edges of their windows. 2025A starts
 * Mon 2025-09-01: teaching week 2 ends Sun 9/14, the first week Sun 9/7, the first month
 * 9/30, and lists may come from 30 days before the start (2025-08-02).
 */
import { describe, expect, it } from 'vitest';
import { AFTER_2025A, all, find, klass, rec, run, tenant } from './fixtures.js';

const c1 = klass('c1'); // registrar reg-1, class teacher ct-c1

describe('REG-UNREGISTERED-LIST boundaries ("开学第二周前完成", "8位学号")', () => {
  const list = (day: string, over: Record<string, unknown> = {}) => rec('unregistered-list', day, 'ct-c1', { classId: 'c1', studentNumbers: ['25010001'], ...over });

  it('REG-UNREGISTERED-LIST: a list from 30 days before the term (8/2) counts, one from 8/1 does not', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [list('2025-08-02')] }), 'REG-UNREGISTERED-LIST', 'c1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [list('2025-08-01')] }), 'REG-UNREGISTERED-LIST', 'c1').status).toBe('missed');
  });

  it('REG-UNREGISTERED-LIST: a list for another term does not count; one with no numbers at all does, with no reason given', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [list('2025-09-10', { covers: '2025S' })] }), 'REG-UNREGISTERED-LIST', 'c1').status).toBe('missed');
    const empty = find(run({ asOf: AFTER_2025A, classes: [c1], records: [list('2025-09-10', { studentNumbers: undefined })] }), 'REG-UNREGISTERED-LIST', 'c1');
    expect(empty.status).toBe('met');
    expect(empty.reason).toBeUndefined();
  });

  it('REG-UNREGISTERED-LIST: where the tenant requires 8 digits (seed 003), a good list beside a bad one is met, and the bad one is named', () => {
    const eightDigits = tenant({ overrides: [{ ruleId: 'REG-UNREGISTERED-LIST', param: 'studentNumberDigits', value: 8, effectiveFrom: '2025-01-01' }] });
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], config: eightDigits, records: [list('2025-09-10'), list('2025-09-11', { studentNumbers: ['250100011'] })] }), 'REG-UNREGISTERED-LIST', 'c1');
    expect(f).toMatchObject({ status: 'met', actual: 1, reason: '1 list(s) with student numbers not of 8 digits do not count' });
  });

  it('REG-UNREGISTERED-LIST: a tenant with 10-digit student numbers, from the term start, accepts those and refuses 8', () => {
    const config = tenant({ overrides: [{ ruleId: 'REG-UNREGISTERED-LIST', param: 'studentNumberDigits', value: 10, effectiveFrom: '2025-09-01' }] });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], config, records: [list('2025-09-10', { studentNumbers: ['2501000001'] })] }), 'REG-UNREGISTERED-LIST', 'c1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], config, records: [list('2025-09-10')] }), 'REG-UNREGISTERED-LIST', 'c1').status).toBe('missed');
  });

  it('REG-UNREGISTERED-LIST: teaching week 3 by override moves the deadline to Sunday 9/21', () => {
    const config = tenant({ overrides: [{ ruleId: 'REG-UNREGISTERED-LIST', param: 'teachingWeek', value: 3, effectiveFrom: '2025-09-01' }] });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], config, records: [list('2025-09-21')] }), 'REG-UNREGISTERED-LIST', 'c1')).toMatchObject({ status: 'met', period: { to: '2025-09-21' } });
  });
});

describe('REG-REGISTRATION boundaries ("开学第二周前完成…注册")', () => {
  it('REG-REGISTRATION: only the class’s registrar registers; from 30 days before the term', () => {
    const byTeacher = rec('registration', '2025-09-10', 'ct-c1', { classId: 'c1' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [byTeacher] }), 'REG-REGISTRATION', 'c1').status).toBe('missed');
    const early = rec('registration', '2025-08-02', 'reg-1', { classId: 'c1' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [early] }), 'REG-REGISTRATION', 'c1').status).toBe('met');
    const tooEarly = rec('registration', '2025-08-01', 'reg-1', { classId: 'c1' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [tooEarly] }), 'REG-REGISTRATION', 'c1').status).toBe('missed');
  });

  it('REG-REGISTRATION: a class without a registrar has no registrar findings', () => {
    const none = klass('c2', { registrarId: undefined });
    expect(all(run({ asOf: AFTER_2025A, classes: [none] }), 'REG-REGISTRATION')).toHaveLength(0);
  });
});

describe('REG-ARCHIVE-PAPERS boundaries ("新学期开学一周内完成上报")', () => {
  it('REG-ARCHIVE-PAPERS: papers archived from the previous term’s first day (2/17) count; earlier, or for another term, do not', () => {
    const onStart = rec('papers-archive', '2025-02-17', 'reg-1');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [onStart] }), 'REG-ARCHIVE-PAPERS', 'reg-1')).toMatchObject({ status: 'met', period: { to: '2025-09-07' } });
    const before = rec('papers-archive', '2025-02-16', 'reg-1');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [before] }), 'REG-ARCHIVE-PAPERS', 'reg-1').status).toBe('missed');
    const otherTerm = rec('papers-archive', '2025-09-03', 'reg-1', { covers: '2025A' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [otherTerm] }), 'REG-ARCHIVE-PAPERS', 'reg-1').status).toBe('missed');
  });

  it('REG-ARCHIVE-PAPERS: the first configured term has no previous term and is not applicable', () => {
    const f = find(run({ asOf: '2025-07-20T00:00:00+08:00', termId: '2025S', classes: [c1] }), 'REG-ARCHIVE-PAPERS', 'reg-1');
    expect(f).toMatchObject({ status: 'not-applicable', reason: 'no previous term configured', period: { to: '2025-02-23' } });
  });
});

describe('REG-MAKEUP-EXAM / REG-MAKEUP-RESULTS / REG-ACADEMIC-WARNING boundaries ("补考完一周内上报", "补考后…学籍预警")', () => {
  it('REG-MAKEUP-EXAM: an exam held in the vacation before the term does not count', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [rec('makeup-exam', '2025-08-31', 'reg-1')] }), 'REG-MAKEUP-EXAM', 'reg-1').status).toBe('missed');
  });

  it('REG-MAKEUP-RESULTS: results reported on the exam day count; results for another exam do not', () => {
    const exam = rec('makeup-exam', '2025-09-13', 'reg-1');
    const sameDay = rec('makeup-results', '2025-09-13', 'reg-1', { relatesTo: exam.id });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [exam, sameDay] }), 'REG-MAKEUP-RESULTS', 'reg-1').status).toBe('met');
    const other = rec('makeup-results', '2025-09-15', 'reg-1', { relatesTo: 'another-exam' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [exam, other] }), 'REG-MAKEUP-RESULTS', 'reg-1').status).toBe('missed');
  });

  it('REG-MAKEUP-RESULTS: an override of 3 days, in force on the exam day, moves the deadline to 9/16', () => {
    const config = tenant({ overrides: [{ ruleId: 'REG-MAKEUP-RESULTS', param: 'days', value: 3, effectiveFrom: '2025-09-13' }] });
    const exam = rec('makeup-exam', '2025-09-13', 'reg-1');
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], config, records: [exam, rec('makeup-results', '2025-09-17', 'reg-1')] }), 'REG-MAKEUP-RESULTS', 'reg-1');
    expect(f).toMatchObject({ status: 'missed', period: { from: '2025-09-13', to: '2025-09-16' }, params: { days: 3 } });
  });

  it('REG-ACADEMIC-WARNING: a make-up exam held in the vacation after the term (2/10) is followed by a warning run that day', () => {
    const exam = rec('makeup-exam', '2026-02-10', 'reg-1');
    const f = find(run({ asOf: '2026-03-05T00:00:00+08:00', classes: [c1], records: [exam, rec('academic-warning-run', '2026-02-10', 'reg-1')] }), 'REG-ACADEMIC-WARNING', 'reg-1');
    expect(f).toMatchObject({ status: 'met', period: { from: '2026-02-10', to: '2026-02-10' } });
  });

  it('REG-ACADEMIC-WARNING: an exam held after the term’s span belongs to the next term', () => {
    const exam = rec('makeup-exam', '2026-03-02', 'reg-1');
    expect(all(run({ asOf: '2026-03-05T00:00:00+08:00', classes: [c1], records: [exam] }), 'REG-ACADEMIC-WARNING')).toHaveLength(0);
  });
});

describe('REG-STATUS-PROCESSING boundaries ("新学年第一学期开学一个月内")', () => {
  const failed = [{ studentId: 'c1-s01', count: 4 }];

  it('REG-STATUS-PROCESSING: a list from 30 days before the term (8/2) counts; one naming no student does not', () => {
    const early = rec('status-processing-list', '2025-08-02', 'reg-1', { studentIds: ['c1-s01'] });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], failedCourses: failed, records: [early] }), 'REG-STATUS-PROCESSING', 'reg-1')).toMatchObject({ status: 'met', period: { to: '2025-09-30' } });
    const tooEarly = rec('status-processing-list', '2025-08-01', 'reg-1', { studentIds: ['c1-s01'] });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], failedCourses: failed, records: [tooEarly] }), 'REG-STATUS-PROCESSING', 'reg-1').status).toBe('missed');
    const unnamed = rec('status-processing-list', '2025-09-10', 'reg-1');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], failedCourses: failed, records: [unnamed] }), 'REG-STATUS-PROCESSING', 'reg-1').status).toBe('missed');
  });

  it('REG-STATUS-PROCESSING: nobody with 4 failed courses is not applicable, naming the figure', () => {
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], failedCourses: [{ studentId: 'c1-s01', count: 3 }] }), 'REG-STATUS-PROCESSING', 'reg-1');
    expect(f).toMatchObject({ status: 'not-applicable', required: 0, reason: 'no student with 4 or more failed courses' });
  });

  it('REG-STATUS-PROCESSING: only the students of the registrar’s own classes are on their list', () => {
    const other = klass('c2', { registrarId: 'reg-2' });
    const ev = run({ asOf: AFTER_2025A, classes: [c1, other], failedCourses: [...failed, { studentId: 'c2-s01', count: 5 }] });
    expect(find(ev, 'REG-STATUS-PROCESSING', 'reg-1')).toMatchObject({ required: 1, missingIds: ['c1-s01'] });
    expect(find(ev, 'REG-STATUS-PROCESSING', 'reg-2')).toMatchObject({ required: 1, missingIds: ['c2-s01'] });
  });

  it('REG-STATUS-PROCESSING: a threshold of 3 failed courses and two months, from the term start, widen the list and the deadline (10/31)', () => {
    const config = tenant({
      overrides: [
        { ruleId: 'REG-STATUS-PROCESSING', param: 'minFailed', value: 3, effectiveFrom: '2025-09-01' },
        { ruleId: 'REG-STATUS-PROCESSING', param: 'months', value: 2, effectiveFrom: '2025-09-01' },
      ],
    });
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], config, failedCourses: [{ studentId: 'c1-s02', count: 3 }] }), 'REG-STATUS-PROCESSING', 'reg-1');
    expect(f).toMatchObject({ status: 'missed', required: 1, missingIds: ['c1-s02'], period: { to: '2025-10-31' } });
  });
});

describe('registrar thresholds a tenant changes (each differs from the seed figure)', () => {
  const override = (ruleId: string, param: string, value: number) => tenant({ overrides: [{ ruleId, param, value, effectiveFrom: '2025-09-01' }] });

  it('REG-REGISTRATION and REG-MAKEUP-EXAM: teaching week 3 moves both deadlines to Sunday 9/21', () => {
    const records = [rec('registration', '2025-09-21', 'reg-1', { classId: 'c1' }), rec('makeup-exam', '2025-09-20', 'reg-1')];
    const config = tenant({
      overrides: [
        { ruleId: 'REG-REGISTRATION', param: 'teachingWeek', value: 3, effectiveFrom: '2025-09-01' },
        { ruleId: 'REG-MAKEUP-EXAM', param: 'teachingWeek', value: 3, effectiveFrom: '2025-09-01' },
      ],
    });
    const ev = run({ asOf: AFTER_2025A, classes: [c1], config, records });
    expect(find(ev, 'REG-REGISTRATION', 'c1')).toMatchObject({ status: 'met', period: { to: '2025-09-21' } });
    expect(find(ev, 'REG-MAKEUP-EXAM', 'reg-1')).toMatchObject({ status: 'met', period: { to: '2025-09-21' } });
  });

  it('REG-ARCHIVE-PAPERS: 10 days from the start (9/1) run to 9/10', () => {
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], config: override('REG-ARCHIVE-PAPERS', 'days', 10), records: [rec('papers-archive', '2025-09-10', 'reg-1')] }), 'REG-ARCHIVE-PAPERS', 'reg-1');
    expect(f).toMatchObject({ status: 'met', period: { to: '2025-09-10' } });
  });

  it('REG-STATUS-PROCESSING: with the bar at 3 failed courses and nobody reaching it, the reason names 3', () => {
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], config: override('REG-STATUS-PROCESSING', 'minFailed', 3), failedCourses: [{ studentId: 'c1-s01', count: 2 }] }), 'REG-STATUS-PROCESSING', 'reg-1');
    expect(f).toMatchObject({ status: 'not-applicable', reason: 'no student with 3 or more failed courses' });
  });
});
