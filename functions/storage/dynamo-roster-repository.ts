import { BatchGetRequest } from 'dynamodb-toolbox/entity/actions/batchGet';
import { DeleteItemCommand } from 'dynamodb-toolbox/entity/actions/delete';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { ConditionCheck } from 'dynamodb-toolbox/entity/actions/transactCheck';
import { DeleteTransaction } from 'dynamodb-toolbox/entity/actions/transactDelete';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { execute as executeTransaction } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { AlreadyExistsError, StaleRevisionError, UnknownReferenceError } from '../../domain/errors.js';
import { classStaffRoles, type ClassStaffRole } from '../../domain/organisation.js';
import type { ClassStaffChange, CourseTeachers, SchoolClass, StaffMember, Student, Tenant, Unit } from '../../domain/organisation.js';
import type { RosterRepository } from '../../domain/ports.js';
import { failedTransactionConditions, isConditionalCheckFailed } from './dynamo-errors.js';
import { everyPage, readByKeys } from './reading.js';
import { keys, type Storage } from './table.js';

/**
 * DynamoDB allows 100 actions in a transaction; the unit check, the class, its two staff
 * assignments and the record of who gave it its staff take five. (The registrar is assigned
 * afterwards, by `PUT …/staff`: creating a class names its class teacher and counselor only.)
 */
export const maxStudentsPerClassCreate = 95;
/** One transaction: the class check and 99 students. */
const studentsPerTransaction = 99;

export class DynamoRosterRepository implements RosterRepository {
  constructor(private readonly storage: Storage) {}

  async getTenant(tenantId: string): Promise<Tenant | undefined> {
    const { Item } = await this.storage.tenant.build(GetItemCommand).key({ tenantId }).options({ consistent: true }).send();
    return Item;
  }

  putTenant(next: Tenant): Promise<void> {
    return putVersion(next.version, { what: 'tenant', id: next.tenantId, path: [] }, (condition) =>
      this.storage.tenant.build(PutItemCommand).item(next).options({ condition }).send(),
    );
  }

  async createUnit(unit: Unit): Promise<void> {
    try {
      await this.storage.unit
        .build(PutItemCommand)
        .item(unit)
        .options({ condition: { attr: 'pk', exists: false } })
        .send();
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw new AlreadyExistsError('unit', unit.unitId, ['unitId'], { cause: error });
      throw error;
    }
  }

  async getUnit(tenantId: string, unitId: string): Promise<Unit | undefined> {
    const { Item } = await this.storage.unit.build(GetItemCommand).key({ tenantId, unitId }).options({ consistent: true }).send();
    return Item;
  }

  async createClass(schoolClass: SchoolClass, students: readonly Student[], staffing: ClassStaffChange): Promise<void> {
    const { unit, schoolClass: classEntity, student, staffAssignment, classStaffChange } = this.storage;
    const unitMustExist = unit
      .build(ConditionCheck)
      .key({ tenantId: schoolClass.tenantId, unitId: schoolClass.unitId })
      .condition({ attr: 'pk', exists: true });
    const putClass = classEntity
      .build(PutTransaction)
      .item(schoolClass)
      .options({ condition: { attr: 'pk', exists: false } });
    const putAssignments = assignmentsOf(schoolClass).map((assignment) =>
      staffAssignment.build(PutTransaction).item(assignment).options({ condition: { attr: 'pk', exists: false } }),
    );
    const putStudents = students.map((s) =>
      student.build(PutTransaction).item(s).options({ condition: { attr: 'pk', exists: false } }),
    );
    // Last, so a student's failure keeps its place: 2 + assignments + its index.
    const keepStaffing = classStaffChange.build(PutTransaction).item(staffing).options({ condition: { attr: 'pk', exists: false } });
    try {
      await executeTransaction(unitMustExist, putClass, ...putAssignments, ...putStudents, keepStaffing);
    } catch (error) {
      const failed = failedTransactionConditions(error);
      if (failed === undefined || failed.length === 0) throw error;
      // Report the first failure in request order: unknown unit, then class (and its assignments), then students.
      const first = Math.min(...failed);
      if (first === 0) throw new UnknownReferenceError('unit', schoolClass.unitId, ['unitId'], { cause: error });
      if (first <= 1 + putAssignments.length || first === 2 + putAssignments.length + putStudents.length) {
        throw new AlreadyExistsError('class', schoolClass.classId, ['classId'], { cause: error });
      }
      const index = first - 2 - putAssignments.length;
      const studentNumber = students[index]?.studentNumber ?? '';
      throw new AlreadyExistsError('student', studentNumber, ['students', index, 'studentNumber'], { cause: error });
    }
  }

  async getClass(tenantId: string, classId: string): Promise<SchoolClass | undefined> {
    const { Item } = await this.storage.schoolClass
      .build(GetItemCommand)
      .key({ tenantId, classId })
      .options({ consistent: true })
      .send();
    return Item === undefined ? undefined : stripUndefined({ ...Item, version: Item.version ?? 1 });
  }

