/**
 * Done-when of the scheduled runs (issue 9): the local runtime, started under `--clock`
 * just before the daily schedule (01:30 Asia/Shanghai) on 24 January 2026 — one week and
 * a day after the demo's 2025 autumn term ended on Friday 16 January — fires the daily run
 * by itself; its findings, its workbooks (zh and en) and JSON twins equal, byte for byte,
 * those of an on-demand run (`POST /runs`) with the same "as of" over the same data.
 *
 * The same data twice: the demo tenant (its term's history imported through the API) is
 * loaded once, the data folder copied, and the two runs made on the two copies, so that
 * neither run finds the other's findings or report already stored (both are kept, never
 * rewritten, so a second run in one folder would write nothing to compare).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, seedDemo } from '../../scripts/local/demo.js';
import { startLocalBackend, type LocalBackend } from '../../scripts/local/runtime.js';
import { allFindings, api, busEvent, reportObjects } from './report-support.js';

const root = mkdtempSync(join(tmpdir(), 'xuewu-scheduled-'));
const seeded = join(root, 'seeded');
const scheduledCopy = join(root, 'scheduled');
/** 01:30 in Beijing on 24 January 2026 is 17:30 UTC on the 23rd: the daily run's instant and id. */
const scheduledInstant = '2026-01-23T17:30:00.000Z';
const dailyRunId = 'daily-20260123T173000Z';
const { termId } = demo.pastTerm;
const prefix = `term-reports/${demo.tenantId}/${termId}/20260123T173000Z/`;
let backend: LocalBackend | undefined;

interface RunResult {
  readonly findings: Record<string, unknown>[];
  readonly objects: Map<string, Uint8Array>;
}
let scheduled: RunResult | undefined;

/** A finding as both runs store it: everything but the id of the run that stored it. */
const withoutRunId = (findings: readonly Record<string, unknown>[]) => findings.map(({ runId: _runId, ...rest }) => rest);
const reportIssued = (event: { detailType: string; detail: Record<string, unknown> }) => event.detailType === 'term-report.issued' && event.detail['termId'] === termId;

describe('the daily run under a shifted clock, against an on-demand run with the same "as of"', () => {
  beforeAll(async () => {
    backend = await startLocalBackend({ dataDir: seeded, schedules: false });
    expect(await seedDemo(backend)).toBe(true);
    await backend.stop();
    backend = undefined;
    cpSync(seeded, scheduledCopy, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await backend?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('fires by itself at 01:30 Asia/Shanghai, stores the term’s findings and issues its report', async () => {
    backend = await startLocalBackend({ dataDir: scheduledCopy, clock: { startAt: '2026-01-24T01:29:57+08:00' } });
    expect(backend.async.nextFirings()).toContainEqual({ name: 'dailyRun', at: new Date(scheduledInstant) });
    // Nothing here calls fire(): the scheduler alone starts the run; the report ends the chain.
    const issued = await busEvent(backend, reportIssued, 90_000);
    await backend.async.idle();
    expect(issued.detail).toMatchObject({ tenantId: demo.tenantId, asOf: scheduledInstant, revision: 1 });
    expect(backend.async.deadLetters).toEqual([]);

    const admin = await backend.auth.issue(demo.admin);
    const run = await api(backend, admin, 'GET', `/tenants/${demo.tenantId}/runs/${dailyRunId}`);
    expect(run.body).toMatchObject({ status: 'succeeded', startedBy: { kind: 'schedule' }, asOf: scheduledInstant });
    scheduled = { findings: await allFindings(backend, admin, demo.tenantId, termId), objects: await reportObjects(backend, prefix) };
    await backend.stop();
    backend = undefined;

    // The demo history's 17 findings (worked out in scripts/local/demo-history.ts): 8 met, 5 missed, 1 not applicable, 2 blocked,
    // and January's monthly report still open (due by the end of 31 January), pending.
    const statuses = scheduled.findings.map((f) => f['status']);
    expect(statuses.filter((s) => s === 'met')).toHaveLength(8);
    expect(statuses.filter((s) => s === 'missed')).toHaveLength(5);
    expect(scheduled.findings.filter((f) => f['status'] === 'pending').map((f) => (f['period'] as { key: string }).key)).toEqual(['month:2026-01']);
    // Tenant and the one unit, each a Chinese and an English workbook and a JSON twin.
    expect([...scheduled.objects.keys()].sort()).toEqual(
      ['tenant-en.xlsx', 'tenant.json', 'tenant.xlsx', 'unit-center-hz01-en.xlsx', 'unit-center-hz01.json', 'unit-center-hz01.xlsx'].map((name) => prefix + name),
    );
  }, 180_000);

  it('gives the same findings and the same workbook and twin bytes when the run is started on demand', async () => {
    expect(scheduled, 'the scheduled run above must have completed').toBeDefined();
    backend = await startLocalBackend({ dataDir: seeded, schedules: false });
    const admin = await backend.auth.issue(demo.admin);
    const started = await api(backend, admin, 'POST', `/tenants/${demo.tenantId}/runs`, { termId, asOf: '2026-01-24T01:30:00+08:00' });
    expect(started.status).toBe(202);
    await busEvent(backend, reportIssued, 90_000);
    await backend.async.idle();
    const onDemand = { findings: await allFindings(backend, admin, demo.tenantId, termId), objects: await reportObjects(backend, prefix) };

    expect(withoutRunId(onDemand.findings)).toEqual(withoutRunId(scheduled!.findings));
    expect([...onDemand.objects.keys()]).toEqual([...scheduled!.objects.keys()]);
    for (const [key, bytes] of scheduled!.objects) {
      expect(Buffer.compare(Buffer.from(onDemand.objects.get(key)!), Buffer.from(bytes)), key).toBe(0);
    }
  }, 180_000);
});
