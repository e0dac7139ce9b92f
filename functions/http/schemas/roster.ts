import * as z from 'zod/mini';
import { cohorts, unitKinds } from '../../../domain/organisation.js';
import { maxStudentsPerClassCreate } from '../../storage/dynamo-roster-repository.js';
import { displayName, identifier, noDuplicates, studentNumber, termId } from './common.js';

export const createUnitBody = z.object({
  unitId: identifier,
  name: displayName,
  kind: z.enum(unitKinds),
});

const rosterEntry = z.object({ studentNumber, name: displayName });

export const createClassBody = z.object({
  classId: identifier,
  unitId: identifier,
  name: displayName,
  cohort: z.enum(cohorts),
  entryTerm: termId,
  classTeacherId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  counselorId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  students: z._default(
    z.array(rosterEntry).check(
      z.maxLength(maxStudentsPerClassCreate),
      noDuplicates((entry: { studentNumber: string }) => entry.studentNumber, 'student number'),
    ),
    [],
  ),
});
