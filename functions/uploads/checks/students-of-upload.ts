/**
 * The students a spreadsheet's rows are matched against (domain/uploads/upload.ts
 * `rosterScopeOf`): the upload's class, or every class of its unit for the registry's
 * tables. Read by the keys the roster already has — the unit's classes from the byParent
 * index, then each class's students from it, a few classes at a time — never by a scan.
 * The cost is one query per class of the unit (plus pages); only number, name, class and
 * registration number are kept, so no private field of a student is held.
 */
import type { RosterStudent } from '../../../domain/uploads/sheet-checks.js';
import { rosterScopeOf, type Upload } from '../../../domain/uploads/upload.js';
import type { Student } from '../../../domain/organisation.js';
import type { Dependencies } from '../../composition.js';
import { requestsInFlight } from '../../storage/parallel.js';

const asRosterStudent = ({ studentNumber, name, classId, registrationNumber }: Student): RosterStudent => ({ studentNumber, name, classId, ...(registrationNumber !== undefined ? { registrationNumber } : {}) });

async function studentsOfClasses(dependencies: Pick<Dependencies, 'roster'>, tenantId: string, classIds: readonly string[]): Promise<RosterStudent[]> {
  const found: RosterStudent[][] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < classIds.length) {
      const classId = classIds[next++]!;
      found.push((await dependencies.roster.listStudents(tenantId, classId)).map(asRosterStudent));
    }
  };
  await Promise.all(Array.from({ length: Math.min(requestsInFlight, classIds.length) }, worker));
  return found.flat();
}

export async function studentsOfUpload(dependencies: Pick<Dependencies, 'roster'>, upload: Pick<Upload, 'tenantId' | 'classId' | 'unitId' | 'purpose'>): Promise<RosterStudent[]> {
  // A class's list is always uploaded for its class (the presign route allows the unit alone only for the registry's tables).
  if (rosterScopeOf(upload.purpose) === 'class') return upload.classId === undefined ? [] : studentsOfClasses(dependencies, upload.tenantId, [upload.classId]);
  const classes = await dependencies.roster.classesOfUnit(upload.tenantId, upload.unitId);
  // The upload's own class (when uploaded for one) is read even if the index has not caught up with it yet.
  const classIds = [...new Set([...(upload.classId !== undefined ? [upload.classId] : []), ...classes.map((c) => c.classId)])];
  return studentsOfClasses(dependencies, upload.tenantId, classIds);
}
