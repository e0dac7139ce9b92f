/**
 * A student's transcript as the caller may read it, shared by the JSON transcript
 * (`GET …/results`) and its .xlsx export (`POST …/transcript-exports`): who may read it,
 * which terms' grades they see (domain/access.ts) and the grant that reveals the rest.
 * The export stores exactly what the JSON would answer, so it can never show more.
 */
import { canReadResults, gradeTermsSeen, type Principal } from '../../domain/access.js';
import { transcriptView, type TranscriptView } from '../../domain/academics/transcript.js';
import type { CourseResult } from '../../domain/academics/results.js';
import type { StoredFact } from '../../domain/facts.js';
import type { SchoolClass } from '../../domain/organisation.js';
import { revealedByGrants } from '../../domain/privacy.js';
import type { Dependencies } from '../composition.js';
import { requireAllowed } from './kit/guards.js';
import { programmesOf, studentPlace } from './programmes.js';
import { resultKeys, resultOf, settingsOf } from './results.js';

type StoredResultContent = Omit<CourseResult, 'studentNumber' | 'classId' | 'termId' | 'courseCode'>;

/** The terms in which the caller is one of the class's course teachers (none unless they hold the role). */
export async function taughtTerms({ roster }: Pick<Dependencies, 'roster'>, principal: Principal, schoolClass: SchoolClass): Promise<string[]> {
  if (!principal.roles.includes('course-teacher')) return [];
  const terms = await roster.courseTeachersOf(schoolClass.tenantId, schoolClass.classId);
  return terms.filter((t) => t.teacherIds.includes(principal.userId)).map((t) => t.termId);
}

/** Whether the caller reads the student's results now: by their work, or through a grant of `grades` in force. */
export async function resultsAccess(dependencies: Dependencies, principal: Principal, schoolClass: SchoolClass, studentNumber: string, now: Date) {
  const taught = await taughtTerms(dependencies, principal, schoolClass);
  const grantId = revealedByGrants(await dependencies.privacy.grantsOfRequester(schoolClass.tenantId, principal.userId), studentNumber, now).get('grades');
  const byWork = canReadResults(principal, schoolClass, taught.length > 0);
  return { taught, grantId, byWork, reads: byWork.allowed || grantId !== undefined };
}

export interface ReadTranscript extends TranscriptView {
  readonly schoolClass: SchoolClass;
  readonly grantId: string | undefined;
}

/** Refuses (403) a caller who may not read the student's results; else the transcript as they may see it. */
export async function readTranscript(dependencies: Dependencies, principal: Principal, tenantId: string, studentNumber: string): Promise<ReadTranscript> {
  const { student, schoolClass, enrolment } = await studentPlace(dependencies, tenantId, studentNumber);
  const access = await resultsAccess(dependencies, principal, schoolClass, studentNumber, dependencies.clock.now());
  if (!access.reads) requireAllowed(access.byWork);
  const [stored, programmes, settings] = await Promise.all([
    dependencies.facts.list<StoredResultContent>(tenantId, `class:${schoolClass.classId}`, resultKeys.ofStudent(studentNumber)),
    programmesOf(dependencies, tenantId),
    settingsOf(dependencies, tenantId),
  ]);
  const results = stored.map((fact: StoredFact<StoredResultContent>) => resultOf(fact, schoolClass.classId));
  const view = transcriptView(
    {
      student,
      classId: schoolClass.classId,
      siteId: schoolClass.unitId,
      enrolment: enrolment?.content,
      programme: enrolment === undefined ? undefined : programmes.get(enrolment.content.majorId),
      settings,
      results,
    },
    { ...gradeTermsSeen(principal, schoolClass, access.taught), grantId: access.grantId },
  );
  return { ...view, schoolClass, grantId: access.grantId };
}
