/** What the engine reads of a class: the class, its roster, its records, course teachers and hand-overs. */
import type { ClassRecords } from '../domain/standing.js';
import type { Dependencies } from './composition.js';

export async function classRecordsOf(dependencies: Pick<Dependencies, 'roster' | 'records'>, tenantId: string, classId: string): Promise<ClassRecords | undefined> {
  const schoolClass = await dependencies.roster.getClass(tenantId, classId);
  if (schoolClass === undefined) return undefined;
  const [students, records, courseTeachers, staffChanges] = await Promise.all([
    dependencies.roster.listStudents(tenantId, classId),
    dependencies.records.allOfClass(tenantId, classId),
    dependencies.roster.courseTeachersOf(tenantId, classId),
    dependencies.roster.staffChanges(tenantId, classId),
  ]);
  return { schoolClass, students, records, courseTeachers, staffChanges };
}
