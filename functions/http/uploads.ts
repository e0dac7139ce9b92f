/**
 * Uploads (issue #12): a presigned POST for one file of a declared purpose, refused at
 * once when its name, size or type breaks the purpose's rule; its validation result once
 * the validator has seen it; a class's uploads, paged; and short-lived downloads of the
 * accepted or rejected copy and the annotated copy. Evidence images (ID card scans) are
 * private (DOMAIN.md §7): downloaded by the role that needs them or through a grant,
 * every reveal logged first.
 */
import { canReadUnitUploads, canReadUpload, canUpload, canUploadForUnit, type Decision, type Principal } from '../../domain/access.js';
import { bilingual } from '../../domain/bilingual.js';
import type { SchoolClass } from '../../domain/organisation.js';
import { fieldsNeededByRole, revealedByGrants } from '../../domain/privacy.js';
import { checkNaming, incomingKey, keyProblems } from '../../domain/uploads/naming.js';
import { purposeRules } from '../../domain/uploads/purposes.js';
import { presignSeconds, unitScopedPurpose, type Upload } from '../../domain/uploads/upload.js';
import { fromEnvironment, type Dependencies } from '../composition.js';
import { anyValue, equals, startsWith } from '../storage/cursor.js';
import { uploadKeys } from '../storage/dynamo-upload-repository.js';
import { readSecretString } from '../storage/secrets-manager.js';
import { keys } from '../storage/table.js';
import { presignedGet, presignedPost } from '../uploads/presign.js';
import { translated } from './kit/domain-errors.js';
import { existingClass, requireAllowed } from './kit/guards.js';
import { httpFunction, route } from './kit/http-function.js';
import { notFound } from './kit/names.js';
import { BadRequestError, ConflictError, fieldProblem, ForbiddenError, UnprocessableError, type FieldProblem } from './kit/problem.js';
import { classPath, tenantPath } from './schemas/common.js';
import { batchBody, batchPath, classUploadsQuery, downloadQuery, uploadPath, uploadRequestBody } from './schemas/uploads.js';
import { awaitedFiles, batchFiles, batchRefusal, strangersToBatch, unitWide, type UploadBatch } from '../../domain/uploads/batches.js';

/** A download link lives a few minutes: long enough to start it, too short to pass around. */
const downloadSeconds = 300;

/** Where an upload or a batch is, as a request names it: one class, or a whole unit (exactly one of the two, 400 otherwise). */
type Place = { readonly schoolClass: SchoolClass; readonly unitId: string } | { readonly schoolClass?: undefined; readonly unitId: string };

async function placeOf(dependencies: Dependencies, tenantId: string, named: { readonly classId?: string | undefined; readonly unitId?: string | undefined }): Promise<Place> {
  if ((named.classId === undefined) === (named.unitId === undefined)) {
    const en = 'name the class (classId) or, for the registry’s unit-wide files, the unit (unitId): one of the two';
    const zh = '请注明班级（classId），或单位的学籍表格注明单位（unitId）：二者选一';
    throw new BadRequestError([fieldProblem(['classId'], 'one_of', en, zh), fieldProblem(['unitId'], 'one_of', en, zh)]);
  }
  if (named.classId !== undefined) {
    const schoolClass = await existingClass(dependencies.roster, tenantId, named.classId);
    return { schoolClass, unitId: schoolClass.unitId };
  }
  if ((await dependencies.roster.getUnit(tenantId, named.unitId!)) === undefined) throw notFound('unit', named.unitId!);
  return { unitId: named.unitId! };
}

/** Who reads what lies at a place: a class's uploads by its readers, a unit's by the unit's registry (domain/access.ts). */
const mayRead = (principal: Principal, ownerId: string, place: Place): Decision => (place.schoolClass !== undefined ? canReadUpload(principal, ownerId, place.schoolClass) : canReadUnitUploads(principal, ownerId, place.unitId));

