/**
 * What the domain needs from storage, named by role. The DynamoDB adapters in
 * functions/storage/ implement these; tests may implement them in memory.
 */
import type { TenantConfiguration } from './configuration.js';
import type { AccessGrant, RevealEntry } from './privacy.js';
import type { ClassStaffRole, ClassStaffChange, CourseTeachers, SchoolClass, StaffMember, Student, Tenant, Unit } from './organisation.js';
import type { SubmittableKind } from './records/kinds.js';
import type { StaffRecord } from './records/record.js';
import type { StudentStatus } from './student-status.js';
import type { FactOwner, StoredFact } from './facts.js';
import type { LocalDate } from './time.js';

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque; present when there may be more items. */
  readonly nextCursor?: string;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}

export interface RosterRepository {
  getTenant(tenantId: string): Promise<Tenant | undefined>;
  /** @throws AlreadyExistsError (version 1 of one recorded) / StaleRevisionError */
  putTenant(next: Tenant): Promise<void>;
  /** @throws AlreadyExistsError */
  createUnit(unit: Unit): Promise<void>;
  getUnit(tenantId: string, unitId: string): Promise<Unit | undefined>;
  /**
   * Creates the class and its students in one transaction: all or nothing.
   * @throws AlreadyExistsError when the class or any student number exists in the tenant
   * @throws UnknownReferenceError when the class's unit does not exist
   */
  createClass(schoolClass: SchoolClass, students: readonly Student[], staffing: ClassStaffChange): Promise<void>;
  getClass(tenantId: string, classId: string): Promise<SchoolClass | undefined>;
  /**
   * Replaces the class's staff and their assignments and keeps the change, as one transaction.
   * @throws StaleRevisionError when the class is no longer at `next.version - 1`
   */
  changeStaff(previous: SchoolClass, next: SchoolClass, change: ClassStaffChange): Promise<void>;
  /** Every change of the class's staff, oldest first. */
  staffChanges(tenantId: string, classId: string): Promise<ClassStaffChange[]>;
  listStudents(tenantId: string, classId: string): Promise<Student[]>;
  getStudent(tenantId: string, studentNumber: string): Promise<Student | undefined>;
  /** The classes a staff member serves, and in which role. */
  classesServedBy(tenantId: string, userId: string): Promise<{ classId: string; role: ClassStaffRole }[]>;
  /** Every term's course teachers of a class. */
  courseTeachersOf(tenantId: string, classId: string): Promise<CourseTeachers[]>;
  /**
   * Sets a term's course teachers: version 1 when new, else the next after the one read.
   * @throws AlreadyExistsError when setting version 1 and the term has them already
   * @throws StaleRevisionError when the stored version is not `next.version - 1`
   */
  setCourseTeachers(next: CourseTeachers): Promise<void>;
  getStaffMember(tenantId: string, userId: string): Promise<StaffMember | undefined>;
  /** Staff of a unit, by user id (read from an index). */
  staffOfUnit(tenantId: string, unitId: string): Promise<StaffMember[]>;
  /**
   * Records a staff member: version 1 when new, else the next after the one read.
   * @throws AlreadyExistsError when recording version 1 of someone recorded already
   * @throws StaleRevisionError when the stored version is not `next.version - 1`
   */
  putStaffMember(next: StaffMember): Promise<void>;
  /** The students of the tenant with these numbers, read consistently. */
  studentsByNumber(tenantId: string, studentNumbers: readonly string[]): Promise<Map<string, Student>>;
  /**
   * Adds students to a class, all or nothing (in chunks of one transaction each; chunks
   * already written are taken back when a later one fails).
   * @throws AlreadyExistsError naming the first student number taken meanwhile
   */
  addStudents(schoolClass: SchoolClass, students: readonly Student[]): Promise<void>;
  /** Which of the given student numbers are registered in the class (read consistently). */
  studentsInClass(tenantId: string, classId: string, studentNumbers: readonly string[]): Promise<Set<string>>;
}

export interface StatusRepository {
  /** @throws AlreadyExistsError */
  create(status: StudentStatus): Promise<void>;
  /** Stores the lifted status over the version read. @throws StaleRevisionError */
  lift(next: StudentStatus): Promise<void>;
  /** All or nothing. @throws AlreadyExistsError */
  importAll(statuses: readonly StudentStatus[]): Promise<void>;
  /** Every status of a class's students, read consistently. */
  ofClass(tenantId: string, classId: string): Promise<StudentStatus[]>;
  ofStudent(tenantId: string, classId: string, studentNumber: string): Promise<StudentStatus[]>;
}

