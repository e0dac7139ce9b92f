/**
 * What the domain needs from storage, named by role. The DynamoDB adapters in
 * functions/storage/ implement these; tests may implement them in memory.
 */
import type { ClassMeeting } from './records/class-meeting.js';
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
  /** Which of the given student numbers are registered in the class (read consistently). */
  studentsInClass(tenantId: string, classId: string, studentNumbers: readonly string[]): Promise<Set<string>>;
}

export interface ClassMeetingRepository {
  /** @throws AlreadyExistsError */
  create(meeting: ClassMeeting): Promise<void>;
  get(tenantId: string, classId: string, meetingId: string): Promise<ClassMeeting | undefined>;
  /** In submission order. @throws InvalidCursorError */
  list(tenantId: string, classId: string, page: PageRequest): Promise<Page<ClassMeeting>>;
}