async function readableUpload(dependencies: Dependencies, principal: Principal, tenantId: string, uploadId: string): Promise<{ upload: Upload; place: Place }> {
  const upload = await dependencies.uploads.get(tenantId, uploadId);
  if (upload === undefined) throw notFound('upload', uploadId);
  const place: Place = upload.classId !== undefined ? { schoolClass: await existingClass(dependencies.roster, tenantId, upload.classId), unitId: upload.unitId } : { unitId: upload.unitId };
  requireAllowed(mayRead(principal, upload.uploaderId, place));
  return { upload, place };
}

/** An evidence image shows an ID card: the registrar's by role, anyone else's through a grant of `idNumber`, logged. */
async function openEvidence(dependencies: Dependencies, principal: Principal, upload: Upload, schoolClass: SchoolClass, route: string): Promise<void> {
  if (!purposeRules[upload.purpose].private || upload.studentNumber === undefined) return;
  if (fieldsNeededByRole(principal, schoolClass).has('idNumber')) return;
  const now = dependencies.clock.now();
  const grants = await dependencies.privacy.grantsOfRequester(upload.tenantId, principal.userId);
  const grantId = revealedByGrants(grants, upload.studentNumber, now).get('idNumber');
  if (grantId === undefined) {
    throw new ForbiddenError(bilingual('evidence images are private: downloading one needs a grant of idNumber for the student', '证明材料属于隐私信息：下载须持有该学生身份证号的查看授权'));
  }
  await dependencies.privacy.logReveal({ tenantId: upload.tenantId, entryId: dependencies.newId(), at: now.toISOString(), userId: principal.userId, studentNumber: upload.studentNumber, fields: ['idNumber'], grantId, route });
}

