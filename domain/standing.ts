/**
 * "Where do I stand": the live records of a class (or of all classes a staff member
 * serves) as the compliance engine's input, evaluated as of now for the term in force.
 */
import { RULE_SET_VERSION, standing as evaluateStanding, type ClassInfo, type EvaluationInput, type Finding, type FormerHolder, type StandingSubject } from './compliance/index.js';
import { termInForce, termOrdinal, termToCome, type TenantConfiguration } from './configuration.js';
import { classStaffRoles as roles, type ClassStaffChange, type CourseTeachers, type SchoolClass, type Student } from './organisation.js';
import { evidenceOf, type StaffRecord } from './records/record.js';
import { engineStatusOf, type StudentStatus } from './student-status.js';
import { tuitionFigures, type ExamSessionFact, type Graduation, type Recruitment, type Tuition } from './facts.js';
import { shanghaiDateOf } from './time.js';
import type { Upload } from './uploads/upload.js';
import { uploadEvidence } from './uploads/evidence.js';

export interface ClassRecords {
  readonly schoolClass: SchoolClass;
  readonly students: readonly Student[];
  readonly records: readonly StaffRecord[];
  readonly courseTeachers: readonly CourseTeachers[];
  /** Every change of the class's staff: earlier holders' records keep counting. */
  readonly staffChanges: readonly ClassStaffChange[];
  /** Its students' at-risk statuses (学籍预警, 学籍处理, 纪律处分). */
  readonly statuses?: readonly StudentStatus[];
  /** Finance's tuition figures, per term. */
  readonly tuition?: readonly { readonly termId: string; readonly tuition: Tuition }[];
  readonly graduation?: Graduation;
  readonly exams?: readonly { readonly examId: string; readonly session: ExamSessionFact }[];
  /** Its uploads: accepted graduation photos and 督学统计表 are evidence (domain/uploads/evidence.ts). */
  readonly uploads?: readonly Upload[];
  /** Failed courses in total per student, as the latest warning run counted them (REG-STATUS-PROCESSING). */
  readonly failedCourses?: readonly { readonly studentNumber: string; readonly count: number }[];
}

/** A staff member's figures per term, kept by other offices. */
export interface StaffFigures {
  readonly userId: string;
  readonly teachingHours: readonly { readonly termId: string; readonly hours: number }[];
  readonly recruitment: readonly ({ readonly termId: string } & Recruitment)[];
}

