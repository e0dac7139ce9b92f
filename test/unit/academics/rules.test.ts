/** The academic rules on their own: pass marks, failed courses, credits, the warning list and certificate limits. */
import { describe, expect, it } from 'vitest';
import { certificateViolations } from '../../../domain/academics/certificates.js';
import { correctionViolations } from '../../../domain/academics/corrections.js';
import { programmeViolations, type Programme } from '../../../domain/academics/programmes.js';
import { creditsEarned, defaultAcademicSettings, failedCourses, passed, termOrder, type CourseResult } from '../../../domain/academics/results.js';
import { processingDueOn, warningList } from '../../../domain/academics/warning-run.js';

const result = (courseCode: string, termId: string, score: number, makeUpScore?: number): CourseResult => ({
  studentNumber: 's',
  classId: 'c',
  termId,
  courseCode,
  score,
  ...(makeUpScore !== undefined ? { makeUpScore } : {}),
  enteredBy: 'r',
  enteredAt: '2026-01-01T00:00:00Z',
});
const programme: Programme = {
  majorId: 'm',
  name: '会计学',
  level: 'undergraduate',
  studentType: 'open-education',
  requiredCredits: 6,
  courses: [
    { code: 'A', name: 'A', credits: 4, programmeTerm: 1, degreeCourse: false },
    { code: 'B', name: 'B', credits: 2.5, programmeTerm: 1, degreeCourse: false },
  ],
};

describe('pass mark', () => {
  it('a score equal to the pass mark passes; 0.1 below fails; the make-up counts when better', () => {
    expect(passed({ score: 60 }, 60)).toBe(true);
    expect(passed({ score: 59.9 }, 60)).toBe(false);
    expect(passed({ score: 40, makeUpScore: 60 }, 60)).toBe(true);
    expect(passed({ score: 40, makeUpScore: 59.9 }, 60)).toBe(false);
  });
});

describe('terms in time', () => {
  it('spring comes before autumn of the same year, and autumn before the next spring', () => {
    expect(termOrder('2025-spring')).toBeLessThan(termOrder('2025-autumn'));
    expect(termOrder('2025-autumn')).toBeLessThan(termOrder('2026-spring'));
  });
});

describe('failed courses', () => {
  it('a course failed in spring and passed in autumn is no longer failed as of autumn, and still failed as of spring', () => {
    const results = [result('A', '2025-spring', 30), result('A', '2025-autumn', 70), result('B', '2025-spring', 20)];
    expect(failedCourses(results, 60, '2025-spring')).toEqual(['A', 'B']);
    expect(failedCourses(results, 60, '2025-autumn')).toEqual(['B']);
  });
});

describe('credits earned', () => {
  it('counts each passed programme course once: A twice passed is 4, B failed is 0, a course outside the programme 0', () => {
    const results = [result('A', '2025-spring', 70), result('A', '2025-autumn', 80), result('B', '2025-spring', 50), result('Z', '2025-spring', 90)];
    expect(creditsEarned(results, programme, 60)).toBe(4);
    // B's make-up 60 passes: 4 + 2.5 = 6.5.
    expect(creditsEarned([...results, result('B', '2025-autumn', 50, 60)], programme, 60)).toBe(6.5);
  });
});

describe('the warning list', () => {
  const student = (studentNumber: string, results: CourseResult[]) => ({ studentNumber, classId: 'c', results });
  it('warns from the tenant’s count of failed courses in the term, lists for processing from the count in total', () => {
    const students = [
      student('a', [result('A', '2025-autumn', 10)]),
      student('b', [result('A', '2025-autumn', 10), result('B', '2025-autumn', 10)]),
      student('c', [result('A', '2025-spring', 10)]),
    ];
    // Default: 1 failed course in the term warns a (A) and b (A, B); c failed only in spring.
    expect(warningList('2025-autumn', students, defaultAcademicSettings).warned.map((s) => s.studentNumber)).toEqual(['a', 'b']);
    // Two needed: only b.
    expect(warningList('2025-autumn', students, { ...defaultAcademicSettings, warningFailedCourses: 2 }).warned.map((s) => s.studentNumber)).toEqual(['b']);
    // Processing at 2 in total: b (2 in autumn); a has 1, c has 1.
    expect(warningList('2025-autumn', students, { ...defaultAcademicSettings, processingFailedCourses: 2 }).processing.map((s) => s.studentNumber)).toEqual(['b']);
  });

  it('is due at the end of the first month of the first academic year whose first month has not passed', () => {
    const years = [{ start: '2025-09-01' }, { start: '2026-09-01' }];
    // 30 Sep 2025 is the last day of 2025-2026's first month: a document of that day is still in it.
    expect(processingDueOn('2025-09-30', years)).toBe('2025-09-30');
    expect(processingDueOn('2025-10-01', years)).toBe('2026-09-30');
    expect(processingDueOn('2026-10-01', years)).toBeUndefined();
  });
});

describe('programmes', () => {
  it('names a course listed twice and credits the courses cannot give', () => {
    // A 4 + B 2.5 = 6.5 offered: 6.5 required is reachable, 6.6 is not.
    expect(programmeViolations({ ...programme, requiredCredits: 6.5 })).toEqual([]);
    expect(programmeViolations({ ...programme, requiredCredits: 6.6 }).map((v) => v.code)).toEqual(['programme.credits-unreachable']);
    // A listed twice: named at its second place; 4 + 4 = 8 ≥ 6, so the credits are not what is wrong.
    expect(programmeViolations({ ...programme, courses: [programme.courses[0]!, programme.courses[0]!] }).map((v) => v.path.join('.'))).toEqual(['courses.1.code']);
  });
});

describe('corrections', () => {
  it('corrects only what is there, to another value', () => {
    expect(correctionViolations({ score: 50 }, 'makeUpScore', 70).map((v) => v.code)).toEqual(['correction.no-make-up']);
    expect(correctionViolations({ score: 50 }, 'score', 50).map((v) => v.code)).toEqual(['correction.unchanged']);
    expect(correctionViolations({ score: 50 }, 'score', 55)).toEqual([]);
  });
});

describe('grade certificates (不超过三次)', () => {
  const issued = (n: number) => Array.from({ length: n }, () => ({ purpose: 'job-fair' as const, by: 'r', at: '2026-01-01T00:00:00Z' }));
  it('the third job-fair certificate is issued, the fourth refused; personal transcripts are not counted', () => {
    expect(certificateViolations('job-fair', issued(2), 3, true)).toEqual([]);
    expect(certificateViolations('job-fair', issued(3), 3, true).map((v) => v.code)).toEqual(['certificate.limit-reached']);
    expect(certificateViolations('personal', issued(3), 3, true)).toEqual([]);
    expect(certificateViolations('job-fair', [], 3, false).map((v) => v.code)).toEqual(['certificate.not-graduate']);
  });
});
