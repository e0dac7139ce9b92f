/**
 * Programmes (专业) and their courses, per tenant (seed 003 电大学籍管理工作流程 四 课程注册:
 * "严格按照专业规则规定的学期进行"): a major at one level (本科, 专科) for one kind of student
 * (开放教育, 一村一, 助力计划, 课程开放), the credits it requires, and its courses with the term
 * of the programme they belong to. A site (the unit) offers majors to each grade (年级, the
 * term students entered) and term; a student studies one major of their grade at their site.
 */
import type { Violation } from '../violation.js';

export const levels = ['undergraduate', 'junior-college'] as const;
export type Level = (typeof levels)[number];
export const studentTypes = ['open-education', 'one-village-one', 'zhuli', 'open-courses'] as const;
export type StudentType = (typeof studentTypes)[number];

export interface Course {
  /** The course id (课程ID) of the programme's rules. */
  readonly code: string;
  readonly name: string;
  readonly credits: number;
  /** Which term of the programme it is registered in: 1 for the first term. */
  readonly programmeTerm: number;
  /** A degree course (学位课程): only students who seek the degree register it. */
  readonly degreeCourse: boolean;
}

export interface Programme {
  readonly majorId: string;
  readonly name: string;
  readonly level: Level;
  readonly studentType: StudentType;
  readonly requiredCredits: number;
  readonly courses: readonly Course[];
}

/** The majors a site offers to a grade in a term. */
export interface Offering {
  readonly grade: string;
  readonly majorIds: readonly string[];
}

/** A student's place in a programme; level and type follow from the major, the site from the student's class. */
export interface Enrolment {
  readonly majorId: string;
  /** The term the student entered (年级), e.g. 2025-autumn. */
  readonly grade: string;
}

/** A programme's own consistency: each course code once, and the courses can give the credits it requires. */
export function programmeViolations(programme: Omit<Programme, 'majorId'>): Violation[] {
  const out: Violation[] = [];
  const seen = new Set<string>();
  programme.courses.forEach((course, index) => {
    if (seen.has(course.code)) out.push({ path: ['courses', index, 'code'], code: 'programme.duplicate-course', message: `course ${course.code} is listed twice`, zh: `课程 ${course.code} 重复` });
    seen.add(course.code);
  });
  const offered = programme.courses.reduce((sum, course) => sum + course.credits, 0);
  if (offered < programme.requiredCredits) {
    out.push({
      path: ['requiredCredits'],
      code: 'programme.credits-unreachable',
      message: `the courses give ${offered} credits, fewer than the ${programme.requiredCredits} required`,
      zh: `课程学分合计 ${offered}，少于要求的 ${programme.requiredCredits} 学分`,
    });
  }
  return out;
}

/**
 * A student may be placed in a major that exists and that their site offers to their grade
 * (in any term it lists that grade). `offerings` are the site's, every term.
 */
export function enrolmentViolations(enrolment: Enrolment, programme: Programme | undefined, offerings: readonly Offering[]): Violation[] {
  if (programme === undefined) {
    return [{ path: ['majorId'], code: 'enrolment.unknown-major', message: `there is no major ${enrolment.majorId}`, zh: `没有专业 ${enrolment.majorId}` }];
  }
  const offered = offerings.some((offering) => offering.grade === enrolment.grade && offering.majorIds.includes(enrolment.majorId));
  return offered
    ? []
    : [{ path: ['majorId'], code: 'enrolment.not-offered', message: `the student's site does not offer ${enrolment.majorId} to grade ${enrolment.grade}`, zh: `学生所在教学点未向 ${enrolment.grade} 级开设专业 ${enrolment.majorId}` }];
}

/** Offerings name majors that exist; each grade once. */
export function offeringViolations(offerings: readonly Offering[], majorIds: ReadonlySet<string>): Violation[] {
  const out: Violation[] = [];
  const grades = new Set<string>();
  offerings.forEach((offering, index) => {
    if (grades.has(offering.grade)) out.push({ path: ['grades', index, 'grade'], code: 'offering.duplicate-grade', message: `grade ${offering.grade} is listed twice`, zh: `年级 ${offering.grade} 重复` });
    grades.add(offering.grade);
    offering.majorIds.forEach((majorId, at) => {
      if (!majorIds.has(majorId)) out.push({ path: ['grades', index, 'majorIds', at], code: 'offering.unknown-major', message: `there is no major ${majorId}`, zh: `没有专业 ${majorId}` });
    });
  });
  return out;
}
