/**
 * A validation that keeps failing ends in the validator's dead-letter queue (locally, as
 * Lambda's two retries then the failure destination do on AWS); and evidence images are
 * private: downloaded by the registrar's role or through a grant, every reveal logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as privacy } from '../../../functions/http/privacy.js';
import { handler as uploads } from '../../../functions/http/uploads.js';
import { invoke } from '../../support/events.js';
import { jpeg } from '../../support/image-corpus.js';
import { requestUpload, startUploadBench, uploadFile, type UploadBench } from '../../support/uploads.js';

let bench: UploadBench;
beforeAll(async () => {
  bench = await startUploadBench({ label: 'upload-failures' });
});
afterAll(async () => bench.stop());

describe('a validation that keeps failing', () => {
  it('is tried three times (the first delivery and two retries), then lands in the dead-letter queue', async () => {
    // The upload is recorded, but its object never arrives: reading it fails on every attempt.
    const granted = await requestUpload(bench, bench.teacher, { purpose: 'withdrawal-form', fileName: '1711001201115刘洋.png', size: 10, contentType: 'image/png' });
    expect(granted.status).toBe(201);
    bench.async.objectCreated('uploads', { key: granted.body.upload.key, size: 10, eTag: 'missing', sequencer: '0A' });
    await bench.async.idle();
    const dead = bench.async.deadLetters.filter((letter) => letter.from === 'uploadValidator');
    expect(dead).toHaveLength(1);
    expect(dead[0]!.receiveCount).toBe(3);
    // The event in the dead-letter queue carries the key as S3 encodes it: 刘洋 as UTF-8 escapes.
    const body = dead[0]!.body as { Records: { s3: { object: { key: string } } }[] };
    expect(body.Records[0]!.s3.object.key).toBe(granted.body.upload.key.replace('刘洋', '%E5%88%98%E6%B4%8B'));
  });
});

describe('evidence images are private (DOMAIN.md §7)', () => {
  let uploadId = '';
  const download = (principal: UploadBench['teacher']) =>
    invoke(uploads, { routeKey: 'GET /tenants/{tenantId}/uploads/{uploadId}/download', pathParameters: { tenantId: bench.tenantId, uploadId }, principal });
  const reveals = () => invoke(privacy, { routeKey: 'GET /tenants/{tenantId}/reveals', pathParameters: { tenantId: bench.tenantId }, principal: bench.admin, query: { studentNumber: '1711001201115' } });

  beforeAll(async () => {
    const read = await uploadFile(bench, bench.registrar, { purpose: 'change-evidence', folder: '1711001201115刘洋', fileName: '身份证.jpg', contentType: 'image/jpeg' }, jpeg({ width: 856, height: 540 }));
    expect(read.body.result.verdict).toBe('accepted');
    uploadId = read.body.uploadId;
  });

  it('the registrar, who keeps every registration field, downloads one without a grant, and nothing is logged as a reveal', async () => {
    expect((await download(bench.registrar)).status).toBe(200);
    expect((await reveals()).body.items).toEqual([]);
  });

  it('the class teacher may read the result but not download the scan without a grant', async () => {
    const answer = await download(bench.teacher);
    expect(answer.status).toBe(403);
    expect((await invoke(uploads, { routeKey: 'GET /tenants/{tenantId}/uploads/{uploadId}', pathParameters: { tenantId: bench.tenantId, uploadId }, principal: bench.teacher })).status).toBe(200);
  });

  it('with an approved grant of idNumber for that student, the class teacher downloads it and the reveal is logged first', async () => {
    const requested = await invoke(privacy, { routeKey: 'POST /tenants/{tenantId}/access-requests', pathParameters: { tenantId: bench.tenantId }, principal: bench.teacher, body: { studentNumbers: ['1711001201115'], fields: ['idNumber'], reason: '核对信息修改材料', days: 3 } });
    expect(requested.status).toBe(201);
    const decided = await invoke(privacy, { routeKey: 'POST /tenants/{tenantId}/access-requests/{grantId}/decision', pathParameters: { tenantId: bench.tenantId, grantId: requested.body.grantId }, principal: bench.director, body: { approve: true } });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect((await download(bench.teacher)).status).toBe(200);
    const logged = (await reveals()).body.items;
    expect(logged).toEqual([expect.objectContaining({ userId: 'teacher-1', studentNumber: '1711001201115', fields: ['idNumber'], grantId: requested.body.grantId })]);
  });
});