export interface StandingRequest {
  readonly tenantId: string;
  readonly configuration: TenantConfiguration;
  readonly configurationRevision: number;
  readonly classes: readonly ClassRecords[];
  /** The staff member's own documents (plans, reports), for a staff standing. */
  readonly ownRecords: readonly StaffRecord[];
  /** Staff members' term figures (teaching hours, recruitment): the staff member's own, for a staff standing. */
  readonly staffFigures?: readonly StaffFigures[];
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


/**
 * Who held each role before the current holder, and from when to when (days in Beijing).
 * The staff a class was created with are taken to have served from the beginning: records
 * about days before the class was set up here (imported, or written late) are theirs.
 */
function formerHolders(changes: readonly ClassStaffChange[]): FormerHolder[] {
  const holders: FormerHolder[] = [];
  const since: Record<FormerHolder['role'], string> = { 'class-teacher': '0000-01-01', counselor: '0000-01-01', registrar: '0000-01-01' };
  const handOvers = changes.filter((change) => change.version > 1).sort((a, b) => a.version - b.version);
  for (const change of handOvers) {
    const day = shanghaiDateOf(new Date(change.at));
    for (const [role, field] of roles) {
      const before = change.before[field];
      if (before === change.after[field]) continue;
      if (before !== undefined) holders.push({ role, userId: before, from: since[role], to: day });
      since[role] = day;
    }
  }
  return holders;
}

/** A class that enrolled before every configured term: brought in from another system, returning throughout. */
function enteredBefore(entryTerm: string, configuration: TenantConfiguration): boolean {
  const entry = termOrdinal(entryTerm);
  const configured = configuration.terms.map((term) => termOrdinal(term.id));
  return entry !== undefined && configured.every((ordinal) => ordinal !== undefined && entry < ordinal);
}

function classInfo({ schoolClass, students, courseTeachers, staffChanges, tuition, graduation }: ClassRecords, configuration: TenantConfiguration): ClassInfo {
  const former = formerHolders(staffChanges);
  return {
    ...(enteredBefore(schoolClass.entryTerm, configuration) ? { enteredBeforeConfiguredTerms: true } : {}),
    ...(former.length > 0 ? { formerHolders: former } : {}),
    courseTeachers: courseTeachers.map(({ termId, teacherIds }) => ({ termId, teacherIds })),
    ...(tuition !== undefined && tuition.length > 0 ? { tuition: tuition.map((t) => tuitionFigures(t.termId, t.tuition)) } : {}),
    ...(graduation !== undefined
      ? {
          graduation: {
            graduatesOn: graduation.graduatesOn,
            ...(graduation.applicationOn !== undefined ? { applicationOn: graduation.applicationOn } : {}),
            ...(graduation.studentNumbers !== undefined ? { studentIds: graduation.studentNumbers } : {}),
          },
        }
      : {}),
    id: schoolClass.classId,
    unitId: schoolClass.unitId,
    firstTermId: schoolClass.entryTerm,
    ...(schoolClass.enrolledOn !== undefined ? { enrolledOn: schoolClass.enrolledOn } : {}),
    studentIds: students.map((student) => student.studentNumber),
    ...(schoolClass.classTeacherId !== undefined ? { classTeacherId: schoolClass.classTeacherId } : {}),
    ...(schoolClass.counselorId !== undefined ? { counselorId: schoolClass.counselorId } : {}),
    ...(schoolClass.registrarId !== undefined ? { registrarId: schoolClass.registrarId } : {}),
  };
}

/** A staff member's class records also come back as their own: count each once. */
function uniqueById(records: readonly StaffRecord[]): StaffRecord[] {
  return [...new Map(records.map((record) => [record.recordId, record])).values()];
}


/**
 * Everything stored about the classes and the staff member's own documents, as the
 * compliance engine reads it (all but the term): roster, staff history, course teachers,
 * at-risk statuses and records. Every evaluation (the standing, scheduled runs) assembles
 * its input here, so a fact fed to one is fed to all.
 */
export function engineInput(
  request: Pick<StandingRequest, 'tenantId' | 'configuration' | 'configurationRevision' | 'classes' | 'ownRecords' | 'staffFigures'> & { readonly asOf: string },
): Omit<EvaluationInput, 'termId'> {
  return {
    asOf: request.asOf,
    config: { ...request.configuration, tenantId: request.tenantId, revision: String(request.configurationRevision) },
    roster: {
      classes: request.classes.map((c) => classInfo(c, request.configuration)),
      atRisk: request.classes.flatMap((c) => (c.statuses ?? []).map(engineStatusOf)),
      exams: request.classes.flatMap((c) =>
        (c.exams ?? []).map(({ examId, session }) => ({
          id: examId,
          classId: c.schoolClass.classId,
          bookingOpensOn: session.bookingOpensOn,
          bookingClosesOn: session.bookingClosesOn,
          examOn: session.examOn,
          unbookedStudentIds: session.unbookedStudents,
          unconfirmedStudentIds: session.unconfirmedStudents,
        })),
      ),
      teachingHours: (request.staffFigures ?? []).flatMap((s) => s.teachingHours.map(({ termId, hours }) => ({ staffId: s.userId, termId, hours }))),
      recruitment: (request.staffFigures ?? []).flatMap((s) => s.recruitment.map((r) => ({ ...r, staffId: s.userId }))),
      failedCourses: request.classes.flatMap((c) => (c.failedCourses ?? []).map(({ studentNumber, count }) => ({ studentId: studentNumber, count }))),
    },
    records: [
      ...uniqueById([...request.classes.flatMap((c) => c.records), ...request.ownRecords]).flatMap((record) => evidenceOf(record) ?? []),
      ...request.classes.flatMap((c) => uploadEvidence(c.uploads ?? [])),
    ],
  };
}

/**
 * The open periods of the term in force and of the term to come: between terms (and before
 * the first) the coming term's duties due before it starts, such as the term plan, are open
 * already. Undefined when no term is configured around today at all.
 */
export function standingOf(request: StandingRequest): Standing | undefined {
  const today = shanghaiDateOf(request.now);
  const inForce = termInForce(request.configuration, today);
  const toCome = termToCome(request.configuration, today);
  const termId = inForce ?? toCome;
  if (termId === undefined) return undefined;
  const asOf = request.now.toISOString();
  const input = engineInput({ ...request, asOf });
  const terms = [inForce, toCome].filter((term): term is string => term !== undefined);
  const byKey = new Map(terms.flatMap((term) => evaluateStanding({ ...input, termId: term }, request.subject)).map((finding) => [finding.key, finding]));
  const findings = [...byKey.values()].sort((a, b) => (a.period.dueBy === b.period.dueBy ? (a.key < b.key ? -1 : 1) : a.period.dueBy < b.period.dueBy ? -1 : 1));
  const configuredTerms = new Set(request.configuration.terms.map((term) => term.id));
  const warnings = request.classes
    .filter(({ schoolClass }) => !configuredTerms.has(schoolClass.entryTerm) && !enteredBefore(schoolClass.entryTerm, request.configuration))
    .map(({ schoolClass }) => `class ${schoolClass.classId}: its entry term ${schoolClass.entryTerm} is not in the configuration, so it is not evaluated`);
  return { asOf, termId, ruleSetVersion: RULE_SET_VERSION, configurationRevision: request.configurationRevision, findings, warnings };
}
