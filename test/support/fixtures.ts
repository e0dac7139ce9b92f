/** Principals and roster bodies the handler tests share. */
import type { Principal } from '../../domain/access.js';
import type { SchoolClass } from '../../domain/organisation.js';

type Persona = 'admin' | 'director' | 'otherDirector' | 'teacher' | 'otherTeacher' | 'supervisor' | 'stranger';

export function principals(tenantId: string, unitId: string): Record<Persona, Principal> {
  return {
    admin: { userId: 'admin-1', tenantId, roles: ['tenant-admin'] },
    director: { userId: 'director-1', tenantId, unitId, roles: ['center-director'] },
    otherDirector: { userId: 'director-2', tenantId, unitId: 'elsewhere', roles: ['center-director'] },
    teacher: { userId: 'teacher-1', tenantId, unitId, roles: ['class-teacher'] },
    otherTeacher: { userId: 'teacher-2', tenantId, unitId, roles: ['class-teacher'] },
    supervisor: { userId: 'supervisor-1', tenantId, roles: ['supervisor'] },
    stranger: { userId: 'admin-x', tenantId: 'another-tenant', roles: ['tenant-admin'] },
  };
}

export function classBody(classId: string, unitId: string, studentNumbers: readonly string[]) {
  return {
    classId,
    unitId,
    name: '2025级会计学1班',
    cohort: 'new',
    entryTerm: '2025-autumn',
    classTeacherId: 'teacher-1',
    students: studentNumbers.map((studentNumber, i) => ({ studentNumber, name: `学生${i + 1}` })),
  };
}

/** A stored class of tenant `t1`, unit `u1`, served by `teacher-1` and `counselor-1`, for the access policy's tests. */
export const servedClass: SchoolClass = {
  tenantId: 't1',
  classId: 'c1',
  unitId: 'u1',
  name: '会计1班',
  cohort: 'new',
  version: 1,
  entryTerm: '2025-autumn',
  classTeacherId: 'teacher-1',
  counselorId: 'counselor-1',
};

/** Two academic years, 2025-2026 and 2026-2027, with their three terms: results span terms and a warning run looks into the next year. */
export const twoAcademicYears = {
  academicYears: [
    { id: '2025-2026', start: '2025-09-01', end: '2026-08-31' },
    { id: '2026-2027', start: '2026-09-01', end: '2027-08-31' },
  ],
  terms: [
    { id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' },
    { id: '2026-spring', start: '2026-03-02', end: '2026-07-10', academicYearId: '2025-2026' },
    { id: '2026-autumn', start: '2026-09-01', end: '2027-01-15', academicYearId: '2026-2027' },
  ],
};
