/**
 * Per-route fixtures of the hostile-input harness: for every route of the catalog, the
 * valid requests that succeed against a small school set up once (the world), and for
 * routes that write, what the stored state reads back after an accepted request.
 *
 * A route added to the catalog without an entry here makes the harness fail, naming it.
 */
import fc from 'fast-check';
import type { Principal, Role } from '../../../domain/access.js';
import { roles } from '../../../domain/access.js';
import { recordKinds, type SubmittableKind } from '../../../domain/records/kinds.js';
import type { JsonResponse } from '../../support/events.js';
import { uniqueTenant } from '../../support/events.js';
import { sampleContents } from '../../support/records.js';
import { recordReport } from '../../support/reports.js';
import { validatedUpload } from '../../support/uploads.js';
import { dayBetween, freeText, idLabel, line, nextNumber, personName, someOf, unique, uniqueStudentNumber } from './valid-values.js';

export interface PreparedRequest {
  readonly principal: Principal;
  readonly pathParameters: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/** What an accepted request sent, and what reading it back gives: `sent` must be part of `stored`. */
export interface ReadBack {
  readonly sent: unknown;
  readonly stored: unknown;
}

export interface RouteFixture<S = any> {
  /** Generated descriptions of valid requests (shown as the counterexample when a property fails). */
  readonly spec: fc.Arbitrary<S>;
  /** Turns a description into a request, creating first whatever it needs (a fresh record to correct). */
  readonly build: (spec: S) => Promise<PreparedRequest>;
  readonly readBack?: (request: PreparedRequest, response: JsonResponse) => Promise<ReadBack>;
}

export type Call = (routeKey: string, request: PreparedRequest) => Promise<JsonResponse>;

const fixture = <S>(definition: RouteFixture<S>): RouteFixture<S> => definition;

export const term = { id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' };
export const termConfiguration = { academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }], terms: [term] };

export class World {
  readonly tenantId = uniqueTenant('harness');
  readonly unitId = 'center-h1';
  readonly classId = 'class-h';
  readonly students = ['2611001509001', '2611001509002', '2611001509003', '2611001509004', '2611001509005'] as const;
  readonly teacherId = 'teacher-h';
  /** A class nobody writes to, whose standing stays quick to evaluate, and its own class teacher. */
  readonly quietClassId = 'class-q';
  readonly quietTeacherId = 'teacher-q';
  readonly counselorId = 'counselor-h';
  sharedRecord = '';
  /** A real cursor of the listing of an author's records, foreign to every other listing. */
  foreignCursor = '';
  sharedGrant = '';
  sharedRun = '';
  /** A validated graduation photo of the class, uploaded by its class teacher. */
  sharedUpload = '';
  sharedBatch = '';

  as(role: Role, userId = `${role}-h`): Principal {
    const staff = role === 'class-teacher' ? this.teacherId : role === 'counselor' ? this.counselorId : userId;
    const withUnit = !['tenant-admin', 'supervisor'].includes(role);
    return { userId: staff, tenantId: this.tenantId, ...(withUnit ? { unitId: this.unitId } : {}), roles: [role] };
  }

  get quietTeacher(): Principal {
    return { userId: this.quietTeacherId, tenantId: this.tenantId, unitId: this.unitId, roles: ['class-teacher'] };
  }

  get admin() {
    return this.as('tenant-admin');
  }

  get tenant() {
    return { tenantId: this.tenantId };
  }

  async setUp(call: Call): Promise<void> {
    const expectCreated = async (routeKey: string, request: PreparedRequest) => {
      const response = await call(routeKey, request);
      if (response.status !== 201) throw new Error(`harness set-up: ${routeKey} answered ${response.status} ${JSON.stringify(response.body)}`);
      return response;
    };
    await expectCreated('POST /tenants/{tenantId}/units', { principal: this.admin, pathParameters: this.tenant, body: { unitId: this.unitId, name: '杭州学习中心', kind: 'learning-center' } });
    await expectCreated('PUT /tenants/{tenantId}', { principal: this.admin, pathParameters: this.tenant, body: { name: '弘成教育', kind: 'headquarters' } });
    await expectCreated('PUT /tenants/{tenantId}/configuration', { principal: this.admin, pathParameters: this.tenant, body: termConfiguration });
    await expectCreated('PUT /tenants/{tenantId}/staff/{userId}', { principal: this.admin, pathParameters: { ...this.tenant, userId: this.teacherId }, body: { name: '王老师', unitId: this.unitId } });
    await expectCreated('POST /tenants/{tenantId}/classes', {
      principal: this.admin,
      pathParameters: this.tenant,
      body: {
        classId: this.classId,
        unitId: this.unitId,
        name: '2025级会计学1班',
        cohort: 'new',
        entryTerm: term.id,
        classTeacherId: this.teacherId,
        counselorId: this.counselorId,
        students: this.students.map((studentNumber, i) => ({ studentNumber, name: `学生${i + 1}` })),
      },
    });
    await expectCreated('POST /tenants/{tenantId}/classes', {
      principal: this.admin,
      pathParameters: this.tenant,
      body: { classId: this.quietClassId, unitId: this.unitId, name: '2025级会计学2班', cohort: 'new', entryTerm: term.id, classTeacherId: this.quietTeacherId, students: [{ studentNumber: '2611001509101', name: '学生甲' }] },
    });
    await expectCreated('POST /tenants/{tenantId}/records', { principal: this.quietTeacher, pathParameters: this.tenant, body: { kind: 'term-plan', classId: this.quietClassId, content: sampleContents(this.roster)['term-plan'] } });
    this.sharedRecord = (await expectCreated('POST /tenants/{tenantId}/records', { principal: this.as('class-teacher'), pathParameters: this.tenant, body: { kind: 'talk', classId: this.classId, content: sampleContents(this.roster).talk } })).body.recordId;
    await expectCreated('POST /tenants/{tenantId}/records', { principal: this.quietTeacher, pathParameters: this.tenant, body: { kind: 'term-summary', classId: this.quietClassId, content: sampleContents(this.roster)['term-summary'] } });
    const page = await call('GET /tenants/{tenantId}/records', { principal: this.admin, pathParameters: this.tenant, query: { authorId: this.quietTeacherId, limit: '1' } });
    this.foreignCursor = page.body.nextCursor;
    if (typeof this.foreignCursor !== 'string') throw new Error(`harness set-up: no cursor from ${JSON.stringify(page.body)}`);
    const run = await call('POST /tenants/{tenantId}/runs', { principal: this.admin, pathParameters: this.tenant, body: { termId: term.id, asOf: '2026-01-24T16:00:00Z' } });
    if (run.status !== 202) throw new Error(`harness set-up: a run answered ${run.status} ${JSON.stringify(run.body)}`);
    this.sharedRun = run.body.runId;
    this.sharedGrant = (await expectCreated('POST /tenants/{tenantId}/access-requests', { principal: this.as('admissions'), pathParameters: this.tenant, body: { studentNumbers: [this.students[0]], fields: ['phone'], reason: '招生回访', days: 7 } })).body.grantId;
    this.sharedBatch = (await expectCreated('POST /tenants/{tenantId}/upload-batches', { principal: this.as('class-teacher'), pathParameters: this.tenant, body: { kind: 'withdrawal', classId: this.classId, studentNumbers: [this.students[0]] } })).body.batchId;
    this.sharedUpload = await validatedUpload(this.as('class-teacher'), this.tenantId, { purpose: 'graduation-photo', classId: this.classId, fileName: `${this.students[0]}学生1.jpg`, contentType: 'image/jpeg' });
  }