  async changeStaff(previous: SchoolClass, next: SchoolClass, change: ClassStaffChange): Promise<void> {
    const { schoolClass: classEntity, staffAssignment, classStaffChange } = this.storage;
    const key = (a: Assignment) => `${a.role}#${a.userId}`;
    const before = new Map(assignmentsOf(previous).map((a) => [key(a), a]));
    const after = new Map(assignmentsOf(next).map((a) => [key(a), a]));
    const putClass = classEntity
      .build(PutTransaction)
      .item(next)
      .options({
        condition:
          previous.version === 1
            ? { or: [{ attr: 'version', eq: 1 }, { attr: 'version', exists: false }] }
            : { attr: 'version', eq: previous.version },
      });
    const removed = [...before].filter(([k]) => !after.has(k)).map(([, a]) =>
      staffAssignment.build(DeleteTransaction).key(a).options({ condition: { attr: 'pk', exists: true } }),
    );
    const added = [...after].filter(([k]) => !before.has(k)).map(([, a]) =>
      staffAssignment.build(PutTransaction).item(a).options({ condition: { attr: 'pk', exists: false } }),
    );
    const keepChange = classStaffChange.build(PutTransaction).item(change).options({ condition: { attr: 'pk', exists: false } });
    try {
      await executeTransaction(putClass, keepChange, ...removed, ...added);
    } catch (error) {
      if (failedTransactionConditions(error)?.length) throw new StaleRevisionError('class', previous.version, { cause: error });
      throw error;
    }
  }

  async staffChanges(tenantId: string, classId: string): Promise<ClassStaffChange[]> {
    const { Items = [] } = await this.storage.table
      .build(QueryCommand)
      .entities(this.storage.classStaffChange)
      .query({ partition: keys.class(tenantId, classId), range: { beginsWith: keys.staffChanges } })
      .options({ consistent: true, maxPages: everyPage })
      .send();
    return Items as ClassStaffChange[];
  }

  async listStudents(tenantId: string, classId: string): Promise<Student[]> {
    const { Items = [] } = await this.storage.table
      .build(QueryCommand)
      .entities(this.storage.student)
      .query({ index: 'byParent', partition: keys.class(tenantId, classId), range: { beginsWith: 'STUDENT#' } })
      .options({ maxPages: everyPage })
      .send();
    return Items as Student[];
  }

  async courseTeachersOf(tenantId: string, classId: string): Promise<CourseTeachers[]> {
    const { Items = [] } = await this.storage.table
      .build(QueryCommand)
      .entities(this.storage.courseTeachers)
      .query({ partition: keys.class(tenantId, classId), range: { beginsWith: keys.courseTeachers('') } })
      .options({ consistent: true, maxPages: everyPage })
      .send();
    return Items as CourseTeachers[];
  }

  setCourseTeachers(next: CourseTeachers): Promise<void> {
    return putVersion(next.version, { what: 'course teachers of term', id: next.termId, path: ['termId'] }, (condition) =>
      this.storage.courseTeachers.build(PutItemCommand).item({ ...next, teacherIds: [...next.teacherIds] }).options({ condition }).send(),
    );
  }

  /** Every tenant's id (the daily run's list), read from the byParent index. */
  async tenantIds(): Promise<string[]> {
    const { Items = [] } = await this.storage.table
      .build(QueryCommand)
      .entities(this.storage.tenant)
      .query({ index: 'byParent', partition: keys.tenants })
      .options({ maxPages: everyPage })
      .send();
    return Items.map((item) => item.tenantId);
  }

  async unitsOf(tenantId: string): Promise<Unit[]> {
    const { Items = [] } = await this.storage.table
      .build(QueryCommand)
      .entities(this.storage.unit)
      .query({ partition: keys.tenant(tenantId), range: { beginsWith: 'UNIT#' } })
      .options({ maxPages: everyPage, consistent: true })
      .send();
    return Items.map((item) => stripUndefined(item));
  }

  async classesOfUnit(tenantId: string, unitId: string): Promise<SchoolClass[]> {
    const { Items = [] } = await this.storage.table
      .build(QueryCommand)
      .entities(this.storage.schoolClass)
      .query({ index: 'byParent', partition: keys.classesOfUnit(tenantId, unitId) })
      .options({ maxPages: everyPage })
      .send();
    return Items.map((item) => stripUndefined({ ...item, version: item.version ?? 1 }) as SchoolClass);
  }

  async getStaffMember(tenantId: string, userId: string): Promise<StaffMember | undefined> {
    const { Item } = await this.storage.staffMember.build(GetItemCommand).key({ tenantId, userId }).options({ consistent: true }).send();
    return Item === undefined ? undefined : stripUndefined(Item);
  }

  async staffOfUnit(tenantId: string, unitId: string): Promise<StaffMember[]> {
    const { Items = [] } = await this.storage.table
      .build(QueryCommand)
      .entities(this.storage.staffMember)
      .query({ index: 'byParent', partition: keys.staffOfUnit(tenantId, unitId) })
      .options({ maxPages: everyPage })
      .send();
    return Items.map((item) => stripUndefined(item));
  }

