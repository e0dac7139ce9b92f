import { describe, expect, it } from 'vitest';
import { AFTER_2025A, find, klass, rec, run, tenant } from './fixtures.js';

const c1 = klass('c1'); // registrar reg-1, class teacher ct-c1

describe('REG-UNREGISTERED-LIST', () => {
  const list = (numbers: string[], day = '2025-09-12') => rec('unregistered-list', day, 'ct-c1', { classId: 'c1', studentNumbers: numbers });
  it('a list with 8-digit student numbers by the end of week 2 is met', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [list(['25010001', '25010002'])] }), 'REG-UNREGISTERED-LIST', 'c1').status).toBe('met');
  });
  it('by default any registered number counts (13 digits as much as 8): the format is the tenant’s', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [list(['2611001501001'])] }), 'REG-UNREGISTERED-LIST', 'c1').status).toBe('met');
  });
  it('where the tenant requires 8 digits, a 7-digit number makes the list not count, and says why', () => {
    const base = tenant();
    const config = { ...base, overrides: [{ ruleId: 'REG-UNREGISTERED-LIST', param: 'studentNumberDigits', value: 8, effectiveFrom: '2025-01-01' }] };
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], records: [list(['2501001'])], config }), 'REG-UNREGISTERED-LIST', 'c1');
    expect(f.status).toBe('missed');
    expect(f.reason).toMatch(/8 digits/);
  });
  it('a list after week 2 is missed', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [list([], '2025-09-15')] }), 'REG-UNREGISTERED-LIST', 'c1').status).toBe('missed');
  });
});

describe('REG-REGISTRATION', () => {
  it('registration done by Sunday of week 2 (9/14), not the Monday after', () => {
    const ok = rec('registration', '2025-09-14', 'reg-1', { classId: 'c1' });
    const late = rec('registration', '2025-09-15', 'reg-1', { classId: 'c1' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [ok] }), 'REG-REGISTRATION', 'c1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [late] }), 'REG-REGISTRATION', 'c1').status).toBe('missed');
  });
});

describe('REG-ARCHIVE-PAPERS', () => {
  it('last term\'s papers archived within the first week (9/1–9/7)', () => {
    const ok = rec('papers-archive', '2025-09-07', 'reg-1', { covers: '2025S' });
    const late = rec('papers-archive', '2025-09-08', 'reg-1', { covers: '2025S' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [ok] }), 'REG-ARCHIVE-PAPERS', 'reg-1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [late] }), 'REG-ARCHIVE-PAPERS', 'reg-1').status).toBe('missed');
  });
});

describe('REG-MAKEUP-EXAM', () => {
  it('held by the end of week 2', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [rec('makeup-exam', '2025-09-13', 'reg-1')] }), 'REG-MAKEUP-EXAM', 'reg-1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [rec('makeup-exam', '2025-09-20', 'reg-1')] }), 'REG-MAKEUP-EXAM', 'reg-1').status).toBe('missed');
  });
});

describe('REG-MAKEUP-RESULTS', () => {
  it('results within one week after the make-up exam', () => {
    const exam = rec('makeup-exam', '2025-09-13', 'reg-1');
    const ok = rec('makeup-results', '2025-09-20', 'reg-1', { relatesTo: exam.id });
    const late = rec('makeup-results', '2025-09-21', 'reg-1', { relatesTo: exam.id });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [exam, ok] }), 'REG-MAKEUP-RESULTS', 'reg-1', `makeup:${exam.id}`).status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [exam, late] }), 'REG-MAKEUP-RESULTS', 'reg-1').status).toBe('missed');
  });
});

describe('REG-ACADEMIC-WARNING', () => {
  it('a warning run after each make-up round, by term end', () => {
    const exam = rec('makeup-exam', '2025-09-13', 'reg-1');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [exam, rec('academic-warning-run', '2025-10-10', 'reg-1')] }), 'REG-ACADEMIC-WARNING', 'reg-1').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [exam, rec('academic-warning-run', '2025-09-01', 'reg-1')] }), 'REG-ACADEMIC-WARNING', 'reg-1').status).toBe('missed');
  });
});

describe('REG-STATUS-PROCESSING', () => {
  const failed = [
    { studentId: 'c1-s01', count: 4 },
    { studentId: 'c1-s02', count: 3 },
  ];
  it('students with ≥ 4 failed courses listed within the first month of the academic year', () => {
    const ok = rec('status-processing-list', '2025-09-30', 'reg-1', { studentIds: ['c1-s01'] });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], failedCourses: failed, records: [ok] }), 'REG-STATUS-PROCESSING', 'reg-1')).toMatchObject({ status: 'met', required: 1 });
    const late = rec('status-processing-list', '2025-10-01', 'reg-1', { studentIds: ['c1-s01'] });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], failedCourses: failed, records: [late] }), 'REG-STATUS-PROCESSING', 'reg-1')).toMatchObject({ status: 'missed', missingIds: ['c1-s01'] });
  });
  it('is not applicable in the second term of the academic year', () => {
    const f = find(run({ asOf: '2026-07-20T00:00:00+08:00', termId: '2026S', classes: [c1], failedCourses: failed }), 'REG-STATUS-PROCESSING', 'reg-1');
    expect(f.status).toBe('not-applicable');
  });
});
