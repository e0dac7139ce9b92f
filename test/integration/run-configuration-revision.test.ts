/**
 * A compliance run evaluates with the configuration revision it recorded when it started,
 * not the one in force when its units are delivered: a tenant admin who saves a new
 * revision mid-run changes the next run, not this one.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dependencies } from '../../functions/composition.js';
import { latestPublished } from '../../domain/runs/index.js';
import { bucketClient } from '../../functions/storage/s3-client.js';
import { uniqueTenant } from '../support/events.js';
import { runWorld, type RunWorld } from '../support/runs.js';
import { afterTermEnd, autumnTerm, runOnDemand, seedTwoUnitTenant } from '../support/run-tenant.js';

const tenantId = uniqueTenant('run-config');
let world: RunWorld | undefined;

/** As soon as a run has started (and recorded its revision), the admin saves revision 2: new classes need one meeting only. */
function configurationChangedMidRun(d: Dependencies): Dependencies {
  const runs = Object.create(d.runs) as Dependencies['runs'];
  runs.start = async (...args: Parameters<Dependencies['runs']['start']>) => {
    const started = await d.runs.start(...args);
    const current = (await d.configuration.get(tenantId))!;
    const overrides = [{ ruleId: 'CT-MEETING-NEW', param: 'min', value: 1, effectiveFrom: '2025-08-01' }];
    await d.configuration.save(tenantId, { configuration: { ...current.configuration, overrides }, revision: current.revision + 1, updatedAt: '2026-01-25T01:00:00.000Z', updatedBy: 'admin-1' }, current.revision);
    return started;
  };
  return { ...d, runs };
}

beforeAll(() => seedTwoUnitTenant(tenantId));
afterAll(() => world?.local.stop());

describe('a run and the configuration saved while it runs', () => {
  it('evaluates with the revision it recorded at its start', async () => {
    world = runWorld(new Date('2026-01-25T01:00:00Z'), configurationChangedMidRun);
    const run = await runOnDemand(world, tenantId, 'run-mid-change', afterTermEnd);
    expect(run).toMatchObject({ status: 'succeeded', configurationRevision: 1 });
    expect((await world.dependencies.configuration.get(tenantId))?.revision).toBe(2);

    // c-u1 is a new class with one complete meeting in the term. Revision 1 (the seed's 3 meetings): missed, 1 of 3.
    // Revision 2 (one meeting) would have made it met.
    const published = await world.dependencies.runs.publishedRevisions(tenantId, autumnTerm);
    const findings = latestPublished(await world.dependencies.runs.findingsOfUnit(tenantId, autumnTerm, 'u1'), published);
    expect(findings.find((f) => f.key === `CT-MEETING-NEW#class:c-u1#${autumnTerm}`)).toMatchObject({ status: 'missed', required: 3, actual: 1, configRevision: '1' });
    expect(new Set(findings.map((f) => f.configRevision))).toEqual(new Set(['1']));

    // The report the run asked for shows the revision its findings were evaluated with.
    const [report] = await world.dependencies.reports.ofTerm(tenantId, autumnTerm);
    const bucket = bucketClient('reports');
    const twin = await bucket.client.send(new GetObjectCommand({ Bucket: bucket.bucket, Key: report!.objects.json }));
    expect((JSON.parse(await twin.Body!.transformToString()) as { configRevision: string }).configRevision).toBe('1');
  });
});
