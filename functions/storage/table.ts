/**
 * The dynamodb-toolbox view of the single table and its entities.
 *
 * Keys are derived from the business identifiers in one place each (`.link`), always
 * prefixed by the tenant, so that no query can reach across tenants.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity } from 'dynamodb-toolbox/entity';
import { any } from 'dynamodb-toolbox/schema/any';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { Table } from 'dynamodb-toolbox/table';
import { cohorts, unitKinds } from '../../domain/organisation.js';
import { guardItemSizes } from './item-size.js';
import { tableDesign } from './table-design.js';

export const keys = {
  tenant: (tenantId: string) => `TENANT#${tenantId}`,
  unit: (unitId: string) => `UNIT#${unitId}`,
  class: (tenantId: string, classId: string) => `TENANT#${tenantId}#CLASS#${classId}`,
  student: (tenantId: string, studentNumber: string) => `TENANT#${tenantId}#STUDENT#${studentNumber}`,
  staff: (tenantId: string, userId: string) => `TENANT#${tenantId}#STAFF#${userId}`,
  /** One item per class and role: one person may hold both roles of a class. */
  assignment: (classId: string, role: string) => `CLASS#${classId}#${role}`,
  assignments: 'CLASS#',
  /** The configuration in force, and each revision kept after it. */
  configuration: '#CONFIG',
  configurationRevision: (revision: number) => `CONFIG#${String(revision).padStart(6, '0')}`,
  record: (tenantId: string, recordId: string) => `TENANT#${tenantId}#RECORD#${recordId}`,
  recordVersion: (version: number) => `VERSION#${String(version).padStart(6, '0')}`,
  classRecords: (tenantId: string, classId: string) => `TENANT#${tenantId}#CLASS#${classId}#RECORDS`,
  authorRecords: (tenantId: string, authorId: string) => `TENANT#${tenantId}#AUTHOR#${authorId}#RECORDS`,
  /** Listing order inside a class or author: by kind, then the day it is about, then id. */
  recordListing: (kind: string, occurredOn: string, recordId: string) => `${kind}#${occurredOn}#${recordId}`,
  courseTeachers: (termId: string) => `COURSE-TEACHERS#${termId}`,
  staffChange: (version: number) => `STAFF-CHANGE#${String(version).padStart(6, '0')}`,
  staffChanges: 'STAFF-CHANGE#',
  staffOfUnit: (tenantId: string, unitId: string) => `TENANT#${tenantId}#UNIT#${unitId}#STAFF`,
  grantsOfRequester: (tenantId: string, userId: string) => `TENANT#${tenantId}#REQUESTER#${userId}#GRANTS`,
  grantsOfUnit: (tenantId: string, unitId: string) => `TENANT#${tenantId}#UNIT#${unitId}#GRANTS`,
  revealsOfStudent: (tenantId: string, studentNumber: string) => `TENANT#${tenantId}#STUDENT#${studentNumber}#REVEALS`,
  revealsByUser: (tenantId: string, userId: string) => `TENANT#${tenantId}#USER#${userId}#REVEALS`,
  /** `recordKey` starts with the tenant id, so idempotency records stay in the tenant's key space. */
  idempotency: (recordKey: string) => `IDEMPOTENCY#TENANT#${recordKey}`,
  /** Every tenant, listed for the daily run (byParent index). */
  tenants: 'TENANTS',
  classesOfUnit: (tenantId: string, unitId: string) => `TENANT#${tenantId}#UNIT#${unitId}#CLASSES`,
  /** A compliance run and, beside it, one marker per unit that has answered. */
  run: (tenantId: string, runId: string) => `TENANT#${tenantId}#RUN#${runId}`,
  runUnit: (unitId: string) => `UNIT#${unitId}`,
  runsOfTenant: (tenantId: string) => `TENANT#${tenantId}#RUNS`,
  /** The last successful daily run of a tenant: where the next one's window starts. */
  lastDailyRun: '#LAST-DAILY-RUN',
  /** A unit's findings of one term, every revision: sort key finding key then revision. */
  findingsOfUnit: (tenantId: string, termId: string, unitId: string) => `TENANT#${tenantId}#TERM#${termId}#UNIT#${unitId}#FINDINGS`,
  finding: (findingKey: string, asOf: string) => `${findingKey}@${asOf}`,
  /** A unit's findings of the term's periods still open at a run's as-of: sort key as-of then finding key, read one revision at a time. */
  openFindingsOfUnit: (tenantId: string, termId: string, unitId: string) => `TENANT#${tenantId}#TERM#${termId}#UNIT#${unitId}#OPEN-FINDINGS`,
  openFinding: (asOf: string, findingKey: string) => `${asOf}#${findingKey}`,
  /** The revisions (as-of instants) of a term whose run completed: only their findings are shown. */
  revisionsOfTerm: (tenantId: string, termId: string) => `TENANT#${tenantId}#TERM#${termId}#REVISIONS`,
  /** An issued term-end report (one scope of one revision), listed per term in the byParent index. */
  report: (tenantId: string, reportId: string) => `TENANT#${tenantId}#REPORT#${reportId}`,
  reportsOfTerm: (tenantId: string, termId: string) => `TENANT#${tenantId}#TERM#${termId}#REPORTS`,
  status: (studentNumber: string, statusId: string) => `STATUS#${studentNumber}#${statusId}`,
  statusesOf: (studentNumber: string) => `STATUS#${studentNumber}#`,
  statuses: 'STATUS#',
  fact: (fact: string) => `FACT#${fact}`,
  /** A warning run (学籍预警) of a unit: its head, one marker per class that has joined, and the kept pages of its lists. */
  warningRun: (tenantId: string, runId: string) => `TENANT#${tenantId}#WARNING-RUN#${runId}`,
  warningRunClass: (classId: string) => `CLASS#${classId}`,
  warningRunClasses: 'CLASS#',
  warningRunPage: (classId: string, page: number) => `PAGE#${classId}#${String(page).padStart(6, '0')}`,
  warningRunPages: 'PAGE#',
  /** The issued warning runs of a unit, listed newest first (byParent index). */
  warningRunsOfUnit: (tenantId: string, unitId: string) => `TENANT#${tenantId}#UNIT#${unitId}#WARNING-RUNS`,
  /** Sort key of an item that is the head of its own partition. */
  head: '#HEAD',
} as const;