  get roster(): [string, string, ...string[]] {
    return [...this.students] as [string, string, ...string[]];
  }
}

const writeJson = { 'content-type': 'application/json' };
const ifMatch = (version: number | string) => ({ ...writeJson, 'if-match': `"${version}"` });
const kindsWithContent = Object.keys(sampleContents(['0000', '0001']));

/** Fields of record contents that hold one line of text (a name, a course): no tab or newline. */
const singleLineFields = new Set(['topic', 'course', 'teacher', 'post', 'examId', 'receivedBy']);

/** A record's content with every text field rewritten by the generator, students from the roster. */
function recordContent(world: World) {
  const words = fc.array(freeText(200), { minLength: 8, maxLength: 8 });
  const lines = fc.array(line(30), { minLength: 4, maxLength: 4 });
  // The registrar's own kinds are not the class teacher's to submit.
  const teachers = kindsWithContent.filter((kind) => kind !== 'class-activity' && recordKinds[kind as SubmittableKind]?.author === undefined);
  return fc.record({ kind: fc.constantFrom(...teachers), words, lines }).map(({ kind, words, lines }) => {
    const content = structuredClone(sampleContents(world.roster)[kind]!);
    let next = 0;
    const rewrite = (value: Record<string, unknown>) => {
      for (const [name, field] of Object.entries(value)) {
        if (typeof field === 'string' && /[\u4e00-\u9fa5]/.test(field)) value[name] = singleLineFields.has(name) ? lines[next++ % lines.length] : words[next++ % words.length];
        else if (field !== null && typeof field === 'object' && !Array.isArray(field)) rewrite(field as Record<string, unknown>);
      }
    };
    rewrite(content);
    return { kind, content };
  });
}

/** Strings compared as the API stores them: NFC, trimmed. */
export function asStored(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC').trim();
  if (Array.isArray(value)) return value.map(asStored);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, asStored(inner)]));
  return value;
}

