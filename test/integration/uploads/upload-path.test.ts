/**
 * The whole upload path against s3rver and DynamoDB Local: presign → a real multipart POST
 * → s3rver's ObjectCreated event, its key encoded as S3 encodes it → the validator → the
 * result in the table → the accepted or rejected copy beside the original.
 */
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as uploads } from '../../../functions/http/uploads.js';
import { decodeEventKey } from '../../../functions/storage/s3-event-key.js';
import { createDependencies, configFromEnv } from '../../../functions/composition.js';
import { validateObject } from '../../../functions/uploads/validator.js';
import { localBuckets, localS3ClientSettings } from '../../../scripts/local/s3-local.js';
import { invoke } from '../../support/events.js';
import { concat, jpeg, jpegHeader, jpegScan, png, pngIhdr, pngSignature, pngChunk, pngEnd } from '../../support/image-corpus.js';
import { postFile, readUpload, requestUpload, settled, startUploadBench, uploadFile, type UploadBench } from '../../support/uploads.js';

let bench: UploadBench;
let s3: S3Client;
beforeAll(async () => {
  bench = await startUploadBench({ label: 'upload-path' });
  s3 = new S3Client({ endpoint: bench.s3.endpoint, region: 'us-east-1', ...localS3ClientSettings });
});
afterAll(async () => {
  s3.destroy();
  await bench.stop();
});

// Bytes that are no image: only for files the validator refuses before opening (size or type other than declared).
const bytes = (n: number) => new Uint8Array(n).fill(0x5a);
// Real images, built byte by byte (test/support/image-corpus.ts): a scanned form, portraits.
const form = jpeg({ width: 600, height: 800 });
const graduationPhoto = jpeg({ width: 480, height: 640 });
const newStudentPhoto = png({ width: 300, height: 400 });
const exists = async (key: string) => s3.send(new HeadObjectCommand({ Bucket: localBuckets.uploads, Key: key })).then(() => true, () => false);

