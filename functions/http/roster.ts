/** Roster function: learning centers and other units, classes and their students. */
import { canConfigureTenant, canCreateClass, canCreateUnit, canReadClass, canReadStaff, canReadStudent, canRecordStaff } from '../../domain/access.js';
import { fieldsNeededByRole, revealedByGrants, studentView } from '../../domain/privacy.js';
import { StaleRevisionError } from '../../domain/errors.js';
import { cohortOf } from '../../domain/configuration.js';
import { birthDateViolations, type ClassStaff, type Cohort, type SchoolClass } from '../../domain/organisation.js';
import { shanghaiDateOf } from '../../domain/time.js';
import { fromEnvironment, type Dependencies } from '../composition.js';
import { httpFunction, route } from './kit/http-function.js';
import { asHttpProblem, translated } from './kit/domain-errors.js';
import { existingClass, requireAllowed } from './kit/guards.js';
import { etagOf, ifMatchNeeded, putVersioned, requiredVersion, versionFromIfMatch } from './kit/preconditions.js';
import { BadRequestError, ConflictError, fieldProblem, ForbiddenError, NotFoundError, UnprocessableError, type FieldProblem } from './kit/problem.js';
import { notFound } from './kit/names.js';
import { bilingual } from '../../domain/bilingual.js';
import { classPath, displayName, identifier, noDuplicates, staffId, studentNumber, tenantPath, termId } from './schemas/common.js';
import * as z from 'zod/mini';
import { addStudentsBody, createClassBody, createUnitBody } from './schemas/roster.js';
import { violationProblems } from './kit/request.js';

const studentPath = z.object({ tenantId: identifier, studentNumber });
const tenantBody = z.strictObject({ name: displayName, kind: z.enum(['headquarters', 'college', 'school']) });
const staffPath = z.object({ tenantId: identifier, userId: staffId });
const unitPath = z.object({ tenantId: identifier, unitId: identifier });
const staffBody = z.strictObject({ name: displayName, unitId: identifier, department: z.optional(displayName) });
/** Both roles named: a user id, or null for nobody. */
const classStaffBody = z.strictObject({
  classTeacherId: z.nullable(staffId),
  counselorId: z.nullable(staffId),
  /** The class's registrar (学籍管理员); left out, the registrar stays as is. */
  registrarId: z.optional(z.nullable(staffId)),
});
const courseTeachersPath = z.object({ tenantId: identifier, classId: identifier, termId });
const courseTeachersBody = z.strictObject({
  teacherIds: z.array(staffId).check(z.minLength(1), z.maxLength(30), noDuplicates((id: string) => id, { en: 'teacher', zh: '教师' })),
});

/**
 * Every row whose student number is registered in the tenant already, reported at once
 * (409) before anything is written; the write's own conditions still guard a race. Which
 * class holds a number is not said: the caller may not read that class.
 */
async function refuseTakenNumbers(
  roster: Dependencies['roster'],
  tenantId: string,
  entries: readonly { readonly studentNumber: string }[],
  classBeingCreated?: string,
): Promise<void> {
  if (entries.length === 0) return;
  const taken = await roster.studentsByNumber(tenantId, entries.map((entry) => entry.studentNumber));
  // Numbers held by the very class being created mean it exists already: its write says so (409 on classId).
  const holds = (studentNumber: string) => taken.has(studentNumber) && taken.get(studentNumber)?.classId !== classBeingCreated;
  const conflicts = entries.flatMap((entry, index) =>
    holds(entry.studentNumber) ? [fieldProblem(['students', index, 'studentNumber'], 'already_exists', `student number ${entry.studentNumber} is already registered`, `学号 ${entry.studentNumber} 已被注册`)] : [],
  );
  if (conflicts.length > 0) throw new ConflictError(bilingual(`${conflicts.length} of the student numbers are taken; nothing was added.`, `有 ${conflicts.length} 个学号已被占用，未添加任何学生。`), conflicts);
}