export function routeFixtures(world: World, call: Call): Record<string, RouteFixture> {
  const { tenant } = world;
  const anyRole = fc.constantFrom(...roles);
  const classReaders = fc.constantFrom<Role>('tenant-admin', 'supervisor', 'center-director', 'class-teacher', 'counselor');
  const uploadReaders = fc.constantFrom<Role>('tenant-admin', 'center-director', 'class-teacher', 'counselor', 'registrar');
  const read = async (routeKey: string, pathParameters: Record<string, string>, principal = world.admin) => (await call(routeKey, { principal, pathParameters })).body;
  const created = async (routeKey: string, request: PreparedRequest) => {
    const response = await call(routeKey, request);
    if (response.status >= 300) throw new Error(`harness: preparing ${routeKey} answered ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const freshRecord = async (kind = 'talk') =>
    (await created('POST /tenants/{tenantId}/records', { principal: world.as('class-teacher'), pathParameters: tenant, body: { kind, classId: world.classId, content: sampleContents(world.roster)[kind] } })).recordId as string;
  const freshActivity = async (approved: boolean) => {
    const recordId = await freshRecord('class-activity');
    if (approved) await created('POST /tenants/{tenantId}/records/{recordId}/approval', { principal: world.as('center-director'), pathParameters: { ...tenant, recordId }, headers: ifMatch(1) });
    return recordId;
  };
  const readRecord = (recordId: string) => read('GET /tenants/{tenantId}/records/{recordId}', { ...tenant, recordId }, world.as('class-teacher'));
  const etagOf = async (routeKey: string, pathParameters: Record<string, string>) => {
    const response = await call(routeKey, { principal: world.admin, pathParameters });
    return response.status === 200 ? String(response.headers['etag']) : undefined;
  };
  const newStudents = fc.array(fc.record({ name: personName, gender: fc.option(fc.constantFrom('male', 'female'), { nil: undefined }), birthDate: fc.option(dayBetween('1970-01-01', '2008-12-31'), { nil: undefined }) }), { minLength: 1, maxLength: 4 });
  type NewStudent = { name: string; gender: string | undefined; birthDate: string | undefined };
  const numbered = (entries: readonly NewStudent[]) =>
    entries.map(({ gender, birthDate, name }) => ({ studentNumber: uniqueStudentNumber(), name, ...(gender ? { gender } : {}), ...(birthDate ? { birthDate } : {}) }));

  return {
    'PUT /tenants/{tenantId}': fixture({
      spec: fc.record({ name: line(64), kind: fc.constantFrom('headquarters', 'college', 'school') }),
      build: async (body) => ({ principal: world.admin, pathParameters: tenant, headers: { ...writeJson, 'if-match': (await etagOf('GET /tenants/{tenantId}', tenant))! }, body }),
      readBack: async (request) => ({ sent: request.body, stored: await read('GET /tenants/{tenantId}', tenant) }),
    }),
    'GET /tenants/{tenantId}': fixture({ spec: anyRole, build: async (role) => ({ principal: world.as(role), pathParameters: tenant }) }),
    'POST /tenants/{tenantId}/units': fixture({
      spec: fc.record({ unitId: idLabel('unit'), name: line(64), kind: fc.constantFrom('learning-center', 'college', 'department') }),
      build: async ({ unitId, ...body }) => ({ principal: world.admin, pathParameters: tenant, body: { unitId: unique(unitId), ...body } }),
      // No route reads a unit alone: the answer is what was stored.
      readBack: async (request, response) => ({ sent: request.body, stored: response.body }),
    }),
    'POST /tenants/{tenantId}/classes': fixture({
      spec: fc.record({ classId: idLabel('class'), name: line(64), students: newStudents }),
      build: async ({ classId, name, students }) => ({
        principal: world.as('center-director'),
        pathParameters: tenant,
        body: { classId: unique(classId), unitId: world.unitId, name, cohort: 'new', entryTerm: term.id, students: numbered(students).map(({ studentNumber, name }) => ({ studentNumber, name })) },
      }),
      readBack: async (request) => ({ sent: request.body, stored: { ...(await read('GET /tenants/{tenantId}/classes/{classId}', { ...tenant, classId: (request.body as { classId: string }).classId })), unitId: world.unitId } }),
    }),
    'GET /tenants/{tenantId}/classes/{classId}': fixture({ spec: classReaders, build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, classId: world.classId } }) }),
    'POST /tenants/{tenantId}/records': fixture({
      spec: recordContent(world),
      build: async ({ kind, content }) => ({ principal: world.as('class-teacher'), pathParameters: tenant, body: { kind, classId: world.classId, content } }),
      readBack: async (request, response) => ({ sent: request.body, stored: await readRecord(response.body.recordId) }),
    }),
    'GET /tenants/{tenantId}/records': fixture({
      spec: fc.record({ role: classReaders, kind: fc.option(fc.constantFrom(...kindsWithContent), { nil: undefined }), limit: fc.integer({ min: 1, max: 100 }), from: fc.option(dayBetween('2025-09-01', '2025-12-31'), { nil: undefined }) }),
      build: async ({ role, kind, limit, from }) => ({
        principal: world.as(role),
        pathParameters: tenant,
        query: { classId: world.classId, limit: String(limit), ...(kind ? { kind } : {}), ...(from ? { from } : {}) },
      }),
    }),
    'GET /tenants/{tenantId}/records/{recordId}': fixture({ spec: classReaders, build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, recordId: world.sharedRecord } }) }),
    'GET /tenants/{tenantId}/records/{recordId}/versions': fixture({ spec: classReaders, build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, recordId: world.sharedRecord } }) }),
    'POST /tenants/{tenantId}/records/{recordId}/corrections': fixture({
      spec: fc.record({ topic: line(200), notes: freeText(), reason: freeText(1000) }),
      build: async ({ topic, notes, reason }) => ({
        principal: world.as('class-teacher'),
        pathParameters: { ...tenant, recordId: await freshRecord() },
        headers: ifMatch(1),
        body: { content: { ...sampleContents(world.roster).talk, topic, notes }, reason },
      }),
      readBack: async (request) => ({ sent: { content: (request.body as { content: unknown }).content }, stored: await readRecord(request.pathParameters['recordId']!) }),
    }),
    'POST /tenants/{tenantId}/records/{recordId}/withdrawal': fixture({
      spec: freeText(1000),
      build: async (reason) => ({ principal: world.as('class-teacher'), pathParameters: { ...tenant, recordId: await freshRecord() }, headers: ifMatch(1), body: { reason } }),
      readBack: async (request) => ({ sent: { status: 'withdrawn' }, stored: await readRecord(request.pathParameters['recordId']!) }),
    }),
    'POST /tenants/{tenantId}/records/{recordId}/approval': fixture({
      spec: fc.boolean(),
      build: async (withEmptyBody) => ({ principal: world.as('center-director'), pathParameters: { ...tenant, recordId: await freshActivity(false) }, headers: ifMatch(1), ...(withEmptyBody ? { body: {} } : {}) }),
      readBack: async (request, response) => ({ sent: { version: 2, content: { report: { approvedOn: response.body.content.report.approvedOn } } }, stored: await readRecord(request.pathParameters['recordId']!) }),
    }),
    'POST /tenants/{tenantId}/records/{recordId}/publication': fixture({
      spec: fc.boolean(),
      build: async (withEmptyBody) => ({ principal: world.as('center-director'), pathParameters: { ...tenant, recordId: await freshActivity(true) }, headers: ifMatch(2), ...(withEmptyBody ? { body: {} } : {}) }),
      readBack: async (request, response) => ({ sent: { version: 3, content: { report: { publishedOn: response.body.content.report.publishedOn } } }, stored: await readRecord(request.pathParameters['recordId']!) }),
    }),
    'POST /tenants/{tenantId}/imports/records': fixture({
      spec: fc.record({ importKey: idLabel('import'), rows: fc.array(recordContent(world), { minLength: 1, maxLength: 3 }), at: dayBetween('2025-12-20', '2026-01-10') }),
      build: async ({ importKey, rows, at }) => ({
        principal: world.admin,
        pathParameters: tenant,
        body: { importKey: unique(importKey), records: rows.map((row) => ({ ...row, classId: world.classId, authorId: world.teacherId, submittedAt: `${at}T12:00:00+08:00` })) },
      }),
      readBack: async (request, response) => {
        const rows = (request.body as { records: { kind: string; content: unknown }[] }).records;
        const stored = await Promise.all((response.body.recordIds as string[]).map(readRecord));
        return { sent: rows.map(({ kind, content }) => ({ kind, content, imported: { importId: response.body.importId } })), stored };
      },
    }),
    'GET /tenants/{tenantId}/configuration': fixture({ spec: anyRole, build: async (role) => ({ principal: world.as(role), pathParameters: tenant }) }),
    'PUT /tenants/{tenantId}/configuration': fixture({
      spec: fc.record({ minWorkingDaysPerWindow: fc.integer({ min: 1, max: 7 }), useDefaults: fc.boolean() }),
      build: async ({ minWorkingDaysPerWindow, useDefaults }) => ({
        principal: world.admin,
        pathParameters: tenant,
        headers: { ...writeJson, 'if-match': (await etagOf('GET /tenants/{tenantId}/configuration', tenant))! },
        body: { ...termConfiguration, holidays: { useDefaults }, minWorkingDaysPerWindow },
      }),
      readBack: async (request) => ({ sent: request.body, stored: await read('GET /tenants/{tenantId}/configuration', tenant) }),
    }),
    // Standing evaluates every record of a class: the quiet class keeps each request quick.
    'GET /tenants/{tenantId}/classes/{classId}/standing': fixture({
      spec: fc.constantFrom<Role>('tenant-admin', 'supervisor', 'center-director', 'class-teacher'),
      build: async (role) => ({ principal: role === 'class-teacher' ? world.quietTeacher : world.as(role), pathParameters: { ...tenant, classId: world.quietClassId } }),
    }),
    'GET /tenants/{tenantId}/staff/{userId}/standing': fixture({
      spec: fc.constantFrom<Role>('class-teacher', 'tenant-admin', 'supervisor'),
      build: async (role) => ({ principal: role === 'class-teacher' ? world.quietTeacher : world.as(role), pathParameters: { ...tenant, userId: world.quietTeacherId } }),
    }),
    'PUT /tenants/{tenantId}/classes/{classId}/staff': fixture({
      spec: fc.record({ classLabel: idLabel('staffed'), classTeacherId: idLabel('teacher'), counselorId: fc.option(idLabel('counselor'), { nil: null }) }),
      build: async ({ classLabel, classTeacherId, counselorId }) => {
        const classId = unique(classLabel);
        await created('POST /tenants/{tenantId}/classes', { principal: world.admin, pathParameters: tenant, body: { classId, unitId: world.unitId, name: '会计2班', cohort: 'new', entryTerm: term.id } });
        return { principal: world.admin, pathParameters: { ...tenant, classId }, headers: ifMatch(1), body: { classTeacherId, counselorId } };
      },
      readBack: async (request) => {
        // Nobody (null) reads back as no one named.
        const { classTeacherId, counselorId } = request.body as { classTeacherId: string | null; counselorId: string | null };
        const stored = await read('GET /tenants/{tenantId}/classes/{classId}', request.pathParameters);
        return { sent: { classTeacherId, counselorId }, stored: { classTeacherId: stored.classTeacherId ?? null, counselorId: stored.counselorId ?? null } };
      },
    }),
    'GET /tenants/{tenantId}/classes/{classId}/staff-changes': fixture({ spec: classReaders, build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, classId: world.classId } }) }),
    'POST /tenants/{tenantId}/classes/{classId}/students': fixture({
      spec: newStudents,
      build: async (students) => ({ principal: world.as('center-director'), pathParameters: { ...tenant, classId: world.classId }, body: { students: numbered(students) } }),
      readBack: async (request) => {
        const sent = (request.body as { students: { studentNumber: string }[] }).students;
        const stored = await Promise.all(sent.map(({ studentNumber }) => read('GET /tenants/{tenantId}/students/{studentNumber}', { ...tenant, studentNumber }, world.as('registrar'))));
        return { sent, stored };
      },
    }),
    'GET /tenants/{tenantId}/classes/{classId}/course-teachers': fixture({ spec: classReaders, build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, classId: world.classId } }) }),
    'PUT /tenants/{tenantId}/classes/{classId}/course-teachers/{termId}': fixture({
      spec: fc.record({ season: fc.constantFrom('spring', 'autumn'), teacherIds: fc.uniqueArray(idLabel('course-teacher'), { minLength: 1, maxLength: 5 }) }),
      build: async ({ season, teacherIds }) => {
        const pathParameters = { ...tenant, classId: world.classId, termId: `${2026 + (nextNumber() % 70)}-${season}` };
        const current = (await read('GET /tenants/{tenantId}/classes/{classId}/course-teachers', { ...tenant, classId: world.classId })).items.find((item: { termId: string }) => item.termId === pathParameters.termId);
        return { principal: world.admin, pathParameters, headers: current ? ifMatch(current.version) : writeJson, body: { teacherIds } };
      },
      readBack: async (request) => ({
        sent: request.body,
        stored: (await read('GET /tenants/{tenantId}/classes/{classId}/course-teachers', { ...tenant, classId: world.classId })).items.find((item: { termId: string }) => item.termId === request.pathParameters['termId']),
      }),
    }),
    'PUT /tenants/{tenantId}/staff/{userId}': fixture({
      spec: fc.record({ userId: idLabel('staff'), name: personName, department: fc.option(line(64), { nil: undefined }) }),
      build: async ({ userId, name, department }) => ({ principal: world.admin, pathParameters: { ...tenant, userId: unique(userId) }, body: { name, unitId: world.unitId, ...(department ? { department } : {}) } }),
      readBack: async (request) => ({ sent: request.body, stored: await read('GET /tenants/{tenantId}/staff/{userId}', request.pathParameters) }),
    }),
    'GET /tenants/{tenantId}/staff/{userId}': fixture({
      spec: fc.constantFrom<Role>('class-teacher', 'center-director', 'tenant-admin', 'supervisor'),
      build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, userId: world.teacherId } }),
    }),
    'GET /tenants/{tenantId}/units/{unitId}/staff': fixture({
      spec: fc.constantFrom<Role>('center-director', 'tenant-admin', 'supervisor'),
      build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, unitId: world.unitId } }),
    }),
    'GET /tenants/{tenantId}/students/{studentNumber}': fixture({
      spec: fc.record({ role: fc.constantFrom<Role>('tenant-admin', 'supervisor', 'center-director', 'class-teacher', 'counselor', 'registrar'), student: fc.constantFrom(...world.students) }),
      build: async ({ role, student }) => ({ principal: world.as(role), pathParameters: { ...tenant, studentNumber: student } }),
    }),
    'POST /tenants/{tenantId}/access-requests': fixture({
      spec: fc.record({ studentNumbers: someOf(world.students), fields: someOf(['phone', 'idNumber', 'address', 'guardians', 'birthDate'] as const), reason: freeText(1000), days: fc.integer({ min: 1, max: 31 }) }),
      build: async (body) => ({ principal: world.as('admissions'), pathParameters: tenant, body }),
      readBack: async (request, response) => ({ sent: request.body, stored: await read('GET /tenants/{tenantId}/access-requests/{grantId}', { ...tenant, grantId: response.body.grantId }) }),
    }),
    'GET /tenants/{tenantId}/access-requests': fixture({
      spec: fc.boolean(),
      build: async (ofUnit) => (ofUnit ? { principal: world.as('center-director'), pathParameters: tenant, query: { unitId: world.unitId } } : { principal: world.as('admissions'), pathParameters: tenant }),
    }),
    'GET /tenants/{tenantId}/access-requests/{grantId}': fixture({
      spec: fc.constantFrom<Role>('admissions', 'center-director', 'tenant-admin'),
      build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, grantId: world.sharedGrant } }),
    }),
    'POST /tenants/{tenantId}/access-requests/{grantId}/decision': fixture({
      spec: fc.record({ approve: fc.boolean(), note: fc.option(freeText(1000), { nil: undefined }) }),
      build: async ({ approve, note }) => {
        const grant = await created('POST /tenants/{tenantId}/access-requests', { principal: world.as('admissions'), pathParameters: tenant, body: { studentNumbers: [world.students[1]], fields: ['phone'], reason: '核对', days: 3 } });
        return { principal: world.as('center-director'), pathParameters: { ...tenant, grantId: grant.grantId }, body: { approve, ...(note ? { note } : {}) } };
      },
      readBack: async (request) => {
        const { approve } = request.body as { approve: boolean };
        return { sent: { state: approve ? 'approved' : 'refused' }, stored: await read('GET /tenants/{tenantId}/access-requests/{grantId}', request.pathParameters) };
      },
    }),
    'GET /tenants/{tenantId}/reveals': fixture({
      spec: fc.record({ role: fc.constantFrom<Role>('supervisor', 'tenant-admin'), student: fc.constantFrom(...world.students), limit: fc.integer({ min: 1, max: 100 }) }),
      build: async ({ role, student, limit }) => ({ principal: world.as(role), pathParameters: tenant, query: { studentNumber: student, limit: String(limit) } }),
    }),
    'POST /tenants/{tenantId}/runs': fixture({
      spec: dayBetween('2025-09-01', '2026-11-30').chain((day) => fc.record({ day: fc.constant(day), hour: fc.integer({ min: 0, max: 23 }), offset: fc.constantFrom('Z', '+08:00') })),
      build: async ({ day, hour, offset }) => ({ principal: world.admin, pathParameters: tenant, body: { termId: term.id, asOf: `${day}T${String(hour).padStart(2, '0')}:00:00${offset}` } }),
      // The instant as stored may be written in another offset: compared as instants.
      readBack: async (request, response) => {
        const sent = request.body as { termId: string; asOf: string };
        const stored = await read('GET /tenants/{tenantId}/runs/{runId}', { ...tenant, runId: response.body.runId });
        return { sent: { termId: sent.termId, asOf: Date.parse(sent.asOf) }, stored: { termId: stored.termId, asOf: Date.parse(stored.asOf) } };
      },
    }),
    'GET /tenants/{tenantId}/runs/{runId}': fixture({
      spec: fc.constantFrom<Role>('tenant-admin', 'supervisor'),
      build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, runId: world.sharedRun } }),
    }),
    'GET /tenants/{tenantId}/terms/{termId}/findings': fixture({
      spec: fc.record({ role: anyRole, status: fc.option(fc.constantFrom('met', 'missed', 'pending', 'not-applicable', 'blocked'), { nil: undefined }), family: fc.option(fc.constantFrom('class-teacher', 'counselor', 'registrar'), { nil: undefined }), limit: fc.integer({ min: 1, max: 100 }) }),
      build: async ({ role, status, family, limit }) => ({ principal: world.as(role), pathParameters: { ...tenant, termId: term.id }, query: { limit: String(limit), ...(status ? { status } : {}), ...(family ? { family } : {}) } }),
    }),
    'GET /tenants/{tenantId}/terms/{termId}/findings/summary': fixture({
      spec: fc.record({ role: anyRole, by: fc.constantFrom('unit', 'class', 'staff', 'rule'), classId: fc.option(fc.constant(world.classId), { nil: undefined }) }),
      build: async ({ role, by, classId }) => ({ principal: world.as(role), pathParameters: { ...tenant, termId: term.id }, query: { by, ...(classId ? { classId } : {}) } }),
    }),
    'GET /tenants/{tenantId}/runs': fixture({
      spec: fc.record({
        role: fc.constantFrom<Role>('tenant-admin', 'supervisor'),
        termId: fc.option(fc.constantFrom(term.id, '2031-spring'), { nil: undefined }),
        status: fc.option(fc.constantFrom('accepted', 'running', 'succeeded', 'failed'), { nil: undefined }),
        limit: fc.integer({ min: 1, max: 100 }),
      }),
      build: async ({ role, termId, status, limit }) => ({
        principal: world.as(role),
        pathParameters: tenant,
        query: { limit: String(limit), ...(termId ? { termId } : {}), ...(status ? { status } : {}) },
      }),
    }),
    'POST /tenants/{tenantId}/students/{studentNumber}/statuses': fixture({
      spec: fc.record({ student: fc.constantFrom(...world.students), kind: fc.constantFrom('academic-warning', 'status-processing'), documentOn: dayBetween('2025-09-01', '2025-12-31'), documentRef: fc.option(line(128), { nil: undefined }) }),
      build: async ({ student, kind, documentOn, documentRef }) => ({ principal: world.as('registrar'), pathParameters: { ...tenant, studentNumber: student }, body: { kind, documentOn, ...(documentRef ? { documentRef } : {}) } }),
      readBack: async (request, response) => ({
        sent: request.body,
        stored: (await read('GET /tenants/{tenantId}/students/{studentNumber}/statuses', request.pathParameters)).items.find((s: { statusId: string }) => s.statusId === response.body.statusId),
      }),
    }),
    'GET /tenants/{tenantId}/students/{studentNumber}/statuses': fixture({
      spec: fc.record({ role: fc.constantFrom<Role>('tenant-admin', 'center-director', 'class-teacher', 'counselor', 'registrar'), student: fc.constantFrom(...world.students) }),
      build: async ({ role, student }) => ({ principal: world.as(role), pathParameters: { ...tenant, studentNumber: student } }),
    }),
    'POST /tenants/{tenantId}/students/{studentNumber}/statuses/{statusId}/lifting': fixture({
      spec: dayBetween('2025-12-01', '2026-01-16'),
      build: async (clearedOn) => {
        const studentNumber = world.students[2];
        const status = await created('POST /tenants/{tenantId}/students/{studentNumber}/statuses', { principal: world.as('registrar'), pathParameters: { ...tenant, studentNumber }, body: { kind: 'academic-warning', documentOn: '2025-11-20' } });
        return { principal: world.as('registrar'), pathParameters: { ...tenant, studentNumber, statusId: status.statusId }, headers: ifMatch(1), body: { clearedOn } };
      },
      readBack: async (request) => ({
        sent: request.body,
        stored: (await read('GET /tenants/{tenantId}/students/{studentNumber}/statuses', { ...tenant, studentNumber: request.pathParameters['studentNumber']! })).items.find((s: { statusId: string }) => s.statusId === request.pathParameters['statusId']),
      }),
    }),
    'POST /tenants/{tenantId}/imports/statuses': fixture({
      spec: fc.array(fc.record({ studentNumber: fc.constantFrom(...world.students), kind: fc.constantFrom('academic-warning', 'status-processing'), documentOn: dayBetween('2025-09-01', '2025-10-31'), clearedOn: fc.option(dayBetween('2025-11-01', '2025-12-31'), { nil: undefined }) }), { minLength: 1, maxLength: 5 }),
      build: async (rows) => ({ principal: world.as('registrar'), pathParameters: tenant, body: { statuses: rows.map(({ clearedOn, ...row }) => ({ ...row, ...(clearedOn ? { clearedOn } : {}) })) } }),
      readBack: async (request, response) => {
        const rows = (request.body as { statuses: { studentNumber: string }[] }).statuses;
        const ids = response.body.statusIds as string[];
        const stored = await Promise.all(
          rows.map(async ({ studentNumber }, index) => (await read('GET /tenants/{tenantId}/students/{studentNumber}/statuses', { ...tenant, studentNumber })).items.find((s: { statusId: string }) => s.statusId === ids[index])),
        );
        return { sent: rows, stored };
      },
    }),
    'PUT /tenants/{tenantId}/classes/{classId}/tuition/{termId}': fixture({
      spec: fc.record({ season: fc.constantFrom('spring', 'autumn'), rows: fc.array(fc.record({ billed: fc.integer({ min: 0, max: 2_000_000 }), paid: fc.integer({ min: 0, max: 2_000_000 }) }), { minLength: 1, maxLength: 5 }) }),
      build: async ({ season, rows }) => {
        const pathParameters = { ...tenant, classId: world.classId, termId: `${2026 + (nextNumber() % 70)}-${season}` };
        const current = (await read('GET /tenants/{tenantId}/classes/{classId}/tuition', { ...tenant, classId: world.classId })).items.find((item: { termId: string }) => item.termId === pathParameters.termId);
        const students = rows.slice(0, world.students.length).map(({ billed, paid }, i) => ({ studentNumber: world.students[i]!, billed: billed / 100, paid: paid / 100 }));
        return { principal: world.as('finance'), pathParameters, headers: current ? ifMatch(current.version) : writeJson, body: { students } };
      },
      readBack: async (request) => ({
        sent: request.body,
        stored: (await read('GET /tenants/{tenantId}/classes/{classId}/tuition', { ...tenant, classId: world.classId })).items.find((item: { termId: string }) => item.termId === request.pathParameters['termId']),
      }),
    }),
    'GET /tenants/{tenantId}/classes/{classId}/tuition': fixture({
      spec: fc.constantFrom<Role>('finance', 'tenant-admin', 'center-director', 'class-teacher', 'counselor', 'registrar'),
      build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, classId: world.classId } }),
    }),
    'PUT /tenants/{tenantId}/classes/{classId}/graduation': fixture({
      spec: fc.record({ role: fc.constantFrom<Role>('tenant-admin', 'center-director', 'registrar'), graduatesOn: dayBetween('2026-01-01', '2026-07-10'), applicationOn: fc.option(dayBetween('2025-09-01', '2025-12-31'), { nil: undefined }), graduates: fc.option(someOf(world.students), { nil: undefined }) }),
      build: async ({ role, graduatesOn, applicationOn, graduates }) => {
        const pathParameters = { ...tenant, classId: world.classId };
        const current = (await read('GET /tenants/{tenantId}/classes/{classId}/facts', pathParameters)).graduation;
        return { principal: world.as(role), pathParameters, headers: current ? ifMatch(current.version) : writeJson, body: { graduatesOn, ...(applicationOn ? { applicationOn } : {}), ...(graduates ? { studentNumbers: graduates } : {}) } };
      },
      readBack: async (request) => ({ sent: request.body, stored: (await read('GET /tenants/{tenantId}/classes/{classId}/facts', { ...tenant, classId: world.classId })).graduation }),
    }),
    'PUT /tenants/{tenantId}/classes/{classId}/exams/{examId}': fixture({
      spec: fc.record({ examId: idLabel('exam'), role: fc.constantFrom<Role>('academic-affairs', 'registrar'), opens: dayBetween('2025-09-01', '2025-10-31'), unbooked: fc.option(someOf(world.students), { nil: [] }), unconfirmed: fc.option(someOf(world.students), { nil: [] }) }),
      build: async ({ examId, role, opens, unbooked, unconfirmed }) => ({
        principal: world.as(role),
        pathParameters: { ...tenant, classId: world.classId, examId: unique(examId) },
        body: { bookingOpensOn: opens, bookingClosesOn: '2025-11-10', examOn: '2025-12-06', unbookedStudents: unbooked, unconfirmedStudents: unconfirmed },
      }),
      readBack: async (request) => ({
        sent: request.body,
        stored: (await read('GET /tenants/{tenantId}/classes/{classId}/facts', { ...tenant, classId: world.classId })).exams.find((exam: { examId: string }) => exam.examId === request.pathParameters['examId']),
      }),
    }),
    'GET /tenants/{tenantId}/classes/{classId}/facts': fixture({ spec: classReaders, build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, classId: world.classId } }) }),
    'PUT /tenants/{tenantId}/staff/{userId}/teaching-hours/{termId}': fixture({
      spec: fc.record({ role: fc.constantFrom<Role>('center-director', 'academic-affairs'), season: fc.constantFrom('spring', 'autumn'), hours: fc.integer({ min: 0, max: 1000 }) }),
      build: async ({ role, season, hours }) => {
        const pathParameters = { ...tenant, userId: world.teacherId, termId: `${2026 + (nextNumber() % 70)}-${season}` };
        const current = (await read('GET /tenants/{tenantId}/staff/{userId}/term-figures', { ...tenant, userId: world.teacherId })).teachingHours.find((item: { termId: string }) => item.termId === pathParameters.termId);
        return { principal: world.as(role), pathParameters, headers: current ? ifMatch(current.version) : writeJson, body: { hours } };
      },
      readBack: async (request) => ({
        sent: request.body,
        stored: (await read('GET /tenants/{tenantId}/staff/{userId}/term-figures', { ...tenant, userId: request.pathParameters['userId']! })).teachingHours.find((item: { termId: string }) => item.termId === request.pathParameters['termId']),
      }),
    }),
    'PUT /tenants/{tenantId}/staff/{userId}/recruitment/{termId}': fixture({
      spec: fc.record({ role: fc.constantFrom<Role>('center-director', 'admissions'), season: fc.constantFrom('spring', 'autumn'), target: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }), result: fc.integer({ min: 0, max: 1000 }) }),
      build: async ({ role, season, target, result }) => {
        const pathParameters = { ...tenant, userId: world.teacherId, termId: `${2026 + (nextNumber() % 70)}-${season}` };
        const current = (await read('GET /tenants/{tenantId}/staff/{userId}/term-figures', { ...tenant, userId: world.teacherId })).recruitment.find((item: { termId: string }) => item.termId === pathParameters.termId);
        const part = { ...(target !== undefined ? { target } : {}), result };
        return { principal: world.as(role), pathParameters, headers: current ? ifMatch(current.version) : writeJson, body: { referral: part, continuation: part } };
      },
      readBack: async (request) => ({
        sent: request.body,
        stored: (await read('GET /tenants/{tenantId}/staff/{userId}/term-figures', { ...tenant, userId: request.pathParameters['userId']! })).recruitment.find((item: { termId: string }) => item.termId === request.pathParameters['termId']),
      }),
    }),
    'GET /tenants/{tenantId}/staff/{userId}/term-figures': fixture({
      spec: fc.constantFrom<Role>('class-teacher', 'center-director', 'tenant-admin', 'supervisor'),
      build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, userId: world.teacherId } }),
    }),
    'GET /tenants/{tenantId}/terms/{termId}/reports': fixture({
      spec: fc.record({ role: fc.constantFrom<Role>('tenant-admin', 'supervisor', 'center-director'), unit: fc.boolean() }),
      build: async ({ role, unit }) => ({ principal: world.as(role), pathParameters: { ...tenant, termId: term.id }, ...(unit ? { query: { unitId: world.unitId } } : {}) }),
    }),
    'GET /tenants/{tenantId}/terms/{termId}/reports/{reportId}/download': fixture({
      spec: fc.record({ role: fc.constantFrom<Role>('tenant-admin', 'supervisor', 'center-director'), file: fc.constantFrom('xlsx-zh', 'xlsx-en', 'json') }),
      // The unit's report, recorded once (recording it again finds it there).
      build: async ({ role, file }) => ({
        principal: world.as(role),
        pathParameters: { ...tenant, termId: term.id, reportId: await recordReport(world.tenantId, term.id, { kind: 'unit', unitId: world.unitId }) },
        query: { file },
      }),
    }),
    'POST /tenants/{tenantId}/uploads': fixture({
      // A class's image, or a registry table uploaded for the whole unit (its registrar's or director's).
      spec: fc.oneof(
        fc.record({
          role: fc.constantFrom<Role>('class-teacher', 'counselor', 'registrar'),
          student: fc.integer({ min: 0, max: world.students.length - 1 }),
          purpose: fc.constantFrom('withdrawal-form', 'graduation-photo', 'new-student-photo'),
          type: fc.constantFrom(['jpg', 'image/jpeg'], ['jpeg', 'image/jpeg'], ['png', 'image/png']),
          size: fc.integer({ min: 1, max: 10 * 1024 * 1024 }),
          unitWide: fc.constant(false),
        }),
        fc.record({
          role: fc.constantFrom<Role>('registrar', 'center-director'),
          student: fc.constant(0),
          purpose: fc.constantFrom('change-table', 'exemption-table'),
          type: fc.constant(['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']),
          size: fc.integer({ min: 1, max: 20 * 1024 * 1024 }),
          unitWide: fc.constant(true),
        }),
      ),
      build: async ({ role, student, purpose, type: [extension, contentType], size, unitWide }) => ({
        principal: world.as(role),
        pathParameters: tenant,
        body: unitWide
          ? { purpose, unitId: world.unitId, fileName: `学籍表格.${extension}`, size, contentType }
          : { purpose, classId: world.classId, fileName: `${world.students[student]}学生${student + 1}.${extension}`, size, contentType },
      }),
      readBack: async (request, response) => {
        const { size, ...sent } = request.body as { size: number };
        const stored = await read('GET /tenants/{tenantId}/uploads/{uploadId}', { ...tenant, uploadId: response.body.upload.uploadId });
        return { sent: { ...sent, declaredSize: size }, stored };
      },
    }),
    'GET /tenants/{tenantId}/uploads/{uploadId}': fixture({ spec: uploadReaders, build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, uploadId: world.sharedUpload } }) }),
    'GET /tenants/{tenantId}/classes/{classId}/uploads': fixture({
      spec: fc.record({ role: uploadReaders, limit: fc.integer({ min: 1, max: 100 }) }),
      build: async ({ role, limit }) => ({ principal: world.as(role), pathParameters: { ...tenant, classId: world.classId }, query: { limit: String(limit) } }),
    }),
    'GET /tenants/{tenantId}/uploads/{uploadId}/download': fixture({
      spec: fc.record({ role: uploadReaders }),
      build: async ({ role }) => ({ principal: world.as(role), pathParameters: { ...tenant, uploadId: world.sharedUpload }, query: { copy: 'verdict' } }),
    }),
    'POST /tenants/{tenantId}/upload-batches': fixture({
      // A class's withdrawal batch, or an information-change batch of the whole unit (its registry's).
      spec: fc.oneof(
        fc.record({ role: fc.constantFrom<Role>('class-teacher', 'counselor', 'registrar'), students: someOf(world.students), unitWide: fc.constant(false) }),
        fc.record({ role: fc.constantFrom<Role>('registrar', 'center-director'), students: someOf(world.students), unitWide: fc.constant(true) }),
      ),
      build: async ({ role, students, unitWide }) => ({
        principal: world.as(role),
        pathParameters: tenant,
        body: unitWide ? { kind: 'information-change', unitId: world.unitId, studentNumbers: students } : { kind: 'withdrawal', classId: world.classId, studentNumbers: students },
      }),
      readBack: async (request, response) => ({ sent: request.body, stored: await read('GET /tenants/{tenantId}/upload-batches/{batchId}', { ...tenant, batchId: response.body.batchId }) }),
    }),
    'GET /tenants/{tenantId}/upload-batches/{batchId}': fixture({ spec: uploadReaders, build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, batchId: world.sharedBatch } }) }),
    ...academicFixtures(world, call),
  };
}

/** Scores as the API takes them: 0–100 with at most one decimal place. */
const score = fc.integer({ min: 0, max: 1000 }).map((tenths) => tenths / 10);
const academicCourses = ['C1', 'C2', 'C3', 'C4'].map((code) => ({ code, name: `课程${code}`, credits: 2, programmeTerm: 1, degreeCourse: false }));

/**
 * The academics routes: a programme `acc` offered to the class's grade, the class's course
 * teacher of the term, and a fresh enrolled student (with a failed result when asked) per request.
 */
function academicFixtures(world: World, call: Call): Record<string, RouteFixture> {
  const { tenant } = world;
  const admin = world.admin;
  const registrar = world.as('registrar');
  const courseTeacher = world.as('course-teacher');
  const created = async (routeKey: string, request: PreparedRequest) => {
    const response = await call(routeKey, request);
    if (response.status >= 300) throw new Error(`harness: preparing ${routeKey} answered ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  // A class of its own, so the other fixtures' classes keep their rosters and standings.
  const classId = 'class-acad';
  let ready: Promise<unknown> | undefined;
  const setUp = () =>
    (ready ??= (async () => {
      await created('POST /tenants/{tenantId}/classes', { principal: admin, pathParameters: tenant, body: { classId, unitId: world.unitId, name: '2025级会计学3班', cohort: 'new', entryTerm: term.id, students: [] } });
      await created('PUT /tenants/{tenantId}/programmes/{majorId}', { principal: admin, pathParameters: { ...tenant, majorId: 'acc' }, body: { name: '会计学', level: 'undergraduate', studentType: 'open-education', requiredCredits: 8, courses: academicCourses } });
      await created('PUT /tenants/{tenantId}/units/{unitId}/offerings/{termId}', { principal: admin, pathParameters: { ...tenant, unitId: world.unitId, termId: term.id }, body: { grades: [{ grade: term.id, majorIds: ['acc'] }] } });
      await created('PUT /tenants/{tenantId}/classes/{classId}/course-teachers/{termId}', { principal: admin, pathParameters: { ...tenant, classId, termId: term.id }, body: { teacherIds: [courseTeacher.userId] } });
    })());
  /** A new student of the academics class, in the programme, with a failed C1 (version 1) when `failed`. */
  const freshStudent = async (failed = false) => {
    await setUp();
    const studentNumber = uniqueStudentNumber();
    await created('POST /tenants/{tenantId}/classes/{classId}/students', { principal: admin, pathParameters: { ...tenant, classId }, body: { students: [{ studentNumber, name: '学生' }] } });
    await created('PUT /tenants/{tenantId}/students/{studentNumber}/programme', { principal: admin, pathParameters: { ...tenant, studentNumber }, body: { majorId: 'acc', grade: term.id } });
    if (failed) await created('PUT /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}', { principal: registrar, pathParameters: { ...tenant, studentNumber, termId: term.id, courseCode: 'C1' }, body: { score: 40 } });
    return studentNumber;
  };
  const transcriptOf = async (studentNumber: string) => (await call('GET /tenants/{tenantId}/students/{studentNumber}/results', { principal: registrar, pathParameters: { ...tenant, studentNumber } })).body;
  const resultIn = async (studentNumber: string, courseCode: string) => (await transcriptOf(studentNumber)).results.find((r: { courseCode: string }) => r.courseCode === courseCode);
  const resultPath = (studentNumber: string, courseCode = 'C1') => ({ ...tenant, studentNumber, termId: term.id, courseCode });
  const keepers = fc.constantFrom<Role>('tenant-admin', 'registrar');
  const enterers = fc.constantFrom<Role>('registrar', 'course-teacher');

  return {
    'PUT /tenants/{tenantId}/programmes/{majorId}': fixture({
      spec: fc.record({ role: keepers, majorId: idLabel('major'), name: line(64), level: fc.constantFrom('undergraduate', 'junior-college'), studentType: fc.constantFrom('open-education', 'one-village-one', 'zhuli', 'open-courses'), credits: fc.integer({ min: 1, max: 30 }) }),
      build: async ({ role, majorId, credits, ...rest }) => ({
        principal: world.as(role),
        pathParameters: { ...tenant, majorId: unique(majorId) },
        body: { ...rest, requiredCredits: credits, courses: [{ code: 'K1', name: '课程', credits: 30, programmeTerm: 1, degreeCourse: true }] },
      }),
      readBack: async (request) => ({ sent: request.body, stored: (await call('GET /tenants/{tenantId}/programmes', { principal: admin, pathParameters: tenant })).body.items.find((p: { majorId: string }) => p.majorId === request.pathParameters['majorId']) }),
    }),
    'GET /tenants/{tenantId}/programmes': fixture({ spec: fc.constantFrom(...roles), build: async (role) => ({ principal: world.as(role), pathParameters: tenant }) }),
    'PUT /tenants/{tenantId}/units/{unitId}/offerings/{termId}': fixture({
      spec: fc.record({ role: keepers, season: fc.constantFrom('spring', 'autumn') }),
      build: async ({ role, season }) => {
        await setUp();
        return { principal: world.as(role), pathParameters: { ...tenant, unitId: world.unitId, termId: `${2026 + (nextNumber() % 70)}-${season}` }, headers: writeJson, body: { grades: [{ grade: term.id, majorIds: ['acc'] }] } };
      },
    }),
    'PUT /tenants/{tenantId}/students/{studentNumber}/programme': fixture({
      spec: keepers,
      build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, studentNumber: await freshStudent() }, headers: ifMatch(1), body: { majorId: 'acc', grade: term.id } }),
    }),
    'PUT /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}': fixture({
      spec: fc.record({ role: enterers, score, course: fc.constantFrom('C1', 'C2', 'C3', 'C4') }),
      build: async ({ role, score: value, course }) => ({ principal: world.as(role), pathParameters: resultPath(await freshStudent(), course), body: { score: value } }),
      readBack: async (request) => ({ sent: request.body, stored: await resultIn(request.pathParameters['studentNumber']!, request.pathParameters['courseCode']!) }),
    }),
    'POST /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/make-up': fixture({
      spec: fc.record({ role: enterers, score }),
      build: async ({ role, score: value }) => ({ principal: world.as(role), pathParameters: resultPath(await freshStudent(true)), headers: ifMatch(1), body: { score: value } }),
      readBack: async (request) => ({ sent: request.body, stored: { score: (await resultIn(request.pathParameters['studentNumber']!, 'C1')).makeUpScore } }),
    }),
    'POST /tenants/{tenantId}/imports/results': fixture({
      spec: fc.array(fc.record({ course: fc.constantFrom('C1', 'C2', 'C3', 'C4'), score: fc.integer({ min: 60, max: 1000 }).map((tenths) => tenths / 10) }), { minLength: 1, maxLength: 4 }),
      build: async (rows) => {
        const studentNumber = await freshStudent();
        const unique = [...new Map(rows.map((row) => [row.course, row])).values()];
        return { principal: registrar, pathParameters: tenant, body: { results: unique.map((row) => ({ studentNumber, termId: term.id, courseCode: row.course, score: row.score })) } };
      },
      readBack: async (request) => {
        const rows = (request.body as { results: { studentNumber: string; courseCode: string; score: number }[] }).results;
        const stored = (await transcriptOf(rows[0]!.studentNumber)).results as { courseCode: string; score: number }[];
        return { sent: rows.map(({ courseCode, score: value }) => ({ courseCode, score: value })), stored: rows.map((row) => stored.find((r) => r.courseCode === row.courseCode)) };
      },
    }),
    'GET /tenants/{tenantId}/students/{studentNumber}/results': fixture({
      spec: fc.constantFrom<Role>('tenant-admin', 'supervisor', 'center-director', 'registrar'),
      build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, studentNumber: world.students[0] } }),
    }),
    'POST /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/corrections': fixture({
      spec: fc.record({ role: enterers, value: score.filter((v) => v !== 40), reason: freeText(1000) }),
      build: async ({ role, value, reason }) => ({ principal: world.as(role), pathParameters: resultPath(await freshStudent(true)), headers: ifMatch(1), body: { field: 'score', value, reason } }),
    }),
    'GET /tenants/{tenantId}/students/{studentNumber}/corrections': fixture({
      spec: fc.constant<Role>('registrar'),
      build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, studentNumber: world.students[0] } }),
    }),
    'POST /tenants/{tenantId}/students/{studentNumber}/corrections/{correctionId}/decision': fixture({
      spec: fc.record({ approve: fc.boolean(), note: fc.option(line(500), { nil: undefined }) }),
      build: async ({ approve, note }) => {
        const studentNumber = await freshStudent(true);
        const asked = await created('POST /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/corrections', { principal: courseTeacher, pathParameters: resultPath(studentNumber), headers: ifMatch(1), body: { field: 'score', value: 45, reason: '漏加分' } });
        return { principal: registrar, pathParameters: { ...tenant, studentNumber, correctionId: asked.correctionId }, body: { approve, ...(note !== undefined ? { note } : {}) } };
      },
    }),
    'POST /tenants/{tenantId}/units/{unitId}/warning-runs': fixture({
      spec: fc.record({ documentOn: dayBetween('2025-09-01', '2025-12-31'), documentRef: line(128) }),
      build: async (body) => ({ principal: registrar, pathParameters: { ...tenant, unitId: world.unitId }, body: { termId: term.id, ...body } }),
    }),
    'GET /tenants/{tenantId}/units/{unitId}/warning-runs': fixture({
      spec: fc.constantFrom<Role>('tenant-admin', 'center-director', 'registrar'),
      build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, unitId: world.unitId } }),
    }),
    'POST /tenants/{tenantId}/students/{studentNumber}/certificates': fixture({
      spec: keepers,
      build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, studentNumber: world.students[0] }, body: { purpose: 'personal' } }),
    }),
    'GET /tenants/{tenantId}/units/{unitId}/warning-runs/{runId}': fixture({
      spec: fc.record({ role: fc.constantFrom<Role>('tenant-admin', 'center-director', 'registrar'), limit: fc.integer({ min: 1, max: 20 }) }),
      build: async ({ role, limit }) => {
        const accepted = await created('POST /tenants/{tenantId}/units/{unitId}/warning-runs', { principal: registrar, pathParameters: { ...tenant, unitId: world.unitId }, body: { termId: term.id, documentOn: '2025-10-10', documentRef: '预警文件' } });
        return { principal: world.as(role), pathParameters: { ...tenant, unitId: world.unitId, runId: accepted.runId }, query: { limit: String(limit) } };
      },
    }),
    // The harness's queues drop messages: an export stays pending, which is what reads back.
    'POST /tenants/{tenantId}/students/{studentNumber}/transcript-exports': fixture({
      spec: fc.constantFrom<Role>('tenant-admin', 'registrar', 'course-teacher'),
      build: async (role) => ({ principal: world.as(role), pathParameters: { ...tenant, studentNumber: await freshStudent(true) } }),
      readBack: async (request, response) => ({
        sent: { studentNumber: request.pathParameters['studentNumber'], status: 'pending' },
        stored: (await call('GET /tenants/{tenantId}/students/{studentNumber}/transcript-exports/{exportId}', { principal: request.principal, pathParameters: { ...request.pathParameters, exportId: response.body.exportId } })).body,
      }),
    }),
    'GET /tenants/{tenantId}/students/{studentNumber}/transcript-exports/{exportId}': fixture({
      spec: fc.constantFrom<Role>('registrar', 'course-teacher'),
      build: async (role) => {
        const studentNumber = await freshStudent(true);
        const asked = await created('POST /tenants/{tenantId}/students/{studentNumber}/transcript-exports', { principal: world.as(role), pathParameters: { ...tenant, studentNumber } });
        return { principal: world.as(role), pathParameters: { ...tenant, studentNumber, exportId: asked.exportId } };
      },
    }),
    'POST /tenants/{tenantId}/imports/enrolments': fixture({
      spec: fc.record({ role: keepers, students: fc.integer({ min: 1, max: 3 }) }),
      build: async ({ role, students }) => {
        await setUp();
        const numbers = Array.from({ length: students }, () => uniqueStudentNumber());
        await created('POST /tenants/{tenantId}/classes/{classId}/students', { principal: admin, pathParameters: { ...tenant, classId }, body: { students: numbers.map((studentNumber) => ({ studentNumber, name: '学生' })) } });
        return { principal: world.as(role), pathParameters: tenant, body: { enrolments: numbers.map((studentNumber) => ({ studentNumber, majorId: 'acc', grade: term.id })) } };
      },
      readBack: async (request) => {
        const rows = (request.body as { enrolments: { studentNumber: string; majorId: string; grade: string }[] }).enrolments;
        return { sent: rows.map(({ majorId, grade }) => ({ majorId, grade })), stored: await Promise.all(rows.map(async (row) => (await transcriptOf(row.studentNumber)).programme)) };
      },
    }),
  };
}
