/**
 * What the engine reads of a class: the class, its roster, its records, course teachers and
 * hand-overs, its students' at-risk statuses, its tuition, graduation and exam sessions; and
 * of a staff member, their term figures. The standing and the scheduled runs read through here.
 */
import { factKeys, factSuffix, type ExamSessionFact, type FailedCourseCounts, type Graduation, type Recruitment, type TeachingHours, type Tuition } from '../domain/facts.js';
import type { ClassRecords, StaffFigures } from '../domain/standing.js';
import type { Dependencies } from './composition.js';

export async function classRecordsOf(dependencies: Pick<Dependencies, 'roster' | 'records' | 'statuses' | 'facts' | 'uploads'>, tenantId: string, classId: string): Promise<ClassRecords | undefined> {
  const schoolClass = await dependencies.roster.getClass(tenantId, classId);
  if (schoolClass === undefined) return undefined;
  const owner = `class:${classId}` as const;
  const [students, records, courseTeachers, staffChanges, statuses, tuition, graduation, exams, uploads, failed] = await Promise.all([
    dependencies.roster.listStudents(tenantId, classId),
    dependencies.records.allOfClass(tenantId, classId),
    dependencies.roster.courseTeachersOf(tenantId, classId),
    dependencies.roster.staffChanges(tenantId, classId),
    dependencies.statuses.ofClass(tenantId, classId),
    dependencies.facts.list<Tuition>(tenantId, owner, factKeys.tuitionAll),
    dependencies.facts.get<Graduation>(tenantId, owner, factKeys.graduation),
    dependencies.facts.list<ExamSessionFact>(tenantId, owner, factKeys.examAll),
    dependencies.uploads.allOfClass(tenantId, classId),
    dependencies.facts.get<FailedCourseCounts>(tenantId, owner, factKeys.failedCourses),
  ]);
  return {
    schoolClass,
    students,
    records,
    courseTeachers,
    staffChanges,
    statuses,
    tuition: tuition.map((t) => ({ termId: factSuffix(t, factKeys.tuitionAll), tuition: t.content })),
    ...(graduation !== undefined ? { graduation: graduation.content } : {}),
    exams: exams.map((e) => ({ examId: factSuffix(e, factKeys.examAll), session: e.content })),
    uploads,
    ...(failed !== undefined ? { failedCourses: failed.content.students } : {}),
  };
}

/** A staff member's term figures (teaching hours, recruitment). */
export async function staffFiguresOf(dependencies: Pick<Dependencies, 'facts'>, tenantId: string, userId: string): Promise<StaffFigures> {
  const owner = `staff:${userId}` as const;
  const [hours, recruitment] = await Promise.all([
    dependencies.facts.list<TeachingHours>(tenantId, owner, factKeys.teachingHoursAll),
    dependencies.facts.list<Recruitment>(tenantId, owner, factKeys.recruitmentAll),
  ]);
  return {
    userId,
    teachingHours: hours.map((h) => ({ termId: factSuffix(h, factKeys.teachingHoursAll), hours: h.content.hours })),
    recruitment: recruitment.map((r) => ({ termId: factSuffix(r, factKeys.recruitmentAll), ...r.content })),
  };
}
