/**
 * The term-end report end to end against DynamoDB Local and s3rver: a run of the term as
 * of one week after term end asks for the report, the report job writes the workbooks and
 * the JSON twin for the tenant and each unit, records them and announces them; a re-run
 * for the same findings revision writes nothing new.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { latestPublished } from '../../domain/runs/index.js';
import { issueTermReports } from '../../functions/reports/term-report-job.js';
import { bucketClient } from '../../functions/storage/s3-client.js';
import { uniqueTenant } from '../support/events.js';
import { runWorld, type RunWorld } from '../support/runs.js';
import { afterTermEnd, autumnTerm, runOnDemand, seedTwoUnitTenant } from '../support/run-tenant.js';
import { readXlsx, values } from '../unit/reports/xlsx-reader.js';

const tenantId = uniqueTenant('report');
const termId = autumnTerm;
let world: RunWorld | undefined;
afterEach(() => world?.local.stop());

async function objectBytes(key: string): Promise<Uint8Array> {
  const reports = bucketClient('reports');
  const answer = await reports.client.send(new GetObjectCommand({ Bucket: reports.bucket, Key: key }));
  return answer.Body!.transformToByteArray();
}

beforeAll(() => seedTwoUnitTenant(tenantId));

describe('the term-end report', () => {
  it('is written one week after term end for the tenant and each unit, with the stored findings’ figures, and announced', async () => {
    world = runWorld(new Date('2026-01-25T01:00:00Z'));
    // A run as of the term's last day does not ask for the report yet.
    await runOnDemand(world, tenantId, 'run-at-term-end', '2026-01-16T16:00:00.000Z');
    expect(await world.dependencies.reports.ofTerm(tenantId, termId)).toEqual([]);

    await runOnDemand(world, tenantId, 'run-week-after', afterTermEnd);
    expect(world.local.deadLetters).toEqual([]);
    const reports = await world.dependencies.reports.ofTerm(tenantId, termId);
    expect(reports.map((r) => r.scope)).toEqual([{ kind: 'tenant' }, { kind: 'unit', unitId: 'u1' }, { kind: 'unit', unitId: 'u2' }]);
    expect(new Set(reports.map((r) => r.asOf))).toEqual(new Set([afterTermEnd]));
    expect(reports.every((r) => r.revision === 1)).toBe(true);

    // The figures are the stored findings' counts.
    const published = await world.dependencies.runs.publishedRevisions(tenantId, termId);
    const findings = latestPublished([...(await world.dependencies.runs.findingsOfUnit(tenantId, termId, 'u1')), ...(await world.dependencies.runs.findingsOfUnit(tenantId, termId, 'u2'))], published);
    // A unit's report counts its classes' findings and its staff's own; teacher-1 is not in the staff directory, so their own duties count in no unit.
    const count = (status: string, unitId?: string) => findings.filter((f) => f.status === status && (unitId === undefined || (f.unitId === unitId && f.classId !== undefined))).length;
    const tenantReport = reports[0]!;
    // Beside the stored closed findings, the two class teachers' January monthly reports, still open on 25 January (term-report-pending.test.ts).
    const stillOpen = 2;
    expect(tenantReport.counts).toMatchObject({ met: count('met'), missed: count('missed'), pending: stillOpen, total: findings.length + stillOpen });
    expect(reports[1]!.counts).toMatchObject({ met: count('met', 'u1'), missed: count('missed', 'u1') });
    expect(count('missed')).toBeGreaterThan(0);
    expect(tenantReport.objects).toEqual({
      xlsx: { zh: `term-reports/${tenantId}/${termId}/20260124T160000Z/tenant.xlsx`, en: `term-reports/${tenantId}/${termId}/20260124T160000Z/tenant-en.xlsx` },
      json: `term-reports/${tenantId}/${termId}/20260124T160000Z/tenant.json`,
    });

    // The stored workbook's 汇总 first row and the JSON twin carry the same figures.
    const workbook = readXlsx(await objectBytes(tenantReport.objects.xlsx.zh));
    const summary = workbook.sheets.find((s) => s.name === '汇总')!;
    const header = values(summary, 1, 12);
    const first = values(summary, 2, 12);
    expect(first[header.indexOf('达标')]).toBe(count('met'));
    expect(first[header.indexOf('未达标')]).toBe(count('missed'));
    const twin = JSON.parse(new TextDecoder().decode(await objectBytes(tenantReport.objects.json))) as { totals: Record<string, number> };
    expect(twin.totals).toMatchObject({ met: count('met'), missed: count('missed'), pending: stillOpen, total: findings.length + stillOpen });
    expect(readXlsx(await objectBytes(tenantReport.objects.xlsx.en)).sheets[0]!.name).toBe('Summary');

    expect(world.local.events).toContainEqual(
      expect.objectContaining({ detailType: 'term-report.issued', detail: expect.objectContaining({ tenantId, termId, asOf: afterTermEnd, revision: 1 }) }),
    );

    // Again for the same findings revision: nothing new, the same bytes.
    const before = await objectBytes(tenantReport.objects.xlsx.zh);
    expect(await issueTermReports(world.dependencies, bucketClient('reports'), { tenantId, termId, asOf: afterTermEnd })).toEqual([]);
    await runOnDemand(world, tenantId, 'run-week-after-again', afterTermEnd);
    expect(await world.dependencies.reports.ofTerm(tenantId, termId)).toEqual(reports);
    expect(await objectBytes(tenantReport.objects.xlsx.zh)).toEqual(before);
    expect(world.local.events.filter((e) => e.detailType === 'term-report.issued')).toHaveLength(1);
  });

  it('is issued again as a new revision when a later run stores newer findings of the term, the earlier kept', async () => {
    world = runWorld(new Date('2026-02-03T01:00:00Z'));
    const later = '2026-02-01T16:00:00.000Z';
    await runOnDemand(world, tenantId, 'run-later', later);
    const reports = await world.dependencies.reports.ofTerm(tenantId, termId);
    expect(reports.map((r) => [r.asOf, r.revision])).toEqual([
      [afterTermEnd, 1],
      [afterTermEnd, 1],
      [afterTermEnd, 1],
      [later, 2],
      [later, 2],
      [later, 2],
    ]);
    expect(world.local.events).toContainEqual(expect.objectContaining({ detailType: 'term-report.issued', detail: expect.objectContaining({ asOf: later, revision: 2 }) }));
  });
});
