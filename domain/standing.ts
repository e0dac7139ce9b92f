/**
 * "Where do I stand": the live records of a class (or of all classes a staff member
 * serves) as the compliance engine's input, evaluated as of now for the term in force.
 */
import { standing as evaluateStanding, type EngineRecord, type Finding, type StandingSubject } from './compliance/index.js';
import { RULE_SET_VERSION, isCompleteMeeting, type ClassInfo } from './compliance/index.js';
import { termInForce, type TenantConfiguration } from './configuration.js';
import type { SchoolClass, Student } from './organisation.js';
import type { ClassMeeting } from './records/class-meeting.js';
import { shanghaiDateOf } from './time.js';

export interface ClassRecords {
  readonly schoolClass: SchoolClass;
  readonly students: readonly Student[];
  readonly meetings: readonly ClassMeeting[];
}

export interface StandingRequest {
  readonly tenantId: string;
  readonly configuration: TenantConfiguration;
  readonly configurationRevision: number;
  readonly classes: readonly ClassRecords[];
  readonly subject: StandingSubject;
  readonly now: Date;
}

export interface Standing {
  readonly asOf: string;
  readonly termId: string;
  readonly ruleSetVersion: string;
  readonly configurationRevision: number;
  /** Open periods only, soonest due first: what is still needed and by when. */
  readonly findings: readonly Finding[];
  /** What could not be evaluated and why (a class whose entry term is not configured). */
  readonly warnings: readonly string[];
}

/** A class meeting as evidence for CT-MEETING-* and CO-MEETING. */
export function meetingAsEvidence(meeting: ClassMeeting): EngineRecord {
  return {
    id: meeting.meetingId,
    kind: 'class-meeting',
    authorId: meeting.submittedBy,
    classId: meeting.classId,
    occurredOn: meeting.heldOn,
    submittedAt: meeting.submittedAt,
    studentIds: meeting.attendees,
    complete: isCompleteMeeting({
      agenda: meeting.agenda,
      noticeAt: meeting.noticeIssuedAt,
      signInStudentIds: meeting.attendees,
      summary: meeting.summary,
    }),
  };
}

function classInfo({ schoolClass, students }: ClassRecords): ClassInfo {
  return {
    id: schoolClass.classId,
    unitId: schoolClass.unitId,
    firstTermId: schoolClass.entryTerm,
    studentIds: students.map((student) => student.studentNumber),
    ...(schoolClass.classTeacherId !== undefined ? { classTeacherId: schoolClass.classTeacherId } : {}),
    ...(schoolClass.counselorId !== undefined ? { counselorId: schoolClass.counselorId } : {}),
  };
}

/** Undefined when no term has started yet: there is nothing to stand against. */
export function standingOf(request: StandingRequest): Standing | undefined {
  const today = shanghaiDateOf(request.now);
  const termId = termInForce(request.configuration, today);
  if (termId === undefined) return undefined;
  const asOf = request.now.toISOString();
  const findings = evaluateStanding(
    {
      asOf,
      termId,
      config: { ...request.configuration, tenantId: request.tenantId, revision: String(request.configurationRevision) },
      roster: { classes: request.classes.map(classInfo) },
      records: request.classes.flatMap((records) => records.meetings.map(meetingAsEvidence)),
    },
    request.subject,
  );
  const configuredTerms = new Set(request.configuration.terms.map((term) => term.id));
  const warnings = request.classes
    .filter(({ schoolClass }) => !configuredTerms.has(schoolClass.entryTerm))
    .map(({ schoolClass }) => `class ${schoolClass.classId}: its entry term ${schoolClass.entryTerm} is not in the configuration, so it is not evaluated`);
  return { asOf, termId, ruleSetVersion: RULE_SET_VERSION, configurationRevision: request.configurationRevision, findings, warnings };
}
