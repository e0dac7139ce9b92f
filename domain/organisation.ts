/**
 * The organisation a tenant runs (DOMAIN.md §1): units such as learning centers,
 * colleges and departments (系); classes (班级) inside a unit; students in a class.
 */
import type { Violation } from './violation.js';

/**
 * The organisation that uses Xuewu (a headquarters with its learning centers, a college):
 * the identity provider names it in every token; this is what it records about itself.
 */
export interface Tenant {
  readonly tenantId: string;
  readonly name: string;
  readonly kind: 'headquarters' | 'college' | 'school';
  /** 1 when first recorded; each change adds one (If-Match). */
  readonly version: number;
}

export const unitKinds = ['learning-center', 'college', 'department'] as const;
export type UnitKind = (typeof unitKinds)[number];

export interface Unit {
  readonly tenantId: string;
  readonly unitId: string;
  readonly name: string;
  readonly kind: UnitKind;
}

/**
 * A class is a new-student class (新生) in its first term and a returning class (老生)
 * after; quotas differ between the two (CT-MEETING-NEW vs CT-MEETING-OLD).
 */
export const cohorts = ['new', 'returning'] as const;
export type Cohort = (typeof cohorts)[number];

export interface SchoolClass {
  readonly tenantId: string;
  readonly classId: string;
  readonly unitId: string;
  readonly name: string;
  readonly cohort: Cohort;
  /** The term the class enrolled in, e.g. `2025-autumn`. */
  readonly entryTerm: string;
  /** The day it enrolled (入学) when later than the entry term's start: deadlines counted from enrolment start then. */
  readonly enrolledOn?: string;
  /** Staff serving the class, by their user id (the identity provider's `sub`). */
  readonly classTeacherId?: string;
  readonly counselorId?: string;
  /** The registrar (学籍管理员) keeping the class's student status work (seed 003). */
  readonly registrarId?: string;
  /** 1 when created; each change of its staff adds one (If-Match). */
  readonly version: number;
}

/** Who serves a class in each role. */
export interface ClassStaff {
  readonly classTeacherId?: string;
  readonly counselorId?: string;
  readonly registrarId?: string;
}

/** The roles of a class's staff, and the field that names each holder. */
export const classStaffRoles = [
  ['class-teacher', 'classTeacherId'],
  ['counselor', 'counselorId'],
  ['registrar', 'registrarId'],
] as const;
export type ClassStaffRole = (typeof classStaffRoles)[number][0];

/**
 * One change of a class's staff, kept for good: who served before and after, who made
 * the change and when. Serving a class opens its private data to the role (DOMAIN.md §7),
 * so every hand-over stays on record.
 */
export interface ClassStaffChange {
  readonly tenantId: string;
  readonly classId: string;
  /** The class version the change made. */
  readonly version: number;
  readonly before: ClassStaff;
  readonly after: ClassStaff;
  readonly by: string;
  readonly at: string;
}

export interface Guardian {
  readonly name: string;
  /** e.g. 父亲, 母亲 */
  readonly relation: string;
  readonly phone: string;
}

/**
 * The registration fields of seed 003 (学籍注册: 姓名、性别、出生日期、身份证号、家庭住址)
 * and the contacts a class teacher works with. All but the number and name are private
 * (DOMAIN.md §7): see domain/privacy.ts for who sees them.
 */
export interface StudentProfile {
  readonly gender?: 'male' | 'female';
  readonly birthDate?: string;
  readonly idNumber?: string;
  readonly phone?: string;
  readonly address?: string;
  readonly guardians?: readonly Guardian[];
}

export interface Student extends StudentProfile {
  readonly tenantId: string;
  /** Unique per tenant (学号). */
  readonly studentNumber: string;
  readonly name: string;
  readonly classId: string;
  /** 毕业生电子注册号 (51161…): graduates' evidence folders are named by it (seed 003 五 2(2)). */
  readonly registrationNumber?: string;
}

/**
 * 居民身份证号码 (GB 11643-1999): 17 digits and a check character, the ISO 7064 MOD 11-2
 * checksum of the first 17 (X stands for 10); the 7th–14th digits are the birth date.
 */
export function isValidResidentIdNumber(idNumber: string): boolean {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(idNumber[i]), 0);
  const check = '10X98765432'[sum % 11];
  return idNumber[17] === check;
}

/** The oldest a student is taken to be: a birth date further back is a typing slip. */
export const oldestStudentYears = 100;

/**
 * A birth date is in the past (Asia/Shanghai), and at most 100 years back: the schema
 * holds every date to 1900–2100, this holds it to what `today` makes plausible.
 */
export function birthDateViolations(entries: readonly { readonly birthDate?: string | undefined }[], today: string, at: readonly (string | number)[] = ['students']): Violation[] {
  const earliest = `${String(Number(today.slice(0, 4)) - oldestStudentYears).padStart(4, '0')}${today.slice(4)}`;
  return entries.flatMap(({ birthDate }, index) =>
    birthDate === undefined || (birthDate < today && birthDate >= earliest)
      ? []
      : [{ path: [...at, index, 'birthDate'], code: 'student.birth-date-implausible', message: `a birth date lies between ${earliest} and yesterday`, zh: `出生日期须在${earliest}至昨天之间` }],
  );
}

/** The course teachers (任课教师) of a class in a term: CO-TEACHER-CONTACT asks that each is contacted. */
export interface CourseTeachers {
  readonly tenantId: string;
  readonly classId: string;
  readonly termId: string;
  readonly teacherIds: readonly string[];
  /** 1 when first set; each change adds one (If-Match). */
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/**
 * A staff member as the institution records them: name and where they work (unit, and
 * for colleges the department 系). Their roles are the identity provider's groups, which
 * every access decision reads; they are not copied here, so the two cannot disagree.
 */
export interface StaffMember {
  readonly tenantId: string;
  readonly userId: string;
  readonly name: string;
  readonly unitId: string;
  readonly department?: string;
  /** 1 when first recorded; each change adds one (If-Match). */
  readonly version: number;
}
