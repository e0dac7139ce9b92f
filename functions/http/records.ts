/**
 * Records of every kind (DOMAIN.md §3): submit, read, list, correct and withdraw.
 * Nothing is deleted or overwritten: a correction or withdrawal is a new version, based
 * on the version the client read (If-Match), and every version is kept.
 */
import { canApproveActivity, canChangeRecord, canImportHistory, canReadRecord, canSeePrivateFields, canSubmitRecord, type Principal, type RecordOwnership } from '../../domain/access.js';
import { recordKinds, type SubmittableKind } from '../../domain/records/kinds.js';
import { recordNotesGrants } from '../../domain/privacy.js';
import { blindCorrectionViolations, checkRecord, keepingSignOffs, masked, occurredOnOf, reportStep, signOffViolations, studentsNamedBy, type StaffRecord } from '../../domain/records/record.js';
import { shanghaiDateOf } from '../../domain/time.js';
import type { Violation } from '../../domain/violation.js';
import { createHash } from 'node:crypto';
import type { $ZodType } from 'zod/v4/core';
import { fromEnvironment, type Dependencies } from '../composition.js';
import { translated } from './kit/domain-errors.js';
import { existingClass, requireAllowed } from './kit/guards.js';
import { httpFunction, route } from './kit/http-function.js';
import { etagOf, requiredVersion } from './kit/preconditions.js';
import { BadRequestError, ConflictError, fieldProblem, UnprocessableError } from './kit/problem.js';
import { notFound } from './kit/names.js';
import { bilingual } from '../../domain/bilingual.js';
import { parseValue, violationProblems, type BodyPart } from './kit/request.js';
import { tenantPath } from './schemas/common.js';
import { correctionBody, createRecordBody, emptyBody, importRecordsBody, maxImportBodyBytes, recordPath, recordQuery, withdrawalBody } from './schemas/records.js';
import { logger } from '../observability.js';
import { readSecretString } from '../storage/secrets-manager.js';

/** Whose a record is: its class (read afresh) when it has one, else its author and the author's unit. */
async function ownershipOf(
  dependencies: Dependencies,
  tenantId: string,
  record: { readonly authorId: string; readonly classId?: string | undefined; readonly unitId?: string | undefined },
): Promise<RecordOwnership> {
  const { authorId, classId, unitId } = record;
  if (classId === undefined) return { authorId, ...(unitId !== undefined ? { unitId } : {}) };
  return { authorId, schoolClass: await existingClass(dependencies.roster, tenantId, classId) };
}

/**
 * Students must be on the class roster; dates not in the future (for a correction, not
 * after the first submission); the kind's own rules.
 */
async function violationsOf(
  dependencies: Dependencies,
  tenantId: string,
  kind: SubmittableKind,
  classId: string | undefined,
  content: Record<string, unknown>,
  firstSubmittedAt?: Date,
): Promise<Violation[]> {
  const named = studentsNamedBy(kind, content);
  const roster = classId === undefined || named.length === 0 ? new Set<string>() : await dependencies.roster.studentsInClass(tenantId, classId, named);
  return checkRecord(kind, content, { roster, now: dependencies.clock.now(), ...(firstSubmittedAt !== undefined ? { firstSubmittedAt } : {}) });
}

/** The kind's own content schema (built on first use). */
const contentSchemaOf = (kind: SubmittableKind) => recordKinds[kind].content as $ZodType<Record<string, unknown>>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isKind = (kind: unknown): kind is SubmittableKind => typeof kind === 'string' && Object.hasOwn(recordKinds, kind);

/**
 * A record's content, checked against its kind's schema in the same pass as the rest of
 * the body. Only a known kind with an object for content has a part: anything else is
 * already the envelope's problem, and reporting it twice would say nothing more.
 */
function contentPart(entry: unknown, path: readonly (string | number)[]): BodyPart[] {
  if (!isObject(entry) || !isKind(entry['kind']) || !isObject(entry['content'])) return [];
  return [{ path: [...path, 'content'], schema: contentSchemaOf(entry['kind']) }];
}

const unprocessable = (violations: Violation[]) => new UnprocessableError(violationProblems(violations));

