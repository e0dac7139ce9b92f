/**
 * Private fields and who may see them (DOMAIN.md §7; seed 001 §七, seed 002 §九,
 * seed 003 1.4): staff see what their role needs for a student; anything else needs an
 * access grant — requested with a reason, limited to named fields of named students and
 * to a time, approved by the responsible director — and every read through a grant is
 * logged.
 */
import type { Principal } from './access.js';
import type { SchoolClass } from './organisation.js';

export const studentPrivateFields = ['gender', 'birthDate', 'idNumber', 'phone', 'address', 'guardians'] as const;
export type StudentPrivateField = (typeof studentPrivateFields)[number];

/**
 * What a grant can cover: a student's own private fields, `recordNotes` — the private
 * content of records that name the student (talk notes, incident descriptions) — and
 * `grades`, the scores of their course results.
 */
export const grantableFields = [...studentPrivateFields, 'recordNotes', 'grades'] as const;
export type GrantableField = (typeof grantableFields)[number];

/** What a role needs by its work, for the students of a class. */
export function fieldsNeededByRole(principal: Principal, schoolClass: SchoolClass): Set<StudentPrivateField> {
  const needed = new Set<StudentPrivateField>();
  const servesClass =
    (principal.roles.includes('class-teacher') && schoolClass.classTeacherId === principal.userId) ||
    (principal.roles.includes('counselor') && schoolClass.counselorId === principal.userId);
  // A class teacher or counselor contacts their students and the parents (家长联系).
  if (servesClass) for (const field of ['phone', 'guardians'] as const) needed.add(field);
  // The registrar keeps the registration itself (学籍注册).
  if (principal.roles.includes('registrar')) for (const field of studentPrivateFields) needed.add(field);
  return needed;
}

export interface AccessGrant {
  readonly tenantId: string;
  readonly grantId: string;
  readonly requesterId: string;
  /** The unit whose director decides: the unit of every named student's class. */
  readonly unitId: string;
  readonly studentNumbers: readonly string[];
  readonly fields: readonly GrantableField[];
  readonly reason: string;
  /** How long the grant lasts once approved. */
  readonly days: number;
  readonly state: 'pending' | 'approved' | 'refused';
  readonly requestedAt: string;
  readonly decision?: { readonly by: string; readonly at: string; readonly note?: string; readonly expiresAt?: string };
}

/** Grants last at most a month; a longer need is asked for again. */
export const maxGrantDays = 31;

export function isActive(grant: AccessGrant, now: Date): boolean {
  return grant.state === 'approved' && grant.decision?.expiresAt !== undefined && Date.parse(grant.decision.expiresAt) > now.getTime();
}

/** The fields of a student that the caller's active grants reveal, and by which grant. */
export function revealedByGrants(grants: readonly AccessGrant[], studentNumber: string, now: Date): Map<GrantableField, string> {
  const revealed = new Map<GrantableField, string>();
  for (const grant of grants) {
    if (!isActive(grant, now) || !grant.studentNumbers.includes(studentNumber)) continue;
    for (const field of grant.fields) if (!revealed.has(field)) revealed.set(field, grant.grantId);
  }
  return revealed;
}

/** The director of the unit decides on requests for its students' data. */
export function canDecideGrant(principal: Principal, grant: AccessGrant): boolean {
  return principal.roles.includes('center-director') && principal.unitId === grant.unitId && principal.userId !== grant.requesterId;
}

/** A record in the reveal log: who read which private fields of whom, through which grant. */
export interface RevealEntry {
  readonly tenantId: string;
  readonly entryId: string;
  readonly at: string;
  readonly userId: string;
  readonly studentNumber: string;
  readonly fields: readonly GrantableField[];
  readonly grantId: string;
  readonly route: string;
}

export interface StudentView {
  /** The student with only the private fields the caller may see. */
  readonly visible: Readonly<Record<string, unknown>>;
  readonly maskedFields: readonly StudentPrivateField[];
  /** Fields seen only through a grant, by grant: each must be logged. */
  readonly revealedThroughGrants: ReadonlyMap<string, readonly StudentPrivateField[]>;
}

/** What of a student's private fields a caller sees: what their role needs, plus what grants reveal. */
export function studentView(
  student: Readonly<Record<string, unknown>>,
  needed: ReadonlySet<StudentPrivateField>,
  revealed: ReadonlyMap<GrantableField, string>,
): StudentView {
  const present = studentPrivateFields.filter((field) => student[field] !== undefined);
  const visible: Record<string, unknown> = Object.fromEntries(
    Object.entries(student).filter(([field]) => !(studentPrivateFields as readonly string[]).includes(field)),
  );
  const maskedFields: StudentPrivateField[] = [];
  const revealedThroughGrants = new Map<string, StudentPrivateField[]>();
  for (const field of present) {
    const grantId = revealed.get(field);
    if (needed.has(field)) visible[field] = student[field];
    else if (grantId !== undefined) {
      visible[field] = student[field];
      revealedThroughGrants.set(grantId, [...(revealedThroughGrants.get(grantId) ?? []), field]);
    } else maskedFields.push(field);
  }
  return { visible, maskedFields, revealedThroughGrants };
}

/**
 * The grants that open a record's private content to a caller: for each student the record
 * names, an active grant of `recordNotes` from the record's unit (the first found).
 */
export function recordNotesGrants(grants: readonly AccessGrant[], studentNumbers: readonly string[], unitId: string, now: Date): Map<string, string> {
  // Only grants decided by the director of the record's own unit count.
  const ofUnit = grants.filter((grant) => grant.unitId === unitId);
  const opened = new Map<string, string>();
  for (const studentNumber of studentNumbers) {
    const grantId = revealedByGrants(ofUnit, studentNumber, now).get('recordNotes');
    if (grantId !== undefined) opened.set(studentNumber, grantId);
  }
  return opened;
}
