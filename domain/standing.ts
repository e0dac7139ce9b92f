/**
 * "Where do I stand": the live records of a class (or of all classes a staff member
 * serves) as the compliance engine's input, evaluated as of now for the term in force.
 */
import { RULE_SET_VERSION, standing as evaluateStanding, type ClassInfo, type Finding, type StandingSubject } from './compliance/index.js';
import { termInForce, type TenantConfiguration } from './configuration.js';
import type { CourseTeachers, SchoolClass, Student } from './organisation.js';
import { evidenceOf, type StaffRecord } from './records/record.js';
import { shanghaiDateOf } from './time.js';

export interface ClassRecords {
  readonly schoolClass: SchoolClass;
  readonly students: readonly Student[];
  readonly records: readonly StaffRecord[];
  readonly courseTeachers: readonly CourseTeachers[];
}

export interface StandingRequest {
  readonly tenantId: string;
  readonly configuration: TenantConfiguration;
  readonly configurationRevision: number;
  readonly classes: readonly ClassRecords[];
  /** The staff member's own documents (plans, reports), for a staff standing. */
  readonly ownRecords: readonly StaffRecord[];
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

function classInfo({ schoolClass, students, courseTeachers }: ClassRecords): ClassInfo {
  return {
    courseTeachers: courseTeachers.map(({ termId, teacherIds }) => ({ termId, teacherIds })),
    id: schoolClass.classId,
    unitId: schoolClass.unitId,
    firstTermId: schoolClass.entryTerm,
    studentIds: students.map((student) => student.studentNumber),
    ...(schoolClass.classTeacherId !== undefined ? { classTeacherId: schoolClass.classTeacherId } : {}),
    ...(schoolClass.counselorId !== undefined ? { counselorId: schoolClass.counselorId } : {}),
  };
}

/** A staff member's class records also come back as their own: count each once. */
function uniqueById(records: readonly StaffRecord[]): StaffRecord[] {
  return [...new Map(records.map((record) => [record.recordId, record])).values()];
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
      records: uniqueById([...request.classes.flatMap((c) => c.records), ...request.ownRecords]).flatMap((record) => evidenceOf(record) ?? []),
    },
    request.subject,
  );
  const configuredTerms = new Set(request.configuration.terms.map((term) => term.id));
  const warnings = request.classes
    .filter(({ schoolClass }) => !configuredTerms.has(schoolClass.entryTerm))
    .map(({ schoolClass }) => `class ${schoolClass.classId}: its entry term ${schoolClass.entryTerm} is not in the configuration, so it is not evaluated`);
  return { asOf, termId, ruleSetVersion: RULE_SET_VERSION, configurationRevision: request.configurationRevision, findings, warnings };
}