/** What a caller may see of a record: private fields masked unless their work needs them. */
function shown(record: StaffRecord, principal: Principal, ownership: RecordOwnership) {
  return canSeePrivateFields(principal, ownership) ? { ...record, maskedFields: [] } : masked(record);
}

/** Who may submit a record of this kind for this class: the class's staff as they are now. */
async function submitAccess(dependencies: Dependencies, principal: Principal, tenantId: string, kind: SubmittableKind, classId: string | undefined) {
  const ownership = await ownershipOf(dependencies, tenantId, { authorId: principal.userId, classId });
  requireAllowed(canSubmitRecord(principal, recordKinds[kind].scope, ownership.schoolClass, recordKinds[kind].author));
  return ownership;
}

/** Who may correct or withdraw a record: its author, or whoever writes its class's records now. */
async function changeAccess(dependencies: Dependencies, principal: Principal, tenantId: string, recordId: string) {
  const record = await dependencies.records.get(tenantId, recordId);
  if (record === undefined) throw notFound('record', recordId);
  const ownership = await ownershipOf(dependencies, tenantId, record);
  requireAllowed(canChangeRecord(principal, ownership));
  return { record, ownership };
}

async function loadForChange(dependencies: Dependencies, principal: Principal, tenantId: string, recordId: string) {
  const loaded = await changeAccess(dependencies, principal, tenantId, recordId);
  if (loaded.record.status === 'withdrawn') throw new ConflictError(bilingual('The record was withdrawn; it can no longer change.', '该记录已撤回，不能再修改。'));
  return loaded;
}

/**
 * An imported record's id, derived from the import's key and the row's place in it: the
 * same import sent again names the same records, so a cut-short import can be completed
 * and never duplicates (UUID version 8, RFC 9562: the bits are ours to define).
 */