export interface FactRepository {
  get<C>(tenantId: string, owner: FactOwner, fact: string): Promise<StoredFact<C> | undefined>;
  /** The owner's facts whose name starts with `prefix`, read consistently. */
  list<C>(tenantId: string, owner: FactOwner, prefix: string): Promise<StoredFact<C>[]>;
  /** @throws AlreadyExistsError (version 1 of one set) / StaleRevisionError */
  put(next: StoredFact): Promise<void>;
  /** Version 1 of each, all or nothing. @throws AlreadyExistsError naming a fact set meanwhile */
  createAll(facts: readonly StoredFact[]): Promise<void>;
  /** @throws ItemTooLargeError when the fact is larger than storage holds */
  assertFits(fact: StoredFact): void;
  /** Several facts in one transaction, each over the version read. @throws StaleRevisionError */
  changeTogether(nexts: readonly StoredFact[]): Promise<void>;
}

export interface RecordFilter {
  readonly kind?: SubmittableKind;
  /** Inclusive bounds on the day the record is about. */
  readonly from?: LocalDate;
  readonly to?: LocalDate;
}

export interface RecordRepository {
  /** Stores version 1. @throws AlreadyExistsError */
  create(record: StaffRecord): Promise<void>;
  /**
   * Stores imported records. Their ids derive from the import's key, so an import cut
   * short (a storage failure, a timeout) is completed by sending it again: records an
   * earlier attempt wrote are recognised, never written twice.
   */
  importAll(records: readonly StaffRecord[]): Promise<{ written: number; alreadyPresent: number }>;
  get(tenantId: string, recordId: string): Promise<StaffRecord | undefined>;
  /** Every version, oldest first. */
  versions(tenantId: string, recordId: string): Promise<StaffRecord[]>;
  /**
   * Stores the next version (a correction or withdrawal) and keeps the previous.
   * @throws StaleRevisionError when the record is no longer at `next.version - 1`
   */
  change(next: StaffRecord): Promise<void>;
  /** By kind, then the day they are about. Read from an index: may lag a write by a moment. */
  listByClass(tenantId: string, classId: string, filter: RecordFilter, page: PageRequest): Promise<Page<StaffRecord>>;
  listByAuthor(tenantId: string, authorId: string, filter: RecordFilter, page: PageRequest): Promise<Page<StaffRecord>>;
  /** Every current record of a class or author, for evaluation. */
  allOfClass(tenantId: string, classId: string): Promise<StaffRecord[]>;
  allOfAuthor(tenantId: string, authorId: string): Promise<StaffRecord[]>;
}

export interface PrivacyRepository {
  /** @throws AlreadyExistsError */
  createGrant(grant: AccessGrant): Promise<void>;
  getGrant(tenantId: string, grantId: string): Promise<AccessGrant | undefined>;
  /** Stores the decision on a pending request. @throws StaleRevisionError when it was decided already */
  decide(grant: AccessGrant): Promise<void>;
  grantsOfRequester(tenantId: string, userId: string): Promise<AccessGrant[]>;
  grantsOfUnit(tenantId: string, unitId: string): Promise<AccessGrant[]>;
  /** Written before the data is returned: no reveal without its log entry. */
  logReveal(entry: RevealEntry): Promise<void>;
  reveals(tenantId: string, by: { studentNumber: string } | { userId: string }, page: PageRequest): Promise<Page<RevealEntry>>;
}

export interface StoredConfiguration {
  readonly configuration: TenantConfiguration;
  /** Starts at 1 and grows by one with every change; the API's ETag. */
  readonly revision: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface ConfigurationRepository {
  get(tenantId: string): Promise<StoredConfiguration | undefined>;
  /** A revision as it was saved (every revision is kept); undefined when the tenant never had it. */
  getRevision(tenantId: string, revision: number): Promise<StoredConfiguration | undefined>;
  /**
   * Stores a new revision and keeps the previous ones. Without `expectedRevision` the
   * tenant must have no configuration yet.
   * @throws AlreadyExistsError when creating and one exists
   * @throws StaleRevisionError when `expectedRevision` is not the current revision
   */
  save(tenantId: string, stored: StoredConfiguration, expectedRevision?: number): Promise<void>;
}
