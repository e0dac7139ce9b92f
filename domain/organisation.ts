/**
 * The organisation a tenant runs (DOMAIN.md §1): units such as learning centers,
 * colleges and departments (系); classes (班级) inside a unit; students in a class.
 */

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
  /** Staff serving the class, by their user id (the identity provider's `sub`). */
  readonly classTeacherId?: string;
  readonly counselorId?: string;
}

export interface Student {
  readonly tenantId: string;
  /** Unique per tenant (学号). */
  readonly studentNumber: string;
  readonly name: string;
  readonly classId: string;
}
