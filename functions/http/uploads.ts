/**
 * Uploads (issue #12): a presigned POST for one file of a declared purpose, refused at
 * once when its name, size or type breaks the purpose's rule; its validation result once
 * the validator has seen it; a class's uploads, paged; and short-lived downloads of the
 * accepted or rejected copy and the annotated copy. Evidence images (ID card scans) are
 * private (DOMAIN.md §7): downloaded by the role that needs them or through a grant,
 * every reveal logged first.
 */
import { canReadUpload, canUpload, type Principal } from '../../domain/access.js';
import { bilingual } from '../../domain/bilingual.js';
import type { SchoolClass } from '../../domain/organisation.js';
import { fieldsNeededByRole, revealedByGrants } from '../../domain/privacy.js';
import { checkNaming, incomingKey, keyProblems } from '../../domain/uploads/naming.js';
import { purposeRules } from '../../domain/uploads/purposes.js';
import { presignSeconds, type Upload } from '../../domain/uploads/upload.js';
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
import { ConflictError, fieldProblem, ForbiddenError, UnprocessableError, type FieldProblem } from './kit/problem.js';
import { classPath, tenantPath } from './schemas/common.js';
import { batchBody, batchPath, classUploadsQuery, downloadQuery, uploadPath, uploadRequestBody } from './schemas/uploads.js';
import { awaitedFiles, batchFiles, type UploadBatch } from '../../domain/uploads/batches.js';

/** A download link lives a few minutes: long enough to start it, too short to pass around. */
const downloadSeconds = 300;

async function readableUpload(dependencies: Dependencies, principal: Principal, tenantId: string, uploadId: string): Promise<{ upload: Upload; schoolClass: SchoolClass }> {
  const upload = await dependencies.uploads.get(tenantId, uploadId);
  if (upload === undefined) throw notFound('upload', uploadId);
  const schoolClass = await existingClass(dependencies.roster, tenantId, upload.classId);
  requireAllowed(canReadUpload(principal, upload.uploaderId, schoolClass));
  return { upload, schoolClass };
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
      const schoolClass = await existingClass(dependencies.roster, params.tenantId, body.classId);
      const rule = purposeRules[body.purpose];
      requireAllowed(canUpload(principal, rule.authority, schoolClass));
      const problems: FieldProblem[] = [];
      if (rule.needsTerm && body.termId === undefined) problems.push(fieldProblem(['termId'], 'upload.term-required', `a ${rule.title.en.toLowerCase()} is one per class and term: name the term`, `${rule.title.zh}每班每学期一份：请注明学期`));
      if (!rule.needsTerm && body.termId !== undefined) problems.push(fieldProblem(['termId'], 'upload.term-not-allowed', `a ${rule.title.en.toLowerCase()} is not per term`, `${rule.title.zh}不按学期上传`));
      if (body.batchId !== undefined) {
        const batch = await dependencies.uploads.getBatch(params.tenantId, body.batchId);
        const files = batch && batchFiles[batch.kind];
        if (batch === undefined || batch.classId !== schoolClass.classId) problems.push(fieldProblem(['batchId'], 'upload.unknown-batch', `no batch ${body.batchId} of class ${schoolClass.classId}`, `班级 ${schoolClass.classId} 没有批次 ${body.batchId}`));
        else if (files!.list !== body.purpose && files!.perStudent !== body.purpose) problems.push(fieldProblem(['purpose'], 'upload.not-in-batch', `a ${batch.kind} batch takes ${files!.list} and ${files!.perStudent} files`, `此批次只接收 ${files!.list} 和 ${files!.perStudent} 文件`));
      }
      if (body.size > rule.maxBytes) problems.push(fieldProblem(['size'], 'upload.too-large', `a ${rule.title.en.toLowerCase()} is at most ${rule.maxBytes} bytes`, `${rule.title.zh}不得超过 ${rule.maxBytes} 字节`));
      const roster = await dependencies.roster.listStudents(params.tenantId, schoolClass.classId);
      const naming = checkNaming(body, roster);
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
        classId: schoolClass.classId,
        unitId: schoolClass.unitId,
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
      const { upload, schoolClass } = await readableUpload(dependencies, principal, params.tenantId, params.uploadId);
      const result = upload.result;
      if (result === undefined) throw new ConflictError(bilingual('the file has not been validated yet: no copy to download', '文件尚未校验完毕：暂无可下载的副本'));
      if (query.copy === 'annotated' && result.annotatedKey === undefined) throw notFound('annotated copy of upload', upload.uploadId);
      await openEvidence(dependencies, principal, upload, schoolClass, path);
      const url = query.copy === 'annotated' ? await presignedGet('reports', result.annotatedKey!, downloadSeconds, upload.fileName) : await presignedGet('uploads', result.copyKey, downloadSeconds, upload.fileName);
      const expiresAt = new Date(dependencies.clock.now().getTime() + downloadSeconds * 1000).toISOString();
      return { status: 200, body: { url, expiresAt, copy: query.copy, verdict: result.verdict } };
    },
  }),

  'POST /tenants/{tenantId}/upload-batches': route({
    schemas: { params: tenantPath, body: batchBody },
    handle: async ({ params, body, principal, path }, dependencies: Dependencies) => {
      const schoolClass = await existingClass(dependencies.roster, params.tenantId, body.classId);
      // A withdrawal batch is the class staff's (its list and forms); an information-change batch the registry's (its table).
      requireAllowed(canUpload(principal, purposeRules[batchFiles[body.kind].list].authority, schoolClass));
      const inClass = await dependencies.roster.studentsInClass(params.tenantId, schoolClass.classId, body.studentNumbers);
      const strangers = body.studentNumbers.flatMap((number, i) => (inClass.has(number) ? [] : [fieldProblem(['studentNumbers', i], 'upload.student-not-in-class', `student ${number} is not in class ${schoolClass.classId}`, `学生 ${number} 不在班级 ${schoolClass.classId}`)]));
      if (strangers.length > 0) throw new UnprocessableError(strangers);
      const batch: UploadBatch = { tenantId: params.tenantId, batchId: dependencies.newId(), kind: body.kind, classId: schoolClass.classId, unitId: schoolClass.unitId, studentNumbers: body.studentNumbers, createdBy: principal.userId, createdAt: dependencies.clock.now().toISOString(), version: 1 };
      await translated(dependencies.uploads.createBatch(batch));
      return { status: 201, headers: { location: `${path}/${batch.batchId}` }, body: { ...batch, awaiting: awaitedFiles(batch, []) } };
    },
  }),

  'GET /tenants/{tenantId}/upload-batches/{batchId}': route({
    schemas: { params: batchPath },
    handle: async ({ params, principal }, dependencies: Dependencies) => {
      const batch = await dependencies.uploads.getBatch(params.tenantId, params.batchId);
      if (batch === undefined) throw notFound('upload batch', params.batchId);
      const schoolClass = await existingClass(dependencies.roster, params.tenantId, batch.classId);
      requireAllowed(canReadUpload(principal, batch.createdBy, schoolClass));
      const members = (await dependencies.uploads.allOfClass(params.tenantId, batch.classId)).filter((u) => u.batchId === batch.batchId);
      return { status: 200, body: { ...batch, awaiting: awaitedFiles(batch, members) } };
    },
  }),
};

export const handler = httpFunction(uploadRoutes, fromEnvironment({ readSecret: readSecretString }));
