/**
 * `npm run report` against the local runtime, as an operator runs it after
 * `npm start -- --seed`: with no arguments it runs the demo tenant's past term as of one
 * week after it ended, waits for the term-end report, copies the files into the data
 * folder and prints their paths. The files are read back with another reader than the
 * writer (fflate + saxes), and their figures checked against the demo history worked out
 * by hand.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, seedDemo } from '../../scripts/local/demo.js';
import { startLocalBackend, type LocalBackend } from '../../scripts/local/runtime.js';
import { readXlsx, values } from '../unit/reports/xlsx-reader.js';

const repository = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'xuewu-report-'));
let backend: LocalBackend | undefined;

/** `npm run report -- …args`, as npm runs it (tsx), in another process. */
function report(args: readonly string[]) {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', join(repository, 'scripts/report.ts'), ...args], { cwd: repository, env: { ...process.env, NODE_OPTIONS: '' } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
  );
}

/*
 * The demo history (scripts/local/demo-history.ts) by hand, as of 24 January 2026 00:00 Beijing:
 *   class 2025-autumn-accounting-1: activity of 15 Nov reported by the 19th (3 working days) met;
 *     activity of 20 Dec reported on the 29th (due the 24th) missed; class plan met; committee met;
 *     contact list met; new-class meetings 2 of 3 (the orientation meeting is submitted today,
 *     after the as-of) missed; returning-class meetings not applicable; 督学统计表 none, missed.
 *   teacher Wang: monthly reports September met, October (4 Nov, late) missed, November missed,
 *     December met; term plan met; term summary met; recruitment referral and continuation
 *     blocked (no target); January's report, still open (the term holds 16 of January's 31 days,
 *     more than a quarter; due by the end of Saturday 31 January), pending: 1 to hand in,
 *     5 working days left (Monday 26 – Friday 30 January).
 *   met 1+1+1+1 + 1+1+1+1 = 8, missed 1+1+1 + 1+1 = 5, not applicable 1, blocked 2, pending 1: 17.
 * Teacher Wang is in center-hz01's directory, so the unit's report holds all 17 too.
 */
const expected = { met: 8, missed: 5, pending: 1, notApplicable: 1, blocked: 2, total: 17 };

describe('npm run report after npm start -- --seed', () => {
  beforeAll(async () => {
    backend = await startLocalBackend({ dataDir, schedules: false });
    expect(await seedDemo(backend)).toBe(true);
  }, 180_000);
  afterAll(async () => {
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('with no arguments reports the demo’s past term and prints the paths of the files it wrote in the data folder', async () => {
    const run = await report(['--data-dir', dataDir]);
    expect(run.code, run.stderr).toBe(0);
    const paths = run.stdout.split('\n').filter((line) => line.startsWith('  /')).map((line) => line.trim());
    // 24 January 00:00 Beijing is 16:00 UTC on the 23rd: the findings revision names the folder.
    const folder = join(dataDir, 'reports', demo.tenantId, demo.pastTerm.termId, '20260123T160000Z');
    expect(paths).toEqual(['tenant.xlsx', 'tenant-en.xlsx', 'tenant.json', 'unit-center-hz01.xlsx', 'unit-center-hz01-en.xlsx', 'unit-center-hz01.json'].map((name) => join(folder, name)));
    for (const path of paths) expect(existsSync(path), path).toBe(true);

    const workbook = readXlsx(readFileSync(join(folder, 'tenant.xlsx')));
    const names = workbook.sheets.map((sheet) => sheet.name);
    expect(names.slice(0, 3)).toEqual(['汇总', '全部结果', '未达标']);
    expect(names).toContain('班主任');
    expect(names.at(-1)).toBe('报告信息');
    const summary = workbook.sheets.find((sheet) => sheet.name === '汇总')!;
    const header = values(summary, 1, 12);
    const tenantRow = values(summary, 2, 12);
    expect(tenantRow[header.indexOf('达标')]).toBe(expected.met);
    expect(tenantRow[header.indexOf('未达标')]).toBe(expected.missed);
    expect(tenantRow[header.indexOf('不适用')]).toBe(expected.notApplicable);
    expect(tenantRow[header.indexOf('受阻')]).toBe(expected.blocked);
    expect(tenantRow[header.indexOf('待定')]).toBe(expected.pending);
    // The misses sheet: its header and one row per miss.
    expect(workbook.sheets.find((sheet) => sheet.name === '未达标')!.rows.size).toBe(1 + expected.missed);
    expect(readXlsx(readFileSync(join(folder, 'tenant-en.xlsx'))).sheets[0]!.name).toBe('Summary');

    const twin = JSON.parse(readFileSync(join(folder, 'tenant.json'), 'utf8')) as { format: string; totals: Record<string, number> };
    expect(twin.format).toBe('xuewu-term-report/1');
    expect(twin.totals).toMatchObject(expected);
    const pending = (twin as unknown as { findings: { ruleId: string; status: string; period: { key: string; dueBy: string }; remaining: number; workingDaysLeft: number }[] }).findings
      .filter((f) => f.status === 'pending')
      .map((f) => [f.ruleId, f.period.key, f.period.dueBy, f.remaining, f.workingDaysLeft]);
    expect(pending).toEqual([['CT-PLAN-MONTH', 'month:2026-01', '2026-02-01T00:00:00+08:00', 1, 5]]);
    const unitTwin = JSON.parse(readFileSync(join(folder, 'unit-center-hz01.json'), 'utf8')) as { totals: Record<string, number> };
    expect(unitTwin.totals).toMatchObject(expected);
  }, 180_000);

  it('prints the same files again for a run with the same as-of, the report being there already', async () => {
    const run = await report(['--data-dir', dataDir, '--tenant', demo.tenantId, '--term', demo.pastTerm.termId, '--as-of', demo.pastTerm.reportAsOf]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(join(dataDir, 'reports', demo.tenantId, demo.pastTerm.termId, '20260123T160000Z', 'tenant.xlsx'));
  }, 180_000);

  it('says no report is due for an as-of before one week after the term end, and exits 1', async () => {
    const run = await report(['--data-dir', dataDir, '--tenant', demo.tenantId, '--term', demo.pastTerm.termId, '--as-of', '2026-01-20T00:00:00+08:00']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no term-end report as of 2026-01-19T16:00:00.000Z: it falls due when the 督学统计表 does, one week after the term ends unless the tenant set another \(2026-01-16\)/);
  }, 180_000);

  it('refuses a tenant without term and as-of with exit code 2, and a data folder with no backend with 1', async () => {
    const partial = await report(['--tenant', 'demo']);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toMatch(/give --tenant, --term and --as-of together/);
    const nowhere = await report(['--data-dir', mkdtempSync(join(tmpdir(), 'xuewu-empty-'))]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/no local backend is running on/);
  }, 60_000);
});
