import * as z from 'zod/mini';
import { cohorts, isValidResidentIdNumber, unitKinds } from '../../../domain/organisation.js';
import { maxStudentsPerClassCreate } from '../../storage/dynamo-roster-repository.js';
import { bilingual } from '../../../domain/bilingual.js';
import { line } from '../../../domain/records/fields.js';
import { displayName, identifier, localDate, noDuplicates, staffId, studentNumber, studentNumberWord, termId } from './common.js';

export const createUnitBody = z.strictObject({
  unitId: identifier,
  name: displayName,
  kind: z.enum(unitKinds),
});

const mobilePhone = z.string().check(z.regex(/^1[3-9]\d{9}$/, bilingual('a mainland mobile number has 11 digits starting with 1', '手机号码为以1开头的11位数字')));

/** Seed 003 学籍注册: the registration fields, all optional at first and private once stored. */
export const rosterEntry = z.strictObject({
  studentNumber,
  name: displayName,
  gender: z.optional(z.enum(['male', 'female'])),
  /** In 1900–2100 here; not in the future and at most 100 years back is checked against the clock (roster.ts). */
  birthDate: z.optional(localDate),
  idNumber: z.optional(
    z.string().check(z.maxLength(18), z.refine(isValidResidentIdNumber, bilingual('a resident ID number (居民身份证号码) is 17 digits and a check character (GB 11643), and this one does not check out', '居民身份证号码应为17位数字加1位校验码（GB 11643），此号码校验不通过'))),
  ),
  phone: z.optional(mobilePhone),
  address: z.optional(line(200)),
  guardians: z.optional(z.array(z.strictObject({ name: displayName, relation: line(16), phone: mobilePhone })).check(z.maxLength(4))),
});

export const createClassBody = z.strictObject({
  classId: identifier,
  unitId: identifier,
  name: displayName,
  cohort: z.enum(cohorts),
  entryTerm: termId,
  /** The day the class enrolled (入学), when later than its entry term's start (a class set up mid-term). */
  enrolledOn: z.optional(localDate),
  classTeacherId: z.optional(staffId),
  counselorId: z.optional(staffId),
  students: z._default(
    z.array(rosterEntry).check(
      z.maxLength(maxStudentsPerClassCreate),
      noDuplicates((entry: { studentNumber: string }) => entry.studentNumber, studentNumberWord),
    ),
    [],
  ),
});

/** Bulk roster: hundreds of students in one request, all or nothing, every bad row reported. */
export const maxStudentsPerBatch = 1000;
export const addStudentsBody = z.strictObject({
  students: z.array(rosterEntry).check(
    z.minLength(1),
    z.maxLength(maxStudentsPerBatch),
    noDuplicates((entry: { studentNumber: string }) => entry.studentNumber, studentNumberWord),
  ),
});
