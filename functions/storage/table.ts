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
import { list } from 'dynamodb-toolbox/schema/list';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { Table } from 'dynamodb-toolbox/table';
import { cohorts, unitKinds } from '../../domain/organisation.js';
import { classMeetingKinds } from '../../domain/records/class-meeting.js';
import { tableDesign } from './table-design.js';

export const keys = {
  tenant: (tenantId: string) => `TENANT#${tenantId}`,
  unit: (unitId: string) => `UNIT#${unitId}`,
  class: (tenantId: string, classId: string) => `TENANT#${tenantId}#CLASS#${classId}`,
  student: (tenantId: string, studentNumber: string) => `TENANT#${tenantId}#STUDENT#${studentNumber}`,
  meeting: (meetingId: string) => `MEETING#${meetingId}`,
  staff: (tenantId: string, userId: string) => `TENANT#${tenantId}#STAFF#${userId}`,
  assignment: (classId: string) => `CLASS#${classId}`,
  /** The configuration in force, and each revision kept after it. */
  configuration: '#CONFIG',
  configurationRevision: (revision: number) => `CONFIG#${String(revision).padStart(6, '0')}`,
  /** `recordKey` starts with the tenant id, so idempotency records stay in the tenant's key space. */
  idempotency: (recordKey: string) => `IDEMPOTENCY#TENANT#${recordKey}`,
  /** Sort key of an item that is the head of its own partition. */
  head: '#HEAD',
} as const;

export function createStorage(documentClient: DynamoDBDocumentClient, tableName: string) {
  const table = new Table({
    documentClient,
    name: tableName,
    partitionKey: tableDesign.partitionKey,
    sortKey: tableDesign.sortKey,
    indexes: { byParent: tableDesign.indexes.byParent },
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
    classTeacherId: string().optional(),
    counselorId: string().optional(),
  });
  const schoolClass = new Entity({
    name: 'Class',
    table,
    timestamps: false,
    schema: classSchema.and({
      pk: string().key().hidden().link<typeof classSchema>(({ tenantId, classId }) => keys.class(tenantId, classId)),
      sk: string().key().hidden().const(keys.head),
    }),
  });

  const studentSchema = item({
    tenantId: string().key(),
    studentNumber: string().key(),
    name: string(),
    classId: string(),
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

  const meetingSchema = item({
    tenantId: string().key(),
    classId: string().key(),
    meetingId: string().key(),
    heldOn: string(),
    kind: string().enum(...classMeetingKinds),
    agenda: string(),
    noticeIssuedAt: string(),
    attendees: list(string()),
    summary: string(),
    submittedAt: string(),
    submittedBy: string(),
    version: number(),
  });
  const classMeeting = new Entity({
    name: 'ClassMeeting',
    table,
    timestamps: false,
    schema: meetingSchema.and({
      pk: string().key().hidden().link<typeof meetingSchema>(({ tenantId, classId }) => keys.class(tenantId, classId)),
      sk: string().key().hidden().link<typeof meetingSchema>(({ meetingId }) => keys.meeting(meetingId)),
    }),
  });

  /** Which classes a staff member serves, in what role: the staff member's own partition. */
  const assignmentSchema = item({
    tenantId: string().key(),
    userId: string().key(),
    classId: string().key(),
    role: string().enum('class-teacher', 'counselor'),
  });
  const staffAssignment = new Entity({
    name: 'StaffAssignment',
    table,
    timestamps: false,
    schema: assignmentSchema.and({
      pk: string().key().hidden().link<typeof assignmentSchema>(({ tenantId, userId }) => keys.staff(tenantId, userId)),
      sk: string().key().hidden().link<typeof assignmentSchema>(({ classId }) => keys.assignment(classId)),
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

  return { table, unit, schoolClass, student, classMeeting, staffAssignment, configuration, idempotencyRecord };
}

export type Storage = ReturnType<typeof createStorage>;