  putStaffMember(next: StaffMember): Promise<void> {
    return putVersion(next.version, { what: 'staff member', id: next.userId, path: ['userId'] }, (condition) =>
      this.storage.staffMember.build(PutItemCommand).item(next).options({ condition }).send(),
    );
  }

  async getStudent(tenantId: string, studentNumber: string): Promise<Student | undefined> {
    const { Item } = await this.storage.student
      .build(GetItemCommand)
      .key({ tenantId, studentNumber })
      .options({ consistent: true })
      .send();
    return Item === undefined ? undefined : stripUndefined(Item as Student);
  }

  async classesServedBy(tenantId: string, userId: string): Promise<{ classId: string; role: ClassStaffRole }[]> {
    const { Items = [] } = await this.storage.table
      .build(QueryCommand)
      .entities(this.storage.staffAssignment)
      .query({ partition: keys.staff(tenantId, userId), range: { beginsWith: keys.assignments } })
      .options({ consistent: true, maxPages: everyPage })
      .send();
    return Items.map(({ classId, role }) => ({ classId, role }));
  }

  async studentsInClass(tenantId: string, classId: string, studentNumbers: readonly string[]): Promise<Set<string>> {
    const found = await this.studentsByNumber(tenantId, studentNumbers);
    return new Set([...found.values()].filter((student) => student.classId === classId).map((student) => student.studentNumber));
  }

  async studentsByNumber(tenantId: string, studentNumbers: readonly string[]): Promise<Map<string, Student>> {
    const unique = [...new Set(studentNumbers)];
    const found = await readByKeys(this.storage.table, unique, (studentNumber) => this.storage.student.build(BatchGetRequest).key({ tenantId, studentNumber }));
    return new Map(found.map((item) => [(item as unknown as Student).studentNumber, item as unknown as Student]));
  }

  async addStudents(schoolClass: SchoolClass, students: readonly Student[]): Promise<void> {
    const written: Student[] = [];
    for (let start = 0; start < students.length; start += studentsPerTransaction) {
      const chunk = students.slice(start, start + studentsPerTransaction);
      const classStillThere = this.storage.schoolClass
        .build(ConditionCheck)
        .key({ tenantId: schoolClass.tenantId, classId: schoolClass.classId })
        .condition({ attr: 'pk', exists: true });
      const puts = chunk.map((s) => this.storage.student.build(PutTransaction).item(s).options({ condition: { attr: 'pk', exists: false } }));
      try {
        await executeTransaction(classStillThere, ...puts);
        written.push(...chunk);
      } catch (error) {
        // A batch is all or nothing: take back the chunks already written, then report.
        await this.removeStudents(written);
        const failed = failedTransactionConditions(error);
        if (failed === undefined || failed.length === 0) throw error;
        const index = start + Math.min(...failed) - 1;
        if (index < start) throw new UnknownReferenceError('class', schoolClass.classId, [], { cause: error });
        throw new AlreadyExistsError('student', students[index]?.studentNumber ?? '', ['students', index, 'studentNumber'], { cause: error });
      }
    }
  }

  /** Deletes students written by a batch that could not finish; only if they are still as written. */
  private async removeStudents(students: readonly Student[]): Promise<void> {
    for (const s of students) {
      await this.storage.student
        .build(DeleteItemCommand)
        .key({ tenantId: s.tenantId, studentNumber: s.studentNumber })
        .options({ condition: { attr: 'classId', eq: s.classId } })
        .send()
        .catch((error: unknown) => {
          if (!isConditionalCheckFailed(error)) throw error;
        });
    }
  }
}

type VersionCondition = { attr: 'pk'; exists: false } | { attr: 'version'; eq: number };

/**
 * Writes version `version` of a versioned item: the first only if nothing is there, any
 * later one only over the version before it (If-Match). Nothing is overwritten unseen.
 */
async function putVersion(
  version: number,
  identity: { what: string; id: string; path: readonly (string | number)[] },
  put: (condition: VersionCondition) => Promise<unknown>,
): Promise<void> {
  try {
    await put(version === 1 ? { attr: 'pk', exists: false } : { attr: 'version', eq: version - 1 });
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    if (version === 1) throw new AlreadyExistsError(identity.what, identity.id, identity.path, { cause: error });
    throw new StaleRevisionError(identity.what, version - 1, { cause: error });
  }
}

type Assignment = { tenantId: string; userId: string; classId: string; role: ClassStaffRole };

/** Who serves the class in which role: the items that let a staff member find their classes. */
function assignmentsOf(schoolClass: SchoolClass): Assignment[] {
  return classStaffRoles.flatMap(([role, field]) => {
    const userId = schoolClass[field];
    return userId === undefined ? [] : [{ tenantId: schoolClass.tenantId, userId, classId: schoolClass.classId, role }];
  });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
