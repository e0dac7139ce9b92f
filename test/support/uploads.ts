/**
 * The upload path's test bench: an s3rver of the test file's own (so its object events
 * reach this process), the validator row of the catalog on the local asynchronous runtime,
 * and a class whose staff upload for its students.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { asyncFunctions, type AsyncFunctionSpec } from '../../functions/catalog.js';
import { handler as roster } from '../../functions/http/roster.js';
import { handler as uploads } from '../../functions/http/uploads.js';
import { useMessagingInThisProcess } from '../../functions/messaging.js';
import { startLocalAsync, type LocalAsync } from '../../scripts/local/async-runtime.js';
import { localBuckets, localS3ClientSettings, startS3Local, type S3Local } from '../../scripts/local/s3-local.js';
import { configFromEnv, createDependencies } from '../../functions/composition.js';
import { validateObject } from '../../functions/uploads/validator.js';
import { invoke, uniqueTenant, type JsonResponse } from './events.js';
import { jpeg } from './image-corpus.js';

export interface UploadBench {
  readonly tenantId: string;
  readonly unitId: string;
  readonly classId: string;
  readonly students: readonly { studentNumber: string; name: string }[];
  readonly teacher: Principal;
  readonly counselor: Principal;
  readonly registrar: Principal;
  readonly director: Principal;
  readonly admin: Principal;
  readonly async: LocalAsync;
  readonly s3: S3Local;
  stop(): Promise<void>;
}

export async function startUploadBench(options: { label: string; functions?: Readonly<Record<string, AsyncFunctionSpec>>; loadHandler?: Parameters<typeof startLocalAsync>[0]['loadHandler'] }): Promise<UploadBench> {
  const dir = mkdtempSync(join(tmpdir(), 'xuewu-upload-s3-'));
  const s3 = await startS3Local({ dataDir: dir });
  process.env['S3_ENDPOINT'] = s3.endpoint;
  const async = startLocalAsync({
    clock: { now: () => new Date() },
    schedules: false,
    retryDelayMs: 10,
    functions: options.functions ?? { uploadValidator: asyncFunctions.uploadValidator },
    ...(options.loadHandler ? { loadHandler: options.loadHandler } : {}),
  });
  useMessagingInThisProcess(async.messaging);
  s3.onEvent((record) => {
    if (!record.eventName.startsWith('ObjectCreated:')) return;
    const { key, size = 0, eTag = '', sequencer } = record.s3.object;
    async.objectCreated('uploads', { key, size, eTag, sequencer }, record.eventName);
  });
  const tenantId = uniqueTenant(options.label);
  const unitId = 'center-u1';
  const classId = 'class-u1';
  const students = [
    { studentNumber: '1711001201115', name: '刘洋' },
    { studentNumber: '1711001201116', name: '王芳' },
    { studentNumber: '1711001201117', name: '李雷' },
  ];
  const admin: Principal = { userId: 'admin-1', tenantId, roles: ['tenant-admin'] };
  const created = await invoke(roster, { routeKey: 'POST /tenants/{tenantId}/units', pathParameters: { tenantId }, principal: admin, body: { unitId, name: '杭州学习中心', kind: 'learning-center' } });
  expect(created.status).toBe(201);
  const schoolClass = await invoke(roster, {
    routeKey: 'POST /tenants/{tenantId}/classes',
    pathParameters: { tenantId },
    principal: admin,
    body: { classId, unitId, name: '2025级会计1班', cohort: 'new', entryTerm: '2025-autumn', classTeacherId: 'teacher-1', counselorId: 'counselor-1', students },
  });
  expect(schoolClass.status, JSON.stringify(schoolClass.body)).toBe(201);
  const staffed = await invoke(roster, {
    routeKey: 'PUT /tenants/{tenantId}/classes/{classId}/staff',
    pathParameters: { tenantId, classId },
    principal: admin,
    headers: { 'content-type': 'application/json', 'if-match': '"1"' },
    body: { classTeacherId: 'teacher-1', counselorId: 'counselor-1', registrarId: 'registrar-1' },
  });
  expect(staffed.status, JSON.stringify(staffed.body)).toBe(200);
  return {
    tenantId,
    unitId,
    classId,
    students,
    admin,
    teacher: { userId: 'teacher-1', tenantId, unitId, roles: ['class-teacher'] },
    counselor: { userId: 'counselor-1', tenantId, unitId, roles: ['counselor'] },
    registrar: { userId: 'registrar-1', tenantId, unitId, roles: ['registrar'] },
    director: { userId: 'director-1', tenantId, unitId, roles: ['center-director'] },
    async,
    s3,
    stop: async () => {
      await async.idle();
      async.stop();
      useMessagingInThisProcess(undefined);
      await s3.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The bench's class unless the body names a class or (a registry table of the whole unit) a unit. */
