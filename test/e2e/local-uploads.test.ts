/**
 * The upload path on the local runtime as `npm start` runs it: presign over HTTP, a
 * multipart POST to s3rver, s3rver's event delivered to the validator with the key encoded
 * as S3 encodes it, and the result read back over HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, seedDemo } from '../../scripts/local/demo.js';
import { startLocalBackend, type LocalBackend } from '../../scripts/local/runtime.js';
import { png } from '../support/image-corpus.js';
import { postFile } from '../support/uploads.js';

const dataDir = mkdtempSync(join(tmpdir(), 'xuewu-e2e-uploads-'));
let backend: LocalBackend;

async function call(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${backend.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('uploads on the local runtime', () => {
  beforeAll(async () => {
    backend = await startLocalBackend({ dataDir, schedules: false });
    expect(await seedDemo(backend)).toBe(true);
  });
  afterAll(async () => {
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('validates a withdrawal form once s3rver has it, and copies it to accepted/', async () => {
    const token = await backend.auth.issue(demo.classTeacher);
    const schoolClass = await call('GET', `/tenants/${demo.tenantId}/classes/${demo.classId}`, token);
    const student = schoolClass.body.students[0] as { studentNumber: string; name: string };
    const fileName = `${student.studentNumber}${student.name}.png`;
    // A scanned form: a real PNG, 600 wide × 800 high (test/support/image-corpus.ts).
    const scan = png({ width: 600, height: 800 });
    const granted = await call('POST', `/tenants/${demo.tenantId}/uploads`, token, { purpose: 'withdrawal-form', classId: demo.classId, fileName, size: scan.length, contentType: 'image/png' });
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    expect(await postFile(granted.body.post, scan, fileName, 'image/png')).toBeLessThan(300);
    let read = { status: 0, body: {} as any };
    for (let attempt = 0; attempt < 100 && read.body.result === undefined; attempt++) {
      await backend.async.idle();
      read = await call('GET', `/tenants/${demo.tenantId}/uploads/${granted.body.upload.uploadId}`, token);
      if (read.body.result === undefined) await new Promise((wake) => setTimeout(wake, 50));
    }
    expect(read.body.result).toMatchObject({ verdict: 'accepted', size: scan.length, problems: [] });
    expect(read.body.result.copyKey).toBe(granted.body.upload.key.replace(/^incoming\//, 'accepted/'));
    expect(backend.async.events.map((event) => event.detailType)).toContain('upload.validated');
  });
});