/** Birth dates as `now` makes them plausible (past, at most 100 years back): 400, as any bound. */
function refuseImplausibleBirthDates(entries: readonly { readonly birthDate?: string | undefined }[], now: Date): void {
  const violations = birthDateViolations(entries, shanghaiDateOf(now));
  if (violations.length > 0) throw new BadRequestError(violationProblems(violations));
}

/**
 * Serving a class opens its private data to the role, so a class is handed only to staff
 * of its own unit: whoever the staff directory records in another unit is refused (422).
 * Staff not in the directory yet are taken at the caller's word (roles live with the
 * identity provider; the directory is kept by each unit).
 */
async function refuseStaffOfOtherUnits(roster: Dependencies['roster'], tenantId: string, unitId: string, staff: ClassStaff, current: ClassStaff = {}): Promise<void> {
  const problems: FieldProblem[] = [];
  for (const role of ['classTeacherId', 'counselorId', 'registrarId'] as const) {
    // Only a new holder is checked: who serves already stays until handed over.
    const userId = staff[role] === current[role] ? undefined : staff[role];
    const member = userId === undefined ? undefined : await roster.getStaffMember(tenantId, userId);
    if (member !== undefined && member.unitId !== unitId) {
      problems.push(fieldProblem([role], 'staff.other-unit', `${member.userId} is recorded in unit ${member.unitId}, not in the class's unit ${unitId}`, `${member.userId} 登记在单位 ${member.unitId}，不属于本班所在单位 ${unitId}`));
    }
  }
  if (problems.length > 0) throw new UnprocessableError(problems);
}

/**
 * The standing judges a class new or returning by its entry term. A class cannot be
 * returning (老生) in or before the term it entered, so that contradiction is refused
 * (422) once the tenant's terms tell which term is in force. A "new" class of an earlier
 * term is let through: classes are set up for past terms when a term is replayed or its
 * records imported, and the standing goes by the entry term either way.
 */
async function refuseContradictoryCohort(
  configuration: Dependencies['configuration'],
  tenantId: string,
  schoolClass: { readonly cohort: Cohort; readonly entryTerm: string },
  now: Date,
): Promise<void> {
  const stored = await configuration.get(tenantId);
  const expected = stored === undefined ? undefined : cohortOf(stored.configuration, schoolClass.entryTerm, shanghaiDateOf(now));
  if (schoolClass.cohort !== 'returning' || expected !== 'new') return;
  throw new UnprocessableError([
    fieldProblem(
      ['cohort'],
      'class.cohort-contradicts-entry-term',
      `a class that entered in ${schoolClass.entryTerm} is not yet returning: it is new in the term it entered`,
      `${schoolClass.entryTerm} 入学的班级在入学学期为新生班，尚不是老生班`,
    ),
  ]);
}

/** The other side of the same rule: nobody is recorded in a unit other than that of the classes they serve. */
async function refuseMoveAwayFromClasses(roster: Dependencies['roster'], tenantId: string, userId: string, unitId: string): Promise<void> {
  const served = [...new Set((await roster.classesServedBy(tenantId, userId)).map(({ classId }) => classId))];
  const elsewhere: string[] = [];
  for (const classId of served) {
    const schoolClass = await roster.getClass(tenantId, classId);
    if (schoolClass !== undefined && schoolClass.unitId !== unitId) elsewhere.push(classId);
  }
  // The classes are counted, not named: the caller may not read another unit's classes.
  if (elsewhere.length > 0) {
    const n = elsewhere.length;
    throw new UnprocessableError([fieldProblem(['unitId'], 'staff.serves-classes-elsewhere', `${userId} serves ${n} class(es) of another unit; hand them over first`, `${userId} 仍在其他单位担任 ${n} 个班级的班主任或辅导员，请先移交这些班级`)]);
  }
}

/** 404 for a staff member the directory has no entry for. */
const staffNotRecorded = (userId: string) => new NotFoundError(bilingual(`Staff member ${userId} is not recorded.`, `教职工 ${userId} 尚未登记。`));

const staffOf = ({ classTeacherId, counselorId, registrarId }: SchoolClass) => ({
  ...(classTeacherId !== undefined ? { classTeacherId } : {}),
  ...(counselorId !== undefined ? { counselorId } : {}),
  ...(registrarId !== undefined ? { registrarId } : {}),
});