export const requestUpload = (bench: UploadBench, principal: Principal, body: Record<string, unknown>): Promise<JsonResponse> =>
  invoke(uploads, { routeKey: 'POST /tenants/{tenantId}/uploads', pathParameters: { tenantId: bench.tenantId }, principal, body: body['classId'] === undefined && body['unitId'] === undefined ? { classId: bench.classId, ...body } : body });

export const readUpload = (bench: UploadBench, principal: Principal, uploadId: string): Promise<JsonResponse> =>
  invoke(uploads, { routeKey: 'GET /tenants/{tenantId}/uploads/{uploadId}', pathParameters: { tenantId: bench.tenantId, uploadId }, principal });

/** The browser's part: a multipart POST of the presigned fields and the file to the bucket. */
export async function postFile(post: { url: string; fields: Record<string, string> }, bytes: Uint8Array, fileName: string, contentType: string): Promise<number> {
  const form = new FormData();
  for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }), fileName);
  const answer = await fetch(post.url, { method: 'POST', body: form });
  await answer.arrayBuffer();
  return answer.status;
}

/** Presign, POST and wait for the validator: the whole path of one file. */
export async function uploadFile(bench: UploadBench, principal: Principal, body: { purpose: string; fileName: string; folder?: string; termId?: string; contentType: string; batchId?: string; classId?: string; unitId?: string }, bytes: Uint8Array): Promise<JsonResponse> {
  const granted = await requestUpload(bench, principal, { ...body, size: bytes.length });
  expect(granted.status, JSON.stringify(granted.body)).toBe(201);
  expect(await postFile(granted.body.post, bytes, body.fileName, body.contentType)).toBeLessThan(300);
  return settled(bench, principal, granted.body.upload.uploadId);
}

/** The upload once its validation has settled: s3rver may announce the object just after answering the POST. */
export async function settled(bench: UploadBench, principal: Principal, uploadId: string): Promise<JsonResponse> {
  for (let attempt = 0; ; attempt++) {
    await bench.async.idle();
    const read = await readUpload(bench, principal, uploadId);
    if (read.body?.result !== undefined || attempt >= 100) return read;
    await new Promise((wake) => setTimeout(wake, 20));
  }
}

/**
 * An upload requested through the route, its object put straight into the bucket the
 * environment names and validated by calling the validator (for tests that need a
 * validated upload but no event plumbing: the access matrix, the harness). By default the
 * file is a good graduation photo (a JPEG 480 wide × 640 high).
 */
export async function validatedUpload(principal: Principal, tenantId: string, body: Record<string, unknown>, bytes = jpeg({ width: 480, height: 640 })): Promise<string> {
  const granted = await invoke(uploads, { routeKey: 'POST /tenants/{tenantId}/uploads', pathParameters: { tenantId }, principal, body: { ...body, size: bytes.length } });
  expect(granted.status, JSON.stringify(granted.body)).toBe(201);
  const s3 = new S3Client({ endpoint: process.env['S3_ENDPOINT']!, region: 'us-east-1', ...localS3ClientSettings });
  try {
    await s3.send(new PutObjectCommand({ Bucket: localBuckets.uploads, Key: granted.body.upload.key, Body: bytes, ContentType: String(body['contentType']) }));
  } finally {
    s3.destroy();
  }
  expect(await validateObject(createDependencies(configFromEnv()), { key: granted.body.upload.key, sequencer: '01' })).toBe('validated');
  return granted.body.upload.uploadId as string;
}