function importedRecordId(tenantId: string, importKey: string, index: number): string {
  const hex = createHash('sha256').update(`${tenantId}\n${importKey}\n${index}`).digest('hex');
  const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Approval or publication of a class activity's report by the center head: a new version, dated today. */
function activityStep(step: 'approval' | 'publication') {
  return route({
    schemas: { params: recordPath, body: emptyBody },
    handle: async ({ params, principal, headers }, dependencies: Dependencies) => {
      const expected = requiredVersion(headers['if-match'], 'record');
      const record = await dependencies.records.get(params.tenantId, params.recordId);
      if (record === undefined) throw notFound('record', params.recordId);
      const ownership = await ownershipOf(dependencies, params.tenantId, record);
      if (ownership.schoolClass === undefined) throw unprocessable([{ path: [], code: 'activity.not-an-activity', message: 'only a class activity is approved and published', zh: '只有班级活动需要审核和发布' }]);
      requireAllowed(canApproveActivity(principal, ownership.schoolClass));
      if (record.status === 'withdrawn') throw new ConflictError(bilingual('The record was withdrawn.', '该记录已撤回。'));
      const now = dependencies.clock.now();
      const outcome = reportStep(record, step, shanghaiDateOf(now));
      if (!('content' in outcome)) throw unprocessable([outcome]);
      const next: StaffRecord = {
        ...record,
        content: outcome.content,
        version: expected + 1,
        change: { type: step, by: principal.userId, at: now.toISOString(), reason: step === 'approval' ? '负责人审核通过' : '网站发布' },
      };
      await translated(dependencies.records.change(next));
      return { status: 200, headers: { etag: etagOf(next.version) }, body: shown(next, principal, ownership) };
    },
  });
}

export const recordRoutes = {
  'POST /tenants/{tenantId}/records': route({
    schemas: { params: tenantPath, body: createRecordBody, bodyParts: (raw) => contentPart(raw, []) },
    handle: async ({ params, body, principal, path, headers }, dependencies: Dependencies) => {
      const kind = body.kind as SubmittableKind;
      const { scope } = recordKinds[kind];
      const { content } = body;
      if (scope === 'class' && body.classId === undefined) {
        throw new BadRequestError([fieldProblem(['classId'], 'missing_class', `a ${kind} record belongs to a class`, `${recordKinds[kind].title}记录须属于某个班级`)]);
      }
      await submitAccess(dependencies, principal, params.tenantId, kind, body.classId);
      const violations = [...signOffViolations(kind, content), ...(await violationsOf(dependencies, params.tenantId, kind, body.classId, content))];
      if (violations.length > 0) throw unprocessable(violations);

      const now = dependencies.clock.now();
      const record: StaffRecord = {
        tenantId: params.tenantId,
        recordId: dependencies.newId(),
        kind,
        // A class record is its class's; a document of the author's own goes with their unit.
        ...(body.classId !== undefined ? { classId: body.classId } : principal.unitId !== undefined ? { unitId: principal.unitId } : {}),
        authorId: principal.userId,
        submittedAt: now.toISOString(),
        occurredOn: occurredOnOf(kind, content, now),
        version: 1,
        status: 'active',
        content,
      };
      await translated(dependencies.records.create(record));
      return {
        status: 201,
        headers: { location: `${path}/${record.recordId}`, etag: etagOf(record.version) },
        body: { ...record, maskedFields: [] },
      };
    },
    replayAccess: ({ params, body, principal }, dependencies: Dependencies) =>
      submitAccess(dependencies, principal, params.tenantId, body.kind as SubmittableKind, body.classId),
  }),

  'GET /tenants/{tenantId}/records': route({
    schemas: { params: tenantPath, query: recordQuery },
    handle: async ({ params, query, principal }, dependencies: Dependencies) => {
      const { classId, authorId, kind, from, to, limit, cursor } = query;
      if ((classId === undefined) === (authorId === undefined)) {
        throw new BadRequestError([fieldProblem(['query', 'classId'], 'one_of', 'list by classId or by authorId, one of the two', '按 classId 或 authorId 查询，二者选一')]);
      }
      if (from !== undefined && to !== undefined && from > to) {
        throw new BadRequestError([fieldProblem(['query', 'to'], 'before_from', 'to is on or after from', 'to 不能早于 from')]);
      }
      const filter = { ...(kind !== undefined ? { kind: kind as SubmittableKind } : {}), ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
      const page = { limit, ...(cursor !== undefined ? { cursor } : {}) };
      if (classId !== undefined) {
        const ownership = await ownershipOf(dependencies, params.tenantId, { authorId: '', classId });
        requireAllowed(canReadRecord(principal, ownership));
        const found = await translated(dependencies.records.listByClass(params.tenantId, classId, filter, page));
        return { status: 200, body: { ...found, items: found.items.map((r) => shown(r, principal, { ...ownership, authorId: r.authorId })) } };
      }
      const author = authorId as string;
      const found = await translated(dependencies.records.listByAuthor(params.tenantId, author, filter, page));
      const visible: ReturnType<typeof shown>[] = [];
      for (const record of found.items) {
        const ownership = await ownershipOf(dependencies, params.tenantId, record);
        if (canReadRecord(principal, ownership).allowed) visible.push(shown(record, principal, ownership));
      }
      return { status: 200, body: { ...found, items: visible } };
    },
  }),

  'GET /tenants/{tenantId}/records/{recordId}': route({
    schemas: { params: recordPath },
    handle: async ({ params, principal, path }, dependencies: Dependencies) => {
      const record = await dependencies.records.get(params.tenantId, params.recordId);
      if (record === undefined) throw notFound('record', params.recordId);
      const ownership = await ownershipOf(dependencies, params.tenantId, record);
      const headers = { etag: etagOf(record.version) };
      const mayRead = canReadRecord(principal, ownership);
      if (canSeePrivateFields(principal, ownership)) return { status: 200, headers, body: shown(record, principal, ownership) };
      const view = masked(record);
      const openable = recordKinds[record.kind].privateAboutNamedStudents === true;
      if (view.maskedFields.length === 0 || ownership.schoolClass === undefined || !openable) {
        requireAllowed(mayRead);
        return { status: 200, headers, body: view };
      }

      // Private content about the students a record names is opened by grants of
      // `recordNotes`, from the record's unit, for every one of them; nothing else is.
      const now = dependencies.clock.now();
      const grants = await dependencies.privacy.grantsOfRequester(params.tenantId, principal.userId);
      const named = [...new Set(studentsNamedBy(record.kind, record.content))];
      const opened = recordNotesGrants(grants, named, ownership.schoolClass.unitId, now);
      if (named.length === 0 || opened.size < named.length) {
        requireAllowed(mayRead);
        return { status: 200, headers, body: view };
      }
      // Logged before the content leaves: no reveal without its entry.
      for (const [studentNumber, grantId] of opened) {
        await dependencies.privacy.logReveal({
          tenantId: params.tenantId,
          entryId: dependencies.newId(),
          at: now.toISOString(),
          userId: principal.userId,
          studentNumber,
          fields: ['recordNotes'],
          grantId,
          route: path,
        });
      }
      return { status: 200, headers, body: { ...record, maskedFields: [], revealedThroughGrants: ['recordNotes'] } };
    },
  }),

  'GET /tenants/{tenantId}/records/{recordId}/versions': route({
    schemas: { params: recordPath },
    handle: async ({ params, principal }, dependencies: Dependencies) => {
      const versions = await dependencies.records.versions(params.tenantId, params.recordId);
      const latest = versions.at(-1);
      if (latest === undefined) throw notFound('record', params.recordId);
      const ownership = await ownershipOf(dependencies, params.tenantId, latest);
      requireAllowed(canReadRecord(principal, ownership));
      return { status: 200, body: { items: versions.map((version) => shown(version, principal, ownership)) } };
    },
  }),

  'POST /tenants/{tenantId}/records/{recordId}/corrections': route({
    schemas: { params: recordPath, body: correctionBody },
    handle: async ({ params, body, principal, headers, path }, dependencies: Dependencies) => {
      const expected = requiredVersion(headers['if-match'], 'record');
      const { record, ownership } = await loadForChange(dependencies, principal, params.tenantId, params.recordId);
      // Whoever cannot see the private fields cannot change them either: they are carried over.
      const blind = !canSeePrivateFields(principal, ownership);
      const carried = blind
        ? Object.fromEntries(recordKinds[record.kind].privateFields.flatMap((field) => (field in record.content ? [[field, record.content[field]]] : [])))
        : {};
      const submitted = parseValue(contentSchemaOf(record.kind), { ...body.content, ...carried }, ['content'], headers);
      // The sign-offs are checked as sent; the rest as the record will read (a rewritten report loses them).
      const content = keepingSignOffs(record.kind, submitted, record.content);
      const violations = [
        ...signOffViolations(record.kind, submitted, record.content),
        ...(blind ? blindCorrectionViolations(record.kind, record.content, content) : []),
        ...(await violationsOf(dependencies, params.tenantId, record.kind, record.classId, content, new Date(record.submittedAt))),
      ];
      if (violations.length > 0) throw unprocessable(violations);
      const now = dependencies.clock.now();
      const next: StaffRecord = {
        ...record,
        content,
        // The day it is about may change with the content; the first submission time stays.
        occurredOn: occurredOnOf(record.kind, content, new Date(record.submittedAt)),
        version: expected + 1,
        change: { type: 'correction', by: principal.userId, at: now.toISOString(), reason: body.reason },
      };
      await translated(dependencies.records.change(next));
      return { status: 200, headers: { etag: etagOf(next.version), location: path.replace(/\/corrections$/, '') }, body: shown(next, principal, ownership) };
    },
    replayAccess: ({ params, principal }, dependencies: Dependencies) => changeAccess(dependencies, principal, params.tenantId, params.recordId),
  }),

  'POST /tenants/{tenantId}/records/{recordId}/withdrawal': route({
    schemas: { params: recordPath, body: withdrawalBody },
    handle: async ({ params, body, principal, headers }, dependencies: Dependencies) => {
      const expected = requiredVersion(headers['if-match'], 'record');
      const { record, ownership } = await loadForChange(dependencies, principal, params.tenantId, params.recordId);
      const next: StaffRecord = {
        ...record,
        status: 'withdrawn',
        version: expected + 1,
        change: { type: 'withdrawal', by: principal.userId, at: dependencies.clock.now().toISOString(), reason: body.reason },
      };
      await translated(dependencies.records.change(next));
      return { status: 200, headers: { etag: etagOf(next.version) }, body: shown(next, principal, ownership) };
    },
    replayAccess: ({ params, principal }, dependencies: Dependencies) => changeAccess(dependencies, principal, params.tenantId, params.recordId),
  }),

  'POST /tenants/{tenantId}/records/{recordId}/approval': activityStep('approval'),
  'POST /tenants/{tenantId}/records/{recordId}/publication': activityStep('publication'),

  'POST /tenants/{tenantId}/imports/records': route({
    // Each row's content against its own kind: every bad row is reported at once.
    schemas: { params: tenantPath, body: importRecordsBody, maxBodyBytes: maxImportBodyBytes, bodyParts: (raw) => (isObject(raw) && Array.isArray(raw['records']) ? raw['records'].flatMap((row, index) => contentPart(row, ['records', index])) : []) },
    handle: async ({ params, body, principal, headers }, dependencies: Dependencies) => {
      requireAllowed(canImportHistory(principal));
      const now = dependencies.clock.now();
      const classes = new Map<string, boolean>();
      for (const classId of new Set(body.records.flatMap((row) => (row.classId === undefined ? [] : [row.classId])))) {
        classes.set(classId, (await dependencies.roster.getClass(params.tenantId, classId)) !== undefined);
      }
      const named = body.records.flatMap((row) => studentsNamedBy(row.kind as SubmittableKind, row.content));
      const students = await dependencies.roster.studentsByNumber(params.tenantId, named);

      // Every row is checked as it was when first submitted; all problems are reported at once.
      const violations = body.records.flatMap((row, index) => {
        const kind = row.kind as SubmittableKind;
        const at = ['records', index];
        const submittedAt = new Date(row.submittedAt);
        if (submittedAt > now) return [{ path: [...at, 'submittedAt'], code: 'import.in-future', message: 'an imported record was submitted in the past', zh: '导入的记录提交时间须在过去' }];
        if (recordKinds[kind].scope === 'class' && row.classId === undefined) return [{ path: [...at, 'classId'], code: 'import.missing-class', message: `a ${kind} record belongs to a class`, zh: `${kind} 记录须属于某个班级` }];
        if (row.classId !== undefined && classes.get(row.classId) !== true) return [{ path: [...at, 'classId'], code: 'import.unknown-class', message: `class ${row.classId} does not exist`, zh: `班级 ${row.classId} 不存在` }];
        const roster = new Set([...students.values()].filter((s) => s.classId === row.classId).map((s) => s.studentNumber));
        return checkRecord(kind, row.content, { roster, now: submittedAt }).map((v) => ({ ...v, path: [...at, ...v.path] }));
      });
      if (violations.length > 0) throw unprocessable(violations);

      // Authors' own documents go with the unit the staff directory has them in, if it does.
      const unitOfAuthor = new Map<string, string | undefined>();
      for (const authorId of new Set(body.records.flatMap((row) => (row.classId === undefined ? [row.authorId] : [])))) {
        unitOfAuthor.set(authorId, (await dependencies.roster.getStaffMember(params.tenantId, authorId))?.unitId);
      }
      const imported = { importId: body.importKey, by: principal.userId, at: now.toISOString() };
      const records: StaffRecord[] = body.records.map((row, index) => {
        const submittedAt = new Date(row.submittedAt);
        return {
          tenantId: params.tenantId,
          recordId: importedRecordId(params.tenantId, body.importKey, index),
          kind: row.kind as SubmittableKind,
          ...(row.classId !== undefined ? { classId: row.classId } : unitOfAuthor.get(row.authorId) !== undefined ? { unitId: unitOfAuthor.get(row.authorId) as string } : {}),
          authorId: row.authorId,
          submittedAt: submittedAt.toISOString(),
          occurredOn: occurredOnOf(row.kind as SubmittableKind, row.content, submittedAt),
          version: 1,
          status: 'active',
          content: row.content,
          imported,
        };
      });
      const { written, alreadyPresent } = await translated(dependencies.records.importAll(records));
      logger.info('records imported', { importId: imported.importId, written, alreadyPresent });
      return {
        status: 201,
        body: {
          importId: imported.importId,
          importedBy: imported.by,
          importedAt: imported.at,
          count: records.length,
          written,
          alreadyPresent,
          recordIds: records.map((r) => r.recordId),
        },
      };
    },
  }),
};

// This function hands out cursors (catalog: pagesResults), so it reads the cursor key's secret.
export const handler = httpFunction(recordRoutes, fromEnvironment({ readSecret: readSecretString }));
