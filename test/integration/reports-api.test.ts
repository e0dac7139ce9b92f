/**
 * The reports API against DynamoDB Local and s3rver: a term's reports listed per reader,
 * newest first, and a presigned URL that downloads the very bytes stored, with plain fetch.
 * The reports come from a real run of the two-unit tenant one week after term end.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access.js';
import type { IssuedReport } from '../../domain/reports/index.js';
import { handler } from '../../functions/http/reports.js';
import { DOWNLOAD_URL_SECONDS, presignedDownload } from '../../functions/http/report-download.js';
import { bucketClient } from '../../functions/storage/s3-client.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { principals } from '../support/fixtures.js';
import { runWorld, type RunWorld } from '../support/runs.js';
import { afterTermEnd, autumnTerm, runOnDemand, seedTwoUnitTenant } from '../support/run-tenant.js';

const tenantId = uniqueTenant('reports-api');
const who = principals(tenantId, 'u1');
const directorOf = (unitId: string): Principal => ({ userId: `director-${unitId}`, tenantId, unitId, roles: ['center-director'] });
const later = '2026-02-01T16:00:00.000Z';
let world: RunWorld | undefined;
let reports: IssuedReport[] = [];

const list = (principal: Principal, query?: Record<string, string>) =>
  invoke(handler, { routeKey: 'GET /tenants/{tenantId}/terms/{termId}/reports', pathParameters: { tenantId: principal.tenantId, termId: autumnTerm }, principal, ...(query ? { query } : {}) });
const download = (principal: Principal, reportId: string, file = 'xlsx-zh', termId = autumnTerm) =>
  invoke(handler, { routeKey: 'GET /tenants/{tenantId}/terms/{termId}/reports/{reportId}/download', pathParameters: { tenantId: principal.tenantId, termId, reportId }, principal, query: { file } });

async function storedBytes(key: string): Promise<Uint8Array> {
  const bucket = bucketClient('reports');
  const answer = await bucket.client.send(new GetObjectCommand({ Bucket: bucket.bucket, Key: key }));
  return answer.Body!.transformToByteArray();
}

const reportOf = (asOf: string, scope: 'tenant' | string) => reports.find((r) => r.asOf === asOf && (scope === 'tenant' ? r.scope.kind === 'tenant' : r.scope.kind === 'unit' && r.scope.unitId === scope))!;

beforeAll(async () => {
  await seedTwoUnitTenant(tenantId);
  // Two revisions: one week after term end, and a later run that re-issues the report.
  world = runWorld(new Date('2026-02-03T01:00:00Z'));
  await runOnDemand(world, tenantId, 'run-week-after', afterTermEnd);
  await runOnDemand(world, tenantId, 'run-later', later);
  reports = await world.dependencies.reports.ofTerm(tenantId, autumnTerm);
  expect(reports).toHaveLength(6);
}, 120_000);
afterAll(() => world?.local.stop());

describe('listing a term’s reports', () => {
  it('shows the tenant admin and the supervisor every revision of every scope, newest first, tenant-wide before the units', async () => {
    for (const reader of [who.admin, who.supervisor]) {
      const answer = await list(reader);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      // Newest revision (2, as of 1 February) first; within it tenant, u1, u2.
      expect(answer.body.items.map((r: IssuedReport) => [r.revision, r.scope.kind === 'tenant' ? 'tenant' : r.scope.unitId])).toEqual([
        [2, 'tenant'],
        [2, 'u1'],
        [2, 'u2'],
        [1, 'tenant'],
        [1, 'u1'],
        [1, 'u2'],
      ]);
      expect(answer.body.items[0]).toMatchObject({ reportId: reportOf(later, 'tenant').reportId, asOf: later, files: ['xlsx-zh', 'xlsx-en', 'json'], counts: reportOf(later, 'tenant').counts });
      // Where the files are stored is not the reader's business.
      expect(answer.body.items[0]).not.toHaveProperty('objects');
    }
  });

  it('shows a unit’s director their unit’s reports only, never the tenant-wide one', async () => {
    const answer = await list(directorOf('u1'));
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((r: IssuedReport) => [r.revision, r.scope])).toEqual([
      [2, { kind: 'unit', unitId: 'u1' }],
      [1, { kind: 'unit', unitId: 'u1' }],
    ]);
    // Asking for another unit's gives nothing, not that unit's reports.
    expect((await list(directorOf('u1'), { unitId: 'u2' })).body.items).toEqual([]);
  });

  it('filters by unit for the tenant admin', async () => {
    const answer = await list(who.admin, { unitId: 'u2' });
    expect(answer.body.items.map((r: IssuedReport) => r.reportId)).toEqual([reportOf(later, 'u2').reportId, reportOf(afterTermEnd, 'u2').reportId]);
  });

  it('refuses a class teacher and another tenant’s admin, and an unknown query parameter', async () => {
    expect((await list(who.teacher)).status).toBe(403);
    expect((await invoke(handler, { routeKey: 'GET /tenants/{tenantId}/terms/{termId}/reports', pathParameters: { tenantId, termId: autumnTerm }, principal: who.stranger })).status).toBe(403);
    const unknown = await list(who.admin, { scope: 'tenant' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toContainEqual(expect.objectContaining({ pointer: '#/query/scope' }));
  });

  it('answers an empty list for a term without reports', async () => {
    const answer = await invoke(handler, { routeKey: 'GET /tenants/{tenantId}/terms/{termId}/reports', pathParameters: { tenantId, termId: '2026-spring' }, principal: who.admin });
    expect(answer.body).toEqual({ termId: '2026-spring', items: [] });
  });
});

describe('downloading a report’s file', () => {
  it('hands the tenant admin a URL that downloads, with plain fetch, the bytes stored, for five minutes', async () => {
    const report = reportOf(later, 'tenant');
    for (const [file, key] of [
      ['xlsx-zh', report.objects.xlsx.zh],
      ['xlsx-en', report.objects.xlsx.en],
      ['json', report.objects.json],
    ] as const) {
      const before = Date.now();
      const answer = await download(who.admin, report.reportId, file);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({ reportId: report.reportId, file });
      // Signed at the whole second of the request: expires 300 s after it.
      const expiresAt = Date.parse(answer.body.expiresAt);
      expect(expiresAt).toBeGreaterThan(Math.floor(before / 1000) * 1000 + 299_000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 300_000);
      const fetched = await fetch(answer.body.url);
      expect(fetched.status).toBe(200);
      expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(await storedBytes(key));
    }
    expect(DOWNLOAD_URL_SECONDS).toBe(300);
  });

  it('names the file for the term, scope and revision', async () => {
    const answer = await download(who.supervisor, reportOf(afterTermEnd, 'u2').reportId, 'xlsx-en');
    expect(answer.body.fileName).toBe('2025-autumn-unit-u2-r1-en.xlsx');
  });

  it('gives a URL that no longer works once it has expired', async () => {
    const report = reportOf(later, 'u1');
    // Signed six minutes ago: its five minutes ended a minute ago.
    const stale = await presignedDownload(bucketClient('reports'), report, 'json', new Date(Date.now() - 360_000));
    expect((await fetch(stale.url)).status).toBe(403);
  });

  it('lets a unit’s director download their unit’s report, not another unit’s nor the tenant-wide one (403)', async () => {
    expect((await download(directorOf('u1'), reportOf(later, 'u1').reportId)).status).toBe(200);
    expect((await download(directorOf('u1'), reportOf(later, 'u2').reportId)).status).toBe(403);
    expect((await download(directorOf('u1'), reportOf(later, 'tenant').reportId)).status).toBe(403);
  });

  it('answers 404 alike for a report never issued, one of another term, and one of another tenant', async () => {
    const missing = await download(who.admin, '0123456789abcdef0123456789abcdef');
    expect(missing.status).toBe(404);
    expect((await download(who.admin, reportOf(later, 'tenant').reportId, 'json', '2026-spring')).status).toBe(404);
    // Another tenant's admin asking in their own tenant for this tenant's report: as if it never existed.
    const elsewhere: Principal = { userId: 'admin-1', tenantId: uniqueTenant('elsewhere'), roles: ['tenant-admin'] };
    const foreign = await download(elsewhere, reportOf(later, 'tenant').reportId);
    expect(foreign.status).toBe(404);
    expect(Object.keys(foreign.body).sort()).toEqual(Object.keys(missing.body).sort());
  });

  it('refuses a file it does not know and a malformed report id (400 naming each)', async () => {
    const badFile = await download(who.admin, reportOf(later, 'tenant').reportId, 'pdf');
    expect(badFile.status).toBe(400);
    expect(badFile.body.errors).toContainEqual(expect.objectContaining({ pointer: '#/query/file' }));
    const badId = await download(who.admin, '../../etc');
    expect(badId.status).toBe(400);
  });
});