describe('a withdrawal form named by number and name goes the whole way', () => {
  it('is accepted, copied to accepted/ with the original kept under incoming/, and announced', async () => {
    const read = await uploadFile(bench, bench.teacher, { purpose: 'withdrawal-form', fileName: '1711001201115刘洋.jpg', contentType: 'image/jpeg' }, form);
    expect(read.status).toBe(200);
    const upload = read.body;
    expect(upload).toMatchObject({ studentNumber: '1711001201115', result: { verdict: 'accepted', size: form.length, contentType: 'image/jpeg', problems: [], problemCount: 0 } });
    expect(upload.result.copyKey).toBe(upload.key.replace(/^incoming\//, 'accepted/'));
    expect(await exists(upload.key)).toBe(true);
    expect(await exists(upload.result.copyKey)).toBe(true);
    const copy = await s3.send(new GetObjectCommand({ Bucket: localBuckets.uploads, Key: upload.result.copyKey }));
    expect(await copy.Body!.transformToByteArray()).toEqual(form);
    expect(bench.async.events.filter((e) => e.detailType === 'upload.validated' && e.detail['uploadId'] === upload.uploadId)).toEqual([
      expect.objectContaining({ detail: { tenantId: bench.tenantId, uploadId: upload.uploadId, classId: bench.classId, unitId: bench.unitId, purpose: 'withdrawal-form', verdict: 'accepted', problemCount: 0 } }),
    ]);
  });

  it('hands out a download link of the accepted copy that fetches its bytes', async () => {
    const read = await uploadFile(bench, bench.counselor, { purpose: 'new-student-photo', fileName: '1711001201116王芳.png', contentType: 'image/png' }, newStudentPhoto);
    const link = await invoke(uploads, { routeKey: 'GET /tenants/{tenantId}/uploads/{uploadId}/download', pathParameters: { tenantId: bench.tenantId, uploadId: read.body.uploadId }, principal: bench.director });
    expect(link.status).toBe(200);
    const fetched = await fetch(link.body.url);
    expect(fetched.status).toBe(200);
    expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(newStudentPhoto);
  });
});

describe('the presigned POST', () => {
  it('holds the exact key, the declared type and the purpose’s size range in its policy, for 5 minutes', async () => {
    const granted = await requestUpload(bench, bench.teacher, { purpose: 'graduation-photo', fileName: '1711001201117李雷.jpg', size: 5000, contentType: 'image/jpeg' });
    expect(granted.status).toBe(201);
    const policy = JSON.parse(Buffer.from(granted.body.post.fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { key: granted.body.upload.key },
        ['content-length-range', 1, 10 * 1024 * 1024],
        ['eq', '$Content-Type', 'image/jpeg'],
      ]),
    );
    // Expiry: issued now, 300 s later (give the clock a few seconds either way).
    const lifetime = Date.parse(policy.expiration) - Date.now();
    expect(lifetime).toBeGreaterThan(290_000);
    expect(lifetime).toBeLessThanOrEqual(300_000);
    expect(granted.body.upload.key.startsWith(`incoming/${bench.tenantId}/`)).toBe(true);
  });
});

describe('refused at presign, before any byte is sent, naming the field', () => {
  const refused = async (body: Record<string, unknown>) => {
    const answer = await requestUpload(bench, bench.teacher, { purpose: 'withdrawal-form', size: 1000, contentType: 'image/jpeg', ...body });
    return { status: answer.status, fields: (answer.body.errors ?? []).map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`) };
  };
  it('a “+” or a space in the name', async () => {
    expect(await refused({ fileName: '1711001201115+刘洋.jpg' })).toEqual({ status: 422, fields: ['#/fileName upload.name-plus'] });
    expect(await refused({ fileName: '1711001201115 刘洋.jpg' })).toEqual({ status: 422, fields: ['#/fileName upload.name-space'] });
  });
  it('“..”, a separator or a control character', async () => {
    expect((await refused({ fileName: '..\\1711001201115刘洋.jpg' })).fields).toEqual(expect.arrayContaining(['#/fileName upload.name-dots', '#/fileName upload.name-separator']));
    expect(await refused({ fileName: '1711001201115刘洋\u0000.jpg' })).toEqual({ status: 422, fields: ['#/fileName upload.name-control'] });
  });
  it('a 1,000-character Chinese name: a key of over 1,024 bytes', async () => {
    expect(await refused({ purpose: 'withdrawal-list', fileName: `${'退'.repeat(1000)}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })).toEqual({ status: 422, fields: ['#/fileName upload.key-too-long'] });
  });
  it('a number not on the class’s roster, or another student’s name', async () => {
    expect(await refused({ fileName: '1711001209999刘洋.jpg' })).toEqual({ status: 422, fields: ['#/fileName upload.unknown-student'] });
    expect(await refused({ fileName: '1711001201116刘洋.jpg' })).toEqual({ status: 422, fields: ['#/fileName upload.name-mismatch'] });
  });
  it('a size over the purpose’s 10 MB', async () => {
    expect(await refused({ fileName: '1711001201115刘洋.jpg', size: 10 * 1024 * 1024 + 1 })).toEqual({ status: 422, fields: ['#/size upload.too-large'] });
  });
  it('a type the purpose does not take (400: not one of the types at all)', async () => {
    expect((await refused({ fileName: '1711001201115刘洋.jpg', contentType: 'application/x-msdownload' })).status).toBe(400);
  });
  it('a 督学统计表 without its term', async () => {
    const answer = await requestUpload(bench, bench.teacher, { purpose: 'supervision-sheet', fileName: '督学统计表.xlsx', size: 100, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(answer.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/termId']);
  });
});

describe('the validator checks what landed itself (s3rver enforces no POST policy)', () => {
  it('rejects a file larger than declared, copies it to rejected/, keeps the original', async () => {
    const granted = await requestUpload(bench, bench.teacher, { purpose: 'withdrawal-form', fileName: '1711001201116王芳.jpg', size: 100, contentType: 'image/jpeg' });
    expect(await postFile(granted.body.post, bytes(5000), '1711001201116王芳.jpg', 'image/jpeg')).toBeLessThan(300);
    const read = await settled(bench, bench.teacher, granted.body.upload.uploadId);
    expect(read.body.result).toMatchObject({ verdict: 'rejected', size: 5000, problemCount: 1, problems: [{ rule: 'FILE-SIZE-CHANGED' }] });
    expect(await exists(granted.body.upload.key)).toBe(true);
    expect(await exists(read.body.result.copyKey)).toBe(true);
    expect(read.body.result.copyKey.startsWith('rejected/')).toBe(true);
  });
});

describe('S3 delivers at least once and out of order: one result per object', () => {
  it('the same event twice, and an older event after a newer one, leave the newer object’s result', async () => {
    const read = await uploadFile(bench, bench.teacher, { purpose: 'graduation-photo', fileName: '1711001201115刘洋.jpg', contentType: 'image/jpeg' }, graduationPhoto);
    const first = read.body.result;
    const dependencies = createDependencies(configFromEnv());
    // The same object's event again (same sequencer): nothing new recorded or announced.
    const announced = bench.async.events.length;
    expect(await validateObject(dependencies, { key: read.body.key, sequencer: first.sequencer })).toBe('already-validated');
    // An older event (smaller sequencer) arriving late: superseded.
    expect(await validateObject(dependencies, { key: read.body.key, sequencer: '0001' })).toBe('superseded');
    const after = await readUpload(bench, bench.teacher, read.body.uploadId);
    expect(after.body.result).toEqual(first);
    expect(bench.async.events.length).toBe(announced);
  });

  it('an event delivered with its key URL-encoded is decoded to the same upload', async () => {
    const read = await uploadFile(bench, bench.teacher, { purpose: 'withdrawal-form', fileName: '1711001201117李雷.jpg', contentType: 'image/jpeg' }, form);
    // The event the runtime delivered carried 1711001201117%E6%9D%8E%E9%9B%B7.jpg: decoding it gives the stored key.
    expect(decodeEventKey(read.body.key.replace('李雷', '%E6%9D%8E%E9%9B%B7'))).toBe(read.body.key);
    expect(read.body.result.verdict).toBe('accepted');
  });
});

describe('a graduation photo’s content is checked through the whole path (presign → POST → event → validator)', () => {
  const upload = (fileName: string, contentType: string, content: Uint8Array) => uploadFile(bench, bench.teacher, { purpose: 'graduation-photo', fileName, contentType }, content);
  const rules = (read: { body: { result: { problems: { rule: string }[] } } }) => read.body.result.problems.map((p) => p.rule);

  it('a JPEG 480 wide × 640 high, whole and upright, is accepted', async () => {
    const read = await upload('1711001201116王芳.jpg', 'image/jpeg', graduationPhoto);
    expect(read.body.result).toMatchObject({ verdict: 'accepted', problems: [], problemCount: 0 });
  });

  it('a PNG named .jpg is refused as disguised (IMAGE-DISGUISED)', async () => {
    const read = await upload('1711001201116王芳.jpg', 'image/jpeg', png({ width: 480, height: 640 }));
    expect(read.body.result.verdict).toBe('rejected');
    expect(rules(read)).toEqual(['IMAGE-DISGUISED']);
    expect(read.body.result.copyKey.startsWith('rejected/')).toBe(true);
  });

  it('a JPEG cut short, its end marker gone, is refused as truncated (IMAGE-TRUNCATED)', async () => {
    const cut = concat([jpegHeader({ width: 480, height: 640 }), jpegScan(480, 640)]);
    const read = await upload('1711001201116王芳.jpg', 'image/jpeg', cut);
    expect(rules(read)).toEqual(['IMAGE-TRUNCATED']);
  });

  it('a PNG whose header declares 60000 × 60000 pixels is refused unopened (IMAGE-PIXEL-FLOOD)', async () => {
    // 60,000 × 60,000 = 3.6 billion pixels, over the 100 million limit; the rows are not there (one tiny IDAT).
    const flood = concat([pngSignature, pngIhdr(60_000, 60_000), pngChunk('IDAT', Uint8Array.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), pngEnd]);
    const read = await upload('1711001201116王芳.png', 'image/png', flood);
    expect(rules(read)).toEqual(['IMAGE-PIXEL-FLOOD']);
  });

  it('a photo 640 wide × 480 high is refused for its size and for being landscape', async () => {
    const read = await upload('1711001201116王芳.jpg', 'image/jpeg', jpeg({ width: 640, height: 480 }));
    expect(rules(read).sort()).toEqual(['GRAD-PHOTO-480x640', 'GRAD-PHOTO-LANDSCAPE']);
  });
});
