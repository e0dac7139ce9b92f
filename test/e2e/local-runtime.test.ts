/**
 * The local runtime end to end: `startLocalBackend` as `npm start` runs it, called over
 * real HTTP with real development tokens, stopped and started again on the same data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devAuth } from '../../scripts/local/dev-auth.js';
import { startLocalBackend, type LocalBackend } from '../../scripts/local/runtime.js';
import { demo, seedDemo } from '../../scripts/local/demo.js';
import { classMeeting } from '../support/records.js';

const dataDir = mkdtempSync(join(tmpdir(), 'xuewu-e2e-'));
let backend: LocalBackend;

async function call(method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${backend.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), body: text ? JSON.parse(text) : undefined };
}

const classPath = `/tenants/${demo.tenantId}/classes/${demo.classId}`;

describe('local runtime over HTTP', () => {
  beforeAll(async () => {
    backend = await startLocalBackend({ dataDir });
    expect(await seedDemo(backend)).toBe(true);
  });
  afterAll(async () => {
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the seeded class to its class teacher', async () => {
    const token = await backend.auth.issue(demo.classTeacher);
    const read = await call('GET', classPath, token);
    expect(read.status).toBe(200);
    expect(read.body.students).toHaveLength(5);
    const meetings = await call('GET', `/tenants/${demo.tenantId}/records?classId=${demo.classId}&kind=class-meeting`, token);
    // The meeting seedDemo submits, and the two of the imported 2025 autumn history (October, December).
    expect(meetings.body.items).toHaveLength(3);
  });

  it('tells the class teacher where they stand today, from the seeded configuration', async () => {
    const token = await backend.auth.issue(demo.classTeacher);
    const response = await call('GET', `/tenants/${demo.tenantId}/staff/${demo.classTeacher.userId}/standing`, token);
    expect(response.status).toBe(200);
    // Which findings are open depends on today's date; their content is covered by test/integration/standing.test.ts.
    expect(response.body).toMatchObject({ configurationRevision: 1, ruleSetVersion: expect.any(String) });
    expect(['2025-autumn', '2026-spring', '2026-autumn']).toContain(response.body.termId);
    expect(Array.isArray(response.body.findings)).toBe(true);
  });

  it('serves the OpenAPI description of every route without a token', async () => {
    const response = await fetch(`${backend.url}/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/tenants/{tenantId}/records');
  });

  it('answers 401 without a token, with a forged one and with an expired one', async () => {
    expect((await call('GET', classPath)).status).toBe(401);
    const otherKey = await devAuth(join(mkdtempSync(join(tmpdir(), 'xuewu-forger-')), 'key.json'));
    expect((await call('GET', classPath, await otherKey.issue(demo.admin))).status).toBe(401);
    const expired = await backend.auth.issue(demo.admin, '-1m');
    expect((await call('GET', classPath, expired)).status).toBe(401);
  });

  it('answers 403 to a caller from another tenant', async () => {
    const stranger = await backend.auth.issue({ userId: 'x', tenantId: 'other-school', roles: ['tenant-admin'] });
    const response = await call('GET', classPath, stranger);
    expect(response.status).toBe(403);
    expect(response.contentType).toBe('application/problem+json');
  });

  it('answers 409 to a duplicate create and 404 to an unknown route', async () => {
    const admin = await backend.auth.issue(demo.admin);
    const duplicate = await call('POST', `/tenants/${demo.tenantId}/units`, admin, { unitId: demo.unitId, name: '重复', kind: 'learning-center' });
    expect(duplicate.status).toBe(409);
    expect((await call('GET', '/nowhere', admin)).status).toBe(404);
  });

  it('keeps the data and accepts the same tokens after a restart', async () => {
    const token = await backend.auth.issue(demo.classTeacher);
    const created = await call('POST', `/tenants/${demo.tenantId}/records`, token, classMeeting(demo.classId, ['2511001201001'], { heldOn: '2025-10-20', noticeIssuedAt: '2025-10-17T18:00:00+08:00', agenda: '国庆后返校安全教育' }));
    expect(created.status).toBe(201);

    await backend.stop();
    backend = await startLocalBackend({ dataDir });

    const read = await call('GET', `/tenants/${demo.tenantId}/records/${created.body.recordId}`, token);
    expect(read.status).toBe(200);
    expect(read.body.content.agenda).toBe('国庆后返校安全教育');
    expect(await seedDemo(backend)).toBe(false);
    // A stop and a start of DynamoDB Local: seconds on a quiet machine, more on a shared one.
  }, 120_000);
});