export const rosterRoutes = {
  'PUT /tenants/{tenantId}': route({
    schemas: { params: tenantPath, body: tenantBody },
    handle: async ({ params, body, principal, headers }, { roster }: Dependencies) => {
      requireAllowed(canConfigureTenant(principal));
      const expected = versionFromIfMatch(headers['if-match']);
      const next = { tenantId: params.tenantId, ...body, version: (expected ?? 0) + 1 };
      return putVersioned(expected, next.version, 'tenant', () => roster.putTenant(next), next);
    },
  }),

  'GET /tenants/{tenantId}': route({
    schemas: { params: tenantPath },
    handle: async ({ params }, { roster }: Dependencies) => {
      const tenant = await roster.getTenant(params.tenantId);
      if (tenant === undefined) throw new NotFoundError(bilingual('This tenant has not recorded itself yet.', '本机构尚未登记其信息。'));
      return { status: 200, headers: { etag: etagOf(tenant.version) }, body: tenant };
    },
  }),

  'POST /tenants/{tenantId}/units': route({
    schemas: { params: tenantPath, body: createUnitBody },
    handle: async ({ params, body, principal }, { roster }: Dependencies) => {
      requireAllowed(canCreateUnit(principal));
      const unit = { tenantId: params.tenantId, ...body };
      await translated(roster.createUnit(unit));
      return { status: 201, body: unit };
    },
  }),

  'POST /tenants/{tenantId}/classes': route({
    schemas: { params: tenantPath, body: createClassBody },
    handle: async ({ params, body, principal, path }, { roster, configuration, clock }: Dependencies) => {
      requireAllowed(canCreateClass(principal, body.unitId));
      refuseImplausibleBirthDates(body.students, clock.now());
      await refuseContradictoryCohort(configuration, params.tenantId, body, clock.now());
      await refuseStaffOfOtherUnits(roster, params.tenantId, body.unitId, body);
      await refuseTakenNumbers(roster, params.tenantId, body.students, body.classId);
      const { students: entries, ...fields } = body;
      const schoolClass = { tenantId: params.tenantId, ...fields, version: 1 };
      const students = entries.map((entry) => ({ tenantId: params.tenantId, classId: body.classId, ...entry }));
      // Who first gave the class its staff is kept too: version 1 of its staff changes.
      const staffing = { tenantId: params.tenantId, classId: body.classId, version: 1, before: {}, after: staffOf(schoolClass), by: principal.userId, at: clock.now().toISOString() };
      await translated(roster.createClass(schoolClass, students, staffing));
      return {
        status: 201,
        headers: { location: `${path}/${encodeURIComponent(body.classId)}` },
        body: { ...schoolClass, students: entries.map(({ studentNumber, name }) => ({ studentNumber, name })) },
      };
    },
  }),

  'GET /tenants/{tenantId}/classes/{classId}': route({
    schemas: { params: classPath },
    handle: async ({ params, principal }, { roster }: Dependencies) => {
      const schoolClass = await existingClass(roster, params.tenantId, params.classId);
      requireAllowed(canReadClass(principal, schoolClass));
      const students = await roster.listStudents(params.tenantId, params.classId);
      return {
        status: 200,
        headers: { etag: etagOf(schoolClass.version) },
        body: { ...schoolClass, students: students.map(({ studentNumber, name }) => ({ studentNumber, name })) },
      };
    },
  }),

  'PUT /tenants/{tenantId}/classes/{classId}/staff': route({
    schemas: { params: classPath, body: classStaffBody },
    handle: async ({ params, body, principal, headers }, { roster, clock }: Dependencies) => {
      const expected = requiredVersion(headers['if-match'], 'class');
      const schoolClass = await existingClass(roster, params.tenantId, params.classId);
      requireAllowed(canCreateClass(principal, schoolClass.unitId));
      const { classTeacherId: _teacher, counselorId: _counselor, registrarId: _registrar, ...unchanged } = schoolClass;
      const registrarId = body.registrarId === undefined ? schoolClass.registrarId : (body.registrarId ?? undefined);
      const after = {
        ...(body.classTeacherId !== null ? { classTeacherId: body.classTeacherId } : {}),
        ...(body.counselorId !== null ? { counselorId: body.counselorId } : {}),
        ...(registrarId !== undefined ? { registrarId } : {}),
      };
      if (after.classTeacherId === schoolClass.classTeacherId && after.counselorId === schoolClass.counselorId && after.registrarId === schoolClass.registrarId) {
        // Nothing changes: nothing is written or kept, but a stale ETag is still refused.
        if (expected !== schoolClass.version) throw asHttpProblem(new StaleRevisionError('class', expected));
        return { status: 200, headers: { etag: etagOf(schoolClass.version) }, body: schoolClass };
      }
      await refuseStaffOfOtherUnits(roster, params.tenantId, schoolClass.unitId, after, schoolClass);
      const next = { ...unchanged, ...after, version: expected + 1 };
      // Serving a class opens its private data: every hand-over is kept, with who made it.
      const change = { tenantId: params.tenantId, classId: params.classId, version: next.version, before: staffOf(schoolClass), after, by: principal.userId, at: clock.now().toISOString() };
      await translated(roster.changeStaff({ ...schoolClass, version: expected }, next, change));
      return { status: 200, headers: { etag: etagOf(next.version) }, body: next };
    },
  }),

  'GET /tenants/{tenantId}/classes/{classId}/staff-changes': route({
    schemas: { params: classPath },
    handle: async ({ params, principal }, { roster }: Dependencies) => {
      const schoolClass = await existingClass(roster, params.tenantId, params.classId);
      requireAllowed(canReadClass(principal, schoolClass));
      return { status: 200, body: { items: await roster.staffChanges(params.tenantId, params.classId) } };
    },
  }),

  'POST /tenants/{tenantId}/classes/{classId}/students': route({
    schemas: { params: classPath, body: addStudentsBody },
    handle: async ({ params, body, principal }, { roster, clock }: Dependencies) => {
      refuseImplausibleBirthDates(body.students, clock.now());
      const schoolClass = await existingClass(roster, params.tenantId, params.classId);
      requireAllowed(canCreateClass(principal, schoolClass.unitId));
      await refuseTakenNumbers(roster, params.tenantId, body.students);
      const students = body.students.map((entry) => ({ tenantId: params.tenantId, classId: params.classId, ...entry }));
      await translated(roster.addStudents(schoolClass, students));
      return {
        status: 201,
        body: { classId: params.classId, added: students.length, students: body.students.map(({ studentNumber, name }) => ({ studentNumber, name })) },
      };
    },
  }),

  'GET /tenants/{tenantId}/classes/{classId}/course-teachers': route({
    schemas: { params: classPath },
    handle: async ({ params, principal }, { roster }: Dependencies) => {
      const schoolClass = await existingClass(roster, params.tenantId, params.classId);
      requireAllowed(canReadClass(principal, schoolClass));
      return { status: 200, body: { items: await roster.courseTeachersOf(params.tenantId, params.classId) } };
    },
  }),

  'PUT /tenants/{tenantId}/classes/{classId}/course-teachers/{termId}': route({
    schemas: { params: courseTeachersPath, body: courseTeachersBody },
    handle: async ({ params, body, principal, headers }, { roster, clock }: Dependencies) => {
      const schoolClass = await existingClass(roster, params.tenantId, params.classId);
      requireAllowed(canCreateClass(principal, schoolClass.unitId));
      const expected = versionFromIfMatch(headers['if-match']);
      const next = {
        tenantId: params.tenantId,
        classId: params.classId,
        termId: params.termId,
        teacherIds: body.teacherIds,
        version: (expected ?? 0) + 1,
        updatedAt: clock.now().toISOString(),
        updatedBy: principal.userId,
      };
      return putVersioned(expected, next.version, "term's course teachers", () => roster.setCourseTeachers(next), next);
    },
  }),

  'PUT /tenants/{tenantId}/staff/{userId}': route({
    schemas: { params: staffPath, body: staffBody },
    handle: async ({ params, body, principal, headers }, { roster }: Dependencies) => {
      const expected = versionFromIfMatch(headers['if-match']);
      requireAllowed(canRecordStaff(principal, body.unitId));
      const current = await roster.getStaffMember(params.tenantId, params.userId);
      if (expected !== undefined && current === undefined) throw staffNotRecorded(params.userId);
      if (expected === undefined && current !== undefined) throw ifMatchNeeded('staff member');
      // Moving someone out of a unit is for whoever may record that unit's staff too.
      if (current !== undefined) requireAllowed(canRecordStaff(principal, current.unitId));
      if ((await roster.getUnit(params.tenantId, body.unitId)) === undefined) {
        throw new UnprocessableError([fieldProblem(['unitId'], 'unknown_reference', `unit ${body.unitId} does not exist`, `单位 ${body.unitId} 不存在`)]);
      }
      await refuseMoveAwayFromClasses(roster, params.tenantId, params.userId, body.unitId);
      const next = { tenantId: params.tenantId, userId: params.userId, ...body, version: (expected ?? 0) + 1 };
      return putVersioned(expected, next.version, 'staff member', () => roster.putStaffMember(next), next);
    },
  }),

  'GET /tenants/{tenantId}/staff/{userId}': route({
    schemas: { params: staffPath },
    handle: async ({ params, principal }, { roster }: Dependencies) => {
      const member = await roster.getStaffMember(params.tenantId, params.userId);
      // Access before existence: a caller who may not read the entry learns nothing of
      // whether it exists (an entry with no unit is readable only by the person, admins and supervisors).
      requireAllowed(canReadStaff(principal, params.userId, member?.unitId ?? ''));
      if (member === undefined) throw staffNotRecorded(params.userId);
      const classes = await roster.classesServedBy(params.tenantId, params.userId);
      return { status: 200, headers: { etag: etagOf(member.version) }, body: { ...member, classes } };
    },
  }),

  'GET /tenants/{tenantId}/units/{unitId}/staff': route({
    schemas: { params: unitPath },
    handle: async ({ params, principal }, { roster }: Dependencies) => {
      requireAllowed(canReadStaff(principal, '', params.unitId));
      return { status: 200, body: { items: await roster.staffOfUnit(params.tenantId, params.unitId) } };
    },
  }),

  'GET /tenants/{tenantId}/students/{studentNumber}': route({
    schemas: { params: studentPath },
    handle: async ({ params, principal, path }, { roster, privacy, clock, newId }: Dependencies) => {
      const student = await roster.getStudent(params.tenantId, params.studentNumber);
      if (student === undefined) throw notFound('student', params.studentNumber);
      const schoolClass = await roster.getClass(params.tenantId, student.classId);
      if (schoolClass === undefined) throw notFound('class', student.classId);
      const now = clock.now();
      const grants = await privacy.grantsOfRequester(params.tenantId, principal.userId);
      const revealed = revealedByGrants(grants, student.studentNumber, now);
      if (!canReadStudent(principal, schoolClass).allowed && revealed.size === 0) {
        throw new ForbiddenError(bilingual('the caller neither serves this student’s class nor holds a grant for this student', '您既无权查看该学生所在的班级，也没有查看该学生信息的授权'));
      }
      const { tenantId: _tenant, ...fields } = student;
      const view = studentView(fields, fieldsNeededByRole(principal, schoolClass), revealed);
      // Log every read through a grant before the data leaves: no reveal without its entry.
      for (const [grantId, revealedFields] of view.revealedThroughGrants) {
        await privacy.logReveal({
          tenantId: params.tenantId,
          entryId: newId(),
          at: now.toISOString(),
          userId: principal.userId,
          studentNumber: student.studentNumber,
          fields: revealedFields,
          grantId,
          route: path,
        });
      }
      return {
        status: 200,
        body: { ...view.visible, maskedFields: view.maskedFields, revealedThroughGrants: [...view.revealedThroughGrants.values()].flat() },
      };
    },
  }),
};

export const handler = httpFunction(rosterRoutes, fromEnvironment());
