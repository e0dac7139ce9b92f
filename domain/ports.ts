/**
 * What the domain needs from storage, named by role. The DynamoDB adapters in
 * functions/storage/ implement these; tests may implement them in memory.
 */
import type { ClassMeeting } from './records/class-meeting.js';
import type { TenantConfiguration } from './configuration.js';
import type { SchoolClass, Student, Unit } from './organisation.js';

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
  /** @throws AlreadyExistsError */
  createUnit(unit: Unit): Promise<void>;
  /**
   * Creates the class and its students in one transaction: all or nothing.
   * @throws AlreadyExistsError when the class or any student number exists in the tenant
   * @throws UnknownReferenceError when the class's unit does not exist
   */
  createClass(schoolClass: SchoolClass, students: readonly Student[]): Promise<void>;
  getClass(tenantId: string, classId: string): Promise<SchoolClass | undefined>;
  listStudents(tenantId: string, classId: string): Promise<Student[]>;
  /** The classes a staff member serves, and in which role. */
  classesServedBy(tenantId: string, userId: string): Promise<{ classId: string; role: 'class-teacher' | 'counselor' }[]>;
  /** Which of the given student numbers are registered in the class (read consistently). */
  studentsInClass(tenantId: string, classId: string, studentNumbers: readonly string[]): Promise<Set<string>>;
}

export interface ClassMeetingRepository {
  /** @throws AlreadyExistsError */
  create(meeting: ClassMeeting): Promise<void>;
  get(tenantId: string, classId: string, meetingId: string): Promise<ClassMeeting | undefined>;
  /** In submission order. @throws InvalidCursorError */
  list(tenantId: string, classId: string, page: PageRequest): Promise<Page<ClassMeeting>>;
  /** Every meeting of the class, for evaluation. */
  listAll(tenantId: string, classId: string): Promise<ClassMeeting[]>;
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
  /**
   * Stores a new revision and keeps the previous ones. Without `expectedRevision` the
   * tenant must have no configuration yet.
   * @throws AlreadyExistsError when creating and one exists
   * @throws StaleRevisionError when `expectedRevision` is not the current revision
   */
  save(tenantId: string, stored: StoredConfiguration, expectedRevision?: number): Promise<void>;
}