export function createStorage(documentClient: DynamoDBDocumentClient, tableName: string) {
  // No item larger than the table holds is sent: refused (413) before anything is written.
  guardItemSizes(documentClient.middlewareStack);
  const table = new Table({
    documentClient,
    name: tableName,
    partitionKey: tableDesign.partitionKey,
    sortKey: tableDesign.sortKey,
    indexes: { byParent: tableDesign.indexes.byParent, byAuthor: tableDesign.indexes.byAuthor },
  });

  const tenantSchema = item({
    tenantId: string().key(),
    name: string(),
    kind: string().enum('headquarters', 'college', 'school'),
    version: number(),
  });
  const tenant = new Entity({
    name: 'Tenant',
    table,
    timestamps: false,
    schema: tenantSchema.and({
      pk: string().key().hidden().link<typeof tenantSchema>(({ tenantId }) => keys.tenant(tenantId)),
      sk: string().key().hidden().const(keys.head),
      // Optional on reading: tenants recorded before the daily run existed carry no listing.
      gsi1pk: string().optional().hidden().const(keys.tenants),
      gsi1sk: string().optional().hidden().link<typeof tenantSchema>(({ tenantId }) => keys.tenant(tenantId)),
    }),
  });

  const unitSchema = item({
    tenantId: string().key(),
    unitId: string().key(),
    name: string(),
    kind: string().enum(...unitKinds),
  });
  const unit = new Entity({
    name: 'Unit',
    table,
    timestamps: false,
    schema: unitSchema.and({
      pk: string().key().hidden().link<typeof unitSchema>(({ tenantId }) => keys.tenant(tenantId)),
      sk: string().key().hidden().link<typeof unitSchema>(({ unitId }) => keys.unit(unitId)),
    }),
  });

  const classSchema = item({
    tenantId: string().key(),
    classId: string().key(),
    unitId: string(),
    name: string(),
    cohort: string().enum(...cohorts),
    entryTerm: string(),
    enrolledOn: string().optional(),
    classTeacherId: string().optional(),
    counselorId: string().optional(),
    registrarId: string().optional(),
    /** Grows with each change of the class's staff (If-Match); classes from before it read as 1. */
    version: number().optional(),
  });
  const schoolClass = new Entity({
    name: 'Class',
    table,
    timestamps: false,
    schema: classSchema.and({
      pk: string().key().hidden().link<typeof classSchema>(({ tenantId, classId }) => keys.class(tenantId, classId)),
      sk: string().key().hidden().const(keys.head),
      // The classes of a unit, for a compliance run's fan-out.
      gsi1pk: string().optional().hidden().link<typeof classSchema>(({ tenantId, unitId }) => keys.classesOfUnit(tenantId, unitId)),
      gsi1sk: string().optional().hidden().link<typeof classSchema>(({ classId }) => `CLASS#${classId}`),
    }),
  });

  const studentSchema = item({
    tenantId: string().key(),
    studentNumber: string().key(),
    name: string(),
    classId: string(),
    gender: string().enum('male', 'female').optional(),
    birthDate: string().optional(),
    idNumber: string().optional(),
    phone: string().optional(),
    address: string().optional(),
    guardians: any().optional(),
    registrationNumber: string().optional(),
  });
  const student = new Entity({
    name: 'Student',
    table,
    timestamps: false,
    schema: studentSchema.and({
      pk: string().key().hidden().link<typeof studentSchema>(({ tenantId, studentNumber }) => keys.student(tenantId, studentNumber)),
      sk: string().key().hidden().const(keys.head),
      // The roster of a class is the students listed under it in the byParent index.
      gsi1pk: string().hidden().link<typeof studentSchema>(({ tenantId, classId }) => keys.class(tenantId, classId)),
      gsi1sk: string().hidden().link<typeof studentSchema>(({ studentNumber }) => `STUDENT#${studentNumber}`),
    }),
  });

  /** Which classes a staff member serves, in what role: the staff member's own partition. */
  const assignmentSchema = item({
    tenantId: string().key(),
    userId: string().key(),
    classId: string().key(),
    role: string().enum('class-teacher', 'counselor', 'registrar').key(),
  });
  const staffAssignment = new Entity({
    name: 'StaffAssignment',
    table,
    timestamps: false,
    schema: assignmentSchema.and({
      pk: string().key().hidden().link<typeof assignmentSchema>(({ tenantId, userId }) => keys.staff(tenantId, userId)),
      sk: string().key().hidden().link<typeof assignmentSchema>(({ classId, role }) => keys.assignment(classId, role)),
    }),
  });

  /** `entry` is the head (`#CONFIG`) or a kept revision (`CONFIG#000003`). */
  const configurationSchema = item({
    tenantId: string().key(),
    entry: string().key(),
    revision: number(),
    document: any(),
    updatedAt: string(),
    updatedBy: string(),
  });
  const configuration = new Entity({
    name: 'TenantConfiguration',
    table,
    timestamps: false,
    schema: configurationSchema.and({
      pk: string().key().hidden().link<typeof configurationSchema>(({ tenantId }) => keys.tenant(tenantId)),
      sk: string().key().hidden().link<typeof configurationSchema>(({ entry }) => entry),
    }),
  });

  /** A remembered POST (Idempotency-Key); TTL removes it a day after. */
  const idempotencySchema = item({
    recordKey: string().key(),
    fingerprint: string(),
    state: string().enum('in-progress', 'completed'),
    /** In-progress claims lapse quickly, so a crashed request does not block retries for a day. */
    lockedUntil: number(),
    response: any().optional(),
    expiresAt: number(),
  });
  const idempotencyRecord = new Entity({
    name: 'IdempotencyRecord',
    table,
    timestamps: false,
    schema: idempotencySchema.and({
      pk: string().key().hidden().link<typeof idempotencySchema>(({ recordKey }) => keys.idempotency(recordKey)),
      sk: string().key().hidden().const(keys.head),
    }),
  });

  /**
   * A record of any kind. `entry` is the head (`#HEAD`, the current version, listed in
   * the indexes) or a kept version (`VERSION#000002`, a full snapshot).
   */
  const recordSchema = item({
    tenantId: string().key(),
    recordId: string().key(),
    entry: string().key(),
    kind: string(),
    classId: string().optional(),
    authorId: string(),
    unitId: string().optional(),
    submittedAt: string(),
    occurredOn: string(),
    version: number(),
    status: string().enum('active', 'withdrawn'),
    content: any(),
    change: any().optional(),
    imported: any().optional(),
  });
  const isHead = (entry: string) => entry === keys.head;
  const staffRecord = new Entity({
    name: 'Record',
    table,
    timestamps: false,
    schema: recordSchema.and({
      pk: string().key().hidden().link<typeof recordSchema>(({ tenantId, recordId }) => keys.record(tenantId, recordId)),
      sk: string().key().hidden().link<typeof recordSchema>(({ entry }) => entry),
      // Only the head is listed; kept versions stay out of the indexes.
      gsi1pk: string().optional().hidden().link<typeof recordSchema>(({ tenantId, classId, entry }) =>
        isHead(entry) && classId !== undefined ? keys.classRecords(tenantId, classId) : undefined,
      ),
      gsi1sk: string().optional().hidden().link<typeof recordSchema>(({ kind, occurredOn, recordId, classId, entry }) =>
        isHead(entry) && classId !== undefined ? keys.recordListing(kind, occurredOn, recordId) : undefined,
      ),
      gsi2pk: string().optional().hidden().link<typeof recordSchema>(({ tenantId, authorId, entry }) =>
        isHead(entry) ? keys.authorRecords(tenantId, authorId) : undefined,
      ),
      gsi2sk: string().optional().hidden().link<typeof recordSchema>(({ kind, occurredOn, recordId, entry }) =>
        isHead(entry) ? keys.recordListing(kind, occurredOn, recordId) : undefined,
      ),
    }),
  });

  const grantSchema = item({
    tenantId: string().key(),
    grantId: string().key(),
    requesterId: string(),
    unitId: string(),
    studentNumbers: any(),
    fields: any(),
    reason: string(),
    days: number(),
    state: string().enum('pending', 'approved', 'refused'),
    requestedAt: string(),
    decision: any().optional(),
  });
  const accessGrant = new Entity({
    name: 'AccessGrant',
    table,
    timestamps: false,
    schema: grantSchema.and({
      pk: string().key().hidden().link<typeof grantSchema>(({ tenantId, grantId }) => `TENANT#${tenantId}#GRANT#${grantId}`),
      sk: string().key().hidden().const(keys.head),
      gsi1pk: string().hidden().link<typeof grantSchema>(({ tenantId, requesterId }) => keys.grantsOfRequester(tenantId, requesterId)),
      gsi1sk: string().hidden().link<typeof grantSchema>(({ requestedAt, grantId }) => `${requestedAt}#${grantId}`),
      gsi2pk: string().hidden().link<typeof grantSchema>(({ tenantId, unitId }) => keys.grantsOfUnit(tenantId, unitId)),
      gsi2sk: string().hidden().link<typeof grantSchema>(({ requestedAt, grantId }) => `${requestedAt}#${grantId}`),
    }),
  });

  /** One read of private fields through a grant; never changed, never deleted. */
  const revealSchema = item({
    tenantId: string().key(),
    entryId: string().key(),
    at: string(),
    userId: string(),
    studentNumber: string(),
    fields: any(),
    grantId: string(),
    route: string(),
  });
  const revealEntry = new Entity({
    name: 'RevealEntry',
    table,
    timestamps: false,
    schema: revealSchema.and({
      pk: string().key().hidden().link<typeof revealSchema>(({ tenantId, entryId }) => `TENANT#${tenantId}#REVEAL#${entryId}`),
      sk: string().key().hidden().const(keys.head),
      gsi1pk: string().hidden().link<typeof revealSchema>(({ tenantId, studentNumber }) => keys.revealsOfStudent(tenantId, studentNumber)),
      gsi1sk: string().hidden().link<typeof revealSchema>(({ at, entryId }) => `${at}#${entryId}`),
      gsi2pk: string().hidden().link<typeof revealSchema>(({ tenantId, userId }) => keys.revealsByUser(tenantId, userId)),
      gsi2sk: string().hidden().link<typeof revealSchema>(({ at, entryId }) => `${at}#${entryId}`),
    }),
  });

  /** The course teachers (任课教师) of a class in one term, kept with the class. */
  const courseTeachersSchema = item({
    tenantId: string().key(),
    classId: string().key(),
    termId: string().key(),
    teacherIds: any(),
    version: number(),
    updatedAt: string(),
    updatedBy: string(),
  });
  const courseTeachers = new Entity({
    name: 'CourseTeachers',
    table,
    timestamps: false,
    schema: courseTeachersSchema.and({
      pk: string().key().hidden().link<typeof courseTeachersSchema>(({ tenantId, classId }) => keys.class(tenantId, classId)),
      sk: string().key().hidden().link<typeof courseTeachersSchema>(({ termId }) => keys.courseTeachers(termId)),
    }),
  });

  /** Each change of a class's staff, kept under the class (`STAFF-CHANGE#000002`). */
  const staffChangeSchema = item({
    tenantId: string().key(),
    classId: string().key(),
    version: number().key(),
    before: any(),
    after: any(),
    by: string(),
    at: string(),
  });
  const classStaffChange = new Entity({
    name: 'ClassStaffChange',
    table,
    timestamps: false,
    schema: staffChangeSchema.and({
      pk: string().key().hidden().link<typeof staffChangeSchema>(({ tenantId, classId }) => keys.class(tenantId, classId)),
      sk: string().key().hidden().link<typeof staffChangeSchema>(({ version }) => keys.staffChange(version)),
    }),
  });

  const staffSchema = item({
    tenantId: string().key(),
    userId: string().key(),
    name: string(),
    unitId: string(),
    department: string().optional(),
    version: number(),
  });
  const staffMember = new Entity({
    name: 'StaffMember',
    table,
    timestamps: false,
    schema: staffSchema.and({
      // In the staff member's own partition, beside the classes they serve.
      pk: string().key().hidden().link<typeof staffSchema>(({ tenantId, userId }) => keys.staff(tenantId, userId)),
      sk: string().key().hidden().const(keys.head),
      gsi1pk: string().hidden().link<typeof staffSchema>(({ tenantId, unitId }) => keys.staffOfUnit(tenantId, unitId)),
      gsi1sk: string().hidden().link<typeof staffSchema>(({ userId }) => `STAFF#${userId}`),
    }),
  });

  /** An at-risk status of a student, kept under the student's class (`STATUS#<number>#<id>`): the standing reads a class's in one query. */
  const statusSchema = item({
    tenantId: string().key(),
    classId: string().key(),
    studentNumber: string().key(),
    statusId: string().key(),
    kind: string().enum('academic-warning', 'status-processing', 'sanction'),
    documentOn: string(),
    documentRef: string().optional(),
    clearedOn: string().optional(),
    version: number(),
    recordedBy: string(),
    recordedAt: string(),
    lifted: any().optional(),
  });
  const studentStatus = new Entity({
    name: 'StudentStatus',
    table,
    timestamps: false,
    schema: statusSchema.and({
      pk: string().key().hidden().link<typeof statusSchema>(({ tenantId, classId }) => keys.class(tenantId, classId)),
      sk: string().key().hidden().link<typeof statusSchema>(({ studentNumber, statusId }) => keys.status(studentNumber, statusId)),
    }),
  });

  /** A fact kept with a class or a staff member (`FACT#TUITION#2025-autumn`): tuition, graduation, teaching hours. */
  const factSchema = item({
    tenantId: string().key(),
    owner: string().key(),
    fact: string().key(),
    content: any(),
    version: number(),
    updatedAt: string(),
    updatedBy: string(),
  });
  const ownerKey = (tenantId: string, owner: string) =>
    owner.startsWith('class:')
      ? keys.class(tenantId, owner.slice('class:'.length))
      : owner === 'tenant:'
        ? keys.tenant(tenantId)
        : keys.staff(tenantId, owner.slice('staff:'.length));
  const fact = new Entity({
    name: 'Fact',
    table,
    timestamps: false,
    schema: factSchema.and({
      pk: string().key().hidden().link<typeof factSchema>(({ tenantId, owner }) => ownerKey(tenantId, owner)),
      sk: string().key().hidden().link<typeof factSchema>(({ fact }) => keys.fact(fact)),
    }),
  });

  return { fact, ownerKey, studentStatus, table, tenant, unit, schoolClass, student, staffAssignment, classStaffChange, staffMember, courseTeachers, accessGrant, revealEntry, configuration, idempotencyRecord, staffRecord };
}

export type Storage = ReturnType<typeof createStorage>;