export const uploadRoutes = {
  'POST /tenants/{tenantId}/uploads': route({
    schemas: { params: tenantPath, body: uploadRequestBody },
    handle: async ({ params, body, principal, path }, dependencies: Dependencies) => {
      const place = await placeOf(dependencies, params.tenantId, body);
      const rule = purposeRules[body.purpose];
      const problems: FieldProblem[] = [];
      if (place.schoolClass !== undefined) requireAllowed(canUpload(principal, rule.authority, place.schoolClass));
      else if (!unitScopedPurpose(body.purpose)) {
        problems.push(fieldProblem(['unitId'], 'upload.class-required', `a ${rule.title.en.toLowerCase()} is uploaded for a class: name classId`, `${rule.title.zh}按班级上传：请注明 classId`));
      } else requireAllowed(canUploadForUnit(principal, place.unitId));
      if (rule.needsTerm && body.termId === undefined) problems.push(fieldProblem(['termId'], 'upload.term-required', `a ${rule.title.en.toLowerCase()} is one per class and term: name the term`, `${rule.title.zh}每班每学期一份：请注明学期`));
      if (!rule.needsTerm && body.termId !== undefined) problems.push(fieldProblem(['termId'], 'upload.term-not-allowed', `a ${rule.title.en.toLowerCase()} is not per term`, `${rule.title.zh}不按学期上传`));
      if (body.size > rule.maxBytes) problems.push(fieldProblem(['size'], 'upload.too-large', `a ${rule.title.en.toLowerCase()} is at most ${rule.maxBytes} bytes`, `${rule.title.zh}不得超过 ${rule.maxBytes} 字节`));
      // A file uploaded for the unit alone is a table, named freely: no roster names it.
      const roster = place.schoolClass !== undefined ? await dependencies.roster.listStudents(params.tenantId, place.schoolClass.classId) : [];
      const naming = checkNaming(body, roster);
      if (body.batchId !== undefined) {
        const batch = await dependencies.uploads.getBatch(params.tenantId, body.batchId);
        const file = { purpose: body.purpose, ...(place.schoolClass !== undefined ? { classId: place.schoolClass.classId } : {}), unitId: place.unitId, ...(naming.studentNumber !== undefined ? { studentNumber: naming.studentNumber } : {}) };
        const refusal = batchRefusal(body.batchId, batch, file);
        if (refusal !== undefined) problems.push(fieldProblem([refusal.field], refusal.code, refusal.en, refusal.zh));
      }
      const uploadId = dependencies.newId();
      const named = [...naming.problems, ...keyProblems(params.tenantId, uploadId, body.fileName, body.folder)];
      problems.push(...named.map((p) => ({ ...fieldProblem([p.field], p.code, p.message) })));
      if (problems.length > 0) throw new UnprocessableError(problems);

      const key = incomingKey(params.tenantId, uploadId, body.fileName, body.folder);
      const now = dependencies.clock.now();
      const upload: Upload = {
        tenantId: params.tenantId,
        uploadId,
        purpose: body.purpose,
        ...(place.schoolClass !== undefined ? { classId: place.schoolClass.classId } : {}),
        unitId: place.unitId,
        ...(body.termId !== undefined ? { termId: body.termId } : {}),
        ...(naming.studentNumber !== undefined ? { studentNumber: naming.studentNumber } : {}),
        fileName: body.fileName,
        ...(body.folder !== undefined ? { folder: body.folder } : {}),
        key,
        declaredSize: body.size,
        contentType: body.contentType,
        uploaderId: principal.userId,
        requestedAt: now.toISOString(),
        ...(body.batchId !== undefined ? { batchId: body.batchId } : {}),
      };
      await translated(dependencies.uploads.create(upload));
      const post = await presignedPost({ key, contentType: body.contentType, maxBytes: rule.maxBytes, expiresSeconds: presignSeconds });
      const expiresAt = new Date(now.getTime() + presignSeconds * 1000).toISOString();
      return { status: 201, headers: { location: `${path}/${uploadId}` }, body: { upload, post, expiresAt } };
    },
  }),

  'GET /tenants/{tenantId}/uploads/{uploadId}': route({
    schemas: { params: uploadPath },
    handle: async ({ params, principal }, dependencies: Dependencies) => {
      const { upload } = await readableUpload(dependencies, principal, params.tenantId, params.uploadId);
      return { status: 200, body: upload };
    },
  }),

  'GET /tenants/{tenantId}/classes/{classId}/uploads': route({
    schemas: { params: classPath, query: classUploadsQuery },
    handle: async ({ params, query, principal }, dependencies: Dependencies) => {
      const schoolClass = await existingClass(dependencies.roster, params.tenantId, params.classId);
      requireAllowed(canReadUpload(principal, '', schoolClass));
      const scope = { tenantId: params.tenantId, listing: 'class-uploads', filters: { classId: params.classId } };
      const shape = { pk: startsWith(uploadKeys.upload(params.tenantId, '')), sk: equals(keys.head), gsi1pk: equals(uploadKeys.uploadsOfClass(params.tenantId, params.classId)), gsi1sk: anyValue };
      const exclusiveStartKey = await dependencies.cursors.open(query.cursor, scope, shape);
      const { items, lastEvaluatedKey } = await dependencies.uploads.listOfClass(params.tenantId, params.classId, { limit: query.limit, exclusiveStartKey });
      const nextCursor = await dependencies.cursors.seal(lastEvaluatedKey, scope, shape);
      return { status: 200, body: { items, ...(nextCursor !== undefined ? { nextCursor } : {}) } };
    },
  }),

  'GET /tenants/{tenantId}/uploads/{uploadId}/download': route({
    schemas: { params: uploadPath, query: downloadQuery },
    handle: async ({ params, query, principal, path }, dependencies: Dependencies) => {
      const { upload, place } = await readableUpload(dependencies, principal, params.tenantId, params.uploadId);
      const result = upload.result;
      if (result === undefined) throw new ConflictError(bilingual('the file has not been validated yet: no copy to download', '文件尚未校验完毕：暂无可下载的副本'));
      if (query.copy === 'annotated' && result.annotatedKey === undefined) throw notFound('annotated copy of upload', upload.uploadId);
      if (place.schoolClass !== undefined) await openEvidence(dependencies, principal, upload, place.schoolClass, path);
      const url = query.copy === 'annotated' ? await presignedGet('reports', result.annotatedKey!, downloadSeconds, upload.fileName) : await presignedGet('uploads', result.copyKey, downloadSeconds, upload.fileName);
      const expiresAt = new Date(dependencies.clock.now().getTime() + downloadSeconds * 1000).toISOString();
      return { status: 200, body: { url, expiresAt, copy: query.copy, verdict: result.verdict } };
    },
  }),

  'POST /tenants/{tenantId}/upload-batches': route({
    schemas: { params: tenantPath, body: batchBody },
    handle: async ({ params, body, principal, path }, dependencies: Dependencies) => {
      const place = await placeOf(dependencies, params.tenantId, body);
      // A withdrawal batch is the class staff's (its list and forms); an information-change batch the registry's (its table), for a class or the whole unit.
      if (place.schoolClass !== undefined) requireAllowed(canUpload(principal, purposeRules[batchFiles[body.kind].list].authority, place.schoolClass));
      else if (!unitWide[body.kind]) {
        throw new UnprocessableError([fieldProblem(['unitId'], 'upload.batch-per-class', `a ${body.kind} batch is one class's: name classId`, '学信网退学批次按班级申报：请注明 classId')]);
      } else requireAllowed(canUploadForUnit(principal, place.unitId));
      const scope = { ...(place.schoolClass !== undefined ? { classId: place.schoolClass.classId } : {}), unitId: place.unitId };
      const students = await dependencies.roster.studentsByNumber(params.tenantId, body.studentNumbers);
      // Each student's unit is their class's: read once per class named, consistently.
      const classIds = [...new Set([...students.values()].map((s) => s.classId))];
      const unitOfClass = new Map((await Promise.all(classIds.map((id) => dependencies.roster.getClass(params.tenantId, id)))).flatMap((c) => (c === undefined ? [] : [[c.classId, c.unitId] as const])));
      const homeOf = (number: string) => {
        const student = students.get(number);
        const unitId = student && unitOfClass.get(student.classId);
        return student && unitId !== undefined ? { classId: student.classId, unitId } : undefined;
      };
      const where = scope.classId !== undefined ? { en: `class ${scope.classId}`, zh: `班级 ${scope.classId}`, code: 'upload.student-not-in-class' } : { en: `unit ${scope.unitId}`, zh: `单位 ${scope.unitId}`, code: 'upload.student-not-in-unit' };
      const strangers = strangersToBatch(scope, body.studentNumbers, homeOf).map((i) => fieldProblem(['studentNumbers', i], where.code, `student ${body.studentNumbers[i]} is not in ${where.en}`, `学生 ${body.studentNumbers[i]} 不在${where.zh}`));
      if (strangers.length > 0) throw new UnprocessableError(strangers);
      const batch: UploadBatch = { tenantId: params.tenantId, batchId: dependencies.newId(), kind: body.kind, ...scope, studentNumbers: body.studentNumbers, createdBy: principal.userId, createdAt: dependencies.clock.now().toISOString(), version: 1 };
      await translated(dependencies.uploads.createBatch(batch));
      return { status: 201, headers: { location: `${path}/${batch.batchId}` }, body: { ...batch, awaiting: awaitedFiles(batch, []) } };
    },
  }),

  'GET /tenants/{tenantId}/upload-batches/{batchId}': route({
    schemas: { params: batchPath },
    handle: async ({ params, principal }, dependencies: Dependencies) => {
      const batch = await dependencies.uploads.getBatch(params.tenantId, params.batchId);
      if (batch === undefined) throw notFound('upload batch', params.batchId);
      const place: Place = batch.classId !== undefined ? { schoolClass: await existingClass(dependencies.roster, params.tenantId, batch.classId), unitId: batch.unitId } : { unitId: batch.unitId };
      requireAllowed(mayRead(principal, batch.createdBy, place));
      const members = await dependencies.uploads.membersOfBatch(params.tenantId, batch.batchId);
      return { status: 200, body: { ...batch, awaiting: awaitedFiles(batch, members) } };
    },
  }),
};

export const handler = httpFunction(uploadRoutes, fromEnvironment({ readSecret: readSecretString }));
