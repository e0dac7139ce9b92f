/**
 * The class's registrar (学籍管理员) answers for the class's REG-* findings in the term-end
 * report: the 汇总 row of the registrar counts them beside their own duties.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TermReportJson } from '../../domain/reports/index.js';
import { handler as rosterHandler } from '../../functions/http/roster.js';
import { bucketClient } from '../../functions/storage/s3-client.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { principals } from '../support/fixtures.js';
import { runWorld, type RunWorld } from '../support/runs.js';
import { afterTermEnd, autumnTerm, runOnDemand, seedTwoUnitTenant } from '../support/run-tenant.js';

const tenantId = uniqueTenant('report-registrar');
let world: RunWorld | undefined;
let twin: TermReportJson;

beforeAll(async () => {
  await seedTwoUnitTenant(tenantId);
  const handOver = await invoke(rosterHandler, {
    routeKey: 'PUT /tenants/{tenantId}/classes/{classId}/staff',
    pathParameters: { tenantId, classId: 'c-u1' },
    principal: principals(tenantId, 'u1').admin,
    headers: { 'content-type': 'application/json', 'if-match': '"1"' },
    body: { classTeacherId: 'teacher-1', counselorId: null, registrarId: 'registrar-1' },
  });
  expect(handOver.status, JSON.stringify(handOver.body)).toBe(200);
  world = runWorld(new Date('2026-01-25T01:00:00Z'));
  await runOnDemand(world, tenantId, 'run-week-after', afterTermEnd);
  const [report] = (await world.dependencies.reports.ofTerm(tenantId, autumnTerm)).filter((r) => r.scope.kind === 'tenant');
  const bucket = bucketClient('reports');
  const object = await bucket.client.send(new GetObjectCommand({ Bucket: bucket.bucket, Key: report!.objects.json }));
  twin = JSON.parse(await object.Body!.transformToString()) as TermReportJson;
}, 120_000);
afterAll(() => world?.local.stop());

describe('the term-end report and the class’s registrar', () => {
  it('names the registrar as who answers for the class’s REG-* findings', () => {
    // c-u1 has no registration record and no list of unregistered students: both missed, the registrar's.
    const classFindings = twin.findings.filter((f) => f.classId === 'c-u1' && f.family === 'registrar').map((f) => [f.ruleId, f.status, f.responsibleId]);
    expect(classFindings.sort()).toEqual([
      ['REG-REGISTRATION', 'missed', 'registrar-1'],
      ['REG-UNREGISTERED-LIST', 'missed', 'registrar-1'],
    ]);
  });

  it('counts them in the registrar’s 汇总 row with their own duties', () => {
    // registrar-1 in 2025-autumn, the tenant's only term and the first of its academic year, with no records:
    //   REG-REGISTRATION (c-u1)       missed
    //   REG-UNREGISTERED-LIST (c-u1)  missed
    //   REG-MAKEUP-EXAM               missed          (no make-up exam by the end of teaching week 2)
    //   REG-ARCHIVE-PAPERS            not applicable  (no previous term configured)
    //   REG-STATUS-PROCESSING         not applicable  (no student with 4 or more failed courses)
    //   REG-MAKEUP-RESULTS, REG-ACADEMIC-WARNING: one per make-up exam, none held: no finding.
    // 0 met, 3 missed, 2 not applicable: total 5, rate 0 ÷ 3 = 0.
    const row = twin.staff.find((s) => s.staffId === 'registrar-1');
    expect(row?.counts).toEqual({ met: 0, missed: 3, pending: 0, notApplicable: 2, blocked: 0, total: 5, rate: 0 });
  });
});
