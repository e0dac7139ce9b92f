/**
 * The term-end report holds the term's periods still open at its "as of" as pending, with
 * what remains and by when; when such a period closes, the next run stores its finding and
 * the report is issued again as revision 2, revision 1 kept byte for byte.
 *
 * The tenant (test/support/run-tenant.ts): the 2025 autumn term, 1 September – Friday 16
 * January, class teachers teacher-1 (c-u1, unit u1) and teacher-2 (c-u2, unit u2).
 * CT-PLAN-MONTH asks each for a monthly report per month of the term; the term holds 16 of
 * January's 31 days (more than the default quarter), so January is owed, due at the end
 * of 31 January in Beijing = 2026-02-01T00:00:00+08:00. The first report is as of
 * 25 January 00:00 Beijing (afterTermEnd), when January is still open: pending, 1 report
 * required, 0 given, 1 remaining, working days left Mon 26 – Fri 30 January = 5 (no
 * holiday that week; 31 January is a Saturday).
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, createDependencies } from '../../functions/composition.js';
import { handler as findingsHandler } from '../../functions/http/findings.js';
import { httpFunction } from '../../functions/http/kit/http-function.js';
import { recordRoutes } from '../../functions/http/records.js';
import { bucketClient } from '../../functions/storage/s3-client.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { principals } from '../support/fixtures.js';
import { runWorld, type RunWorld } from '../support/runs.js';
import { afterTermEnd, autumnTerm, runOnDemand, seedTwoUnitTenant } from '../support/run-tenant.js';
import { readXlsx, serialOf, values, type Sheet } from '../unit/reports/xlsx-reader.js';

const tenantId = uniqueTenant('report-pending');
let world: RunWorld | undefined;
afterEach(() => world?.local.stop());
beforeAll(() => seedTwoUnitTenant(tenantId));

/** 2 February 2026, 00:00 in Beijing: January's reports closed at the start of 1 February. */
const afterJanuaryClosed = '2026-02-01T16:00:00.000Z';
const january = 'month:2026-01';

interface TwinFinding {
  readonly ruleId: string;
  readonly subjectName: string;
  readonly period: { readonly key: string; readonly dueBy: string };
  readonly status: string;
  readonly required: number;
  readonly actual: number;
  readonly remaining: number | null;
  readonly workingDaysLeft: number | null;
  readonly evidenceCount: number;
}
interface Twin {
  readonly revision: number;
  readonly asOf: string;
  readonly totals: Record<string, number>;
  readonly findings: readonly TwinFinding[];
  readonly misses: readonly TwinFinding[];
}

async function objectBytes(key: string): Promise<Uint8Array> {
  const reports = bucketClient('reports');
  const answer = await reports.client.send(new GetObjectCommand({ Bucket: reports.bucket, Key: key }));
  return answer.Body!.transformToByteArray();
}

const twinOf = async (key: string): Promise<Twin> => JSON.parse(new TextDecoder().decode(await objectBytes(key))) as Twin;

/** The CT-PLAN-MONTH January findings as the twin gives them, by class teacher. */
const januaryOf = (findings: readonly TwinFinding[]) =>
  findings
    .filter((f) => f.ruleId === 'CT-PLAN-MONTH' && f.period.key === january)
    .map((f) => ({ who: f.subjectName, status: f.status, dueBy: f.period.dueBy, required: f.required, actual: f.actual, remaining: f.remaining, workingDaysLeft: f.workingDaysLeft, evidenceCount: f.evidenceCount }))
    .sort((a, b) => (a.who < b.who ? -1 : 1));

/** A sheet's rows as objects by header, the CT-PLAN-MONTH January ones only. */
function januaryRows(sheet: Sheet, width: number) {
  const header = values(sheet, 1, width);
  return [...sheet.rows.keys()]
    .filter((row) => row > 1)
    .map((row) => Object.fromEntries(header.map((name, i) => [String(name), values(sheet, row, width)[i]])))
    .filter((row) => row['规则编号'] === 'CT-PLAN-MONTH' && row['期间'] === january)
    .sort((a, b) => (String(a['对象']) < String(b['对象']) ? -1 : 1));
}

async function submitJanuaryReport(): Promise<void> {
  // teacher-1 hands January's report in on Wednesday 28 January, before it is due.
  const records = httpFunction(recordRoutes, () => createDependencies(configFromEnv(), { now: () => new Date('2026-01-28T02:00:00Z') }));
  const answer = await invoke(records, {
    routeKey: 'POST /tenants/{tenantId}/records',
    pathParameters: { tenantId },
    principal: principals(tenantId, 'u1').teacher,
    body: { kind: 'monthly-report', content: { covers: '2026-01', summary: '一月完成期末考试组织与学期总结。', nextMonthPlan: '二月做好寒假联系与开学准备。' } },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
}

describe('the term-end report and the periods still open at its as-of', () => {
  let firstBytes: Uint8Array;
  let firstTwin: Twin;

  it('shows a January monthly report due after the report date as pending, with what remains and by when, not among the misses', async () => {
    world = runWorld(new Date('2026-01-25T01:00:00Z'));
    await runOnDemand(world, tenantId, 'run-week-after', afterTermEnd);
    expect(world.local.deadLetters).toEqual([]);
    const [tenantReport] = await world.dependencies.reports.ofTerm(tenantId, autumnTerm);
    expect(tenantReport?.revision).toBe(1);
    firstTwin = await twinOf(tenantReport!.objects.json);
    firstBytes = await objectBytes(tenantReport!.objects.xlsx.zh);

    const pendingJanuary = { status: 'pending', dueBy: '2026-02-01T00:00:00+08:00', required: 1, actual: 0, remaining: 1, workingDaysLeft: 5, evidenceCount: 0 };
    expect(januaryOf(firstTwin.findings)).toEqual([
      { who: 'teacher-1', ...pendingJanuary },
      { who: 'teacher-2', ...pendingJanuary },
    ]);
    // Nothing else of the term is open on 25 January for this tenant: the two are all the pending.
    expect(firstTwin.totals['pending']).toBe(2);
    expect(tenantReport!.counts.pending).toBe(2);
    expect(januaryOf(firstTwin.misses)).toEqual([]);

    // The workbook says the same, read back as plain XML.
    const workbook = readXlsx(firstBytes);
    const all = januaryRows(workbook.sheets.find((s) => s.name === '全部结果')!, 22);
    expect(all.map((row) => [row['对象'], row['状态'], row['尚需'], row['剩余工作日'], row['截止时间'], row['要求'], row['实际']])).toEqual([
      // due by 1 February 00:00 Beijing: the serial of that midnight
      ['teacher-1', '待定', 1, 5, serialOf('2026-02-01'), 1, 0],
      ['teacher-2', '待定', 1, 5, serialOf('2026-02-01'), 1, 0],
    ]);
    expect(januaryRows(workbook.sheets.find((s) => s.name === '未达标')!, 12)).toEqual([]);
    const summary = workbook.sheets.find((s) => s.name === '汇总')!;
    const header = values(summary, 1, 11);
    expect(values(summary, 2, 11)[header.indexOf('待定')]).toBe(2);
  });

  it('the findings API lists the open periods too (status=pending), each to who may see it', async () => {
    const pending = async (principal: ReturnType<typeof principals>[keyof ReturnType<typeof principals>]) => {
      const answer = await invoke(findingsHandler, { routeKey: 'GET /tenants/{tenantId}/terms/{termId}/findings', pathParameters: { tenantId, termId: autumnTerm }, principal, query: { status: 'pending' } });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return (answer.body.items as { ruleId: string; staffIds: string[]; period: { key: string; dueBy: string }; remaining: number; workingDaysLeft: number }[]).map((f) => [f.ruleId, f.staffIds, f.period.key, f.remaining, f.workingDaysLeft]);
    };
    const who = principals(tenantId, 'u1');
    // Both class teachers' January reports to the tenant admin; to teacher-1 only their own (access as for closed findings).
    expect(await pending(who.admin)).toEqual([
      ['CT-PLAN-MONTH', ['teacher-1'], january, 1, 5],
      ['CT-PLAN-MONTH', ['teacher-2'], january, 1, 5],
    ]);
    expect(await pending(who.teacher)).toEqual([['CT-PLAN-MONTH', ['teacher-1'], january, 1, 5]]);
    expect(await pending(who.otherDirector)).toEqual([]);
  });

  it('is issued again as revision 2 once January has closed: met where the report came in, missed where not; revision 1 kept unchanged', async () => {
    await submitJanuaryReport();
    world = runWorld(new Date('2026-02-02T01:00:00Z'));
    await runOnDemand(world, tenantId, 'run-after-january', afterJanuaryClosed);
    expect(world.local.deadLetters).toEqual([]);
    const reports = await world.dependencies.reports.ofTerm(tenantId, autumnTerm);
    const first = reports.filter((r) => r.revision === 1);
    const second = reports.filter((r) => r.revision === 2);
    expect(first.map((r) => r.asOf)).toEqual([afterTermEnd, afterTermEnd, afterTermEnd]);
    expect(second.map((r) => r.asOf)).toEqual([afterJanuaryClosed, afterJanuaryClosed, afterJanuaryClosed]);

    const tenantFirst = first.find((r) => r.scope.kind === 'tenant')!;
    const tenantSecond = second.find((r) => r.scope.kind === 'tenant')!;
    expect(await objectBytes(tenantFirst.objects.xlsx.zh)).toEqual(firstBytes);
    expect(await twinOf(tenantFirst.objects.json)).toEqual(firstTwin);

    const twin = await twinOf(tenantSecond.objects.json);
    const closed = { dueBy: '2026-02-01T00:00:00+08:00', required: 1, remaining: null, workingDaysLeft: null };
    expect(januaryOf(twin.findings)).toEqual([
      { who: 'teacher-1', status: 'met', actual: 1, evidenceCount: 1, ...closed },
      { who: 'teacher-2', status: 'missed', actual: 0, evidenceCount: 0, ...closed },
    ]);
    expect(januaryOf(twin.misses).map((f) => f.who)).toEqual(['teacher-2']);
    // The two pending of revision 1 are decided, one each way; nothing else changed.
    const before = firstTwin.totals;
    expect(twin.totals).toMatchObject({ met: before['met']! + 1, missed: before['missed']! + 1, pending: 0, notApplicable: before['notApplicable'], blocked: before['blocked'], total: before['total'] });

    const workbook = readXlsx(await objectBytes(tenantSecond.objects.xlsx.zh));
    const all = januaryRows(workbook.sheets.find((s) => s.name === '全部结果')!, 22);
    expect(all.map((row) => [row['对象'], row['状态'], row['尚需'], row['证据数']])).toEqual([
      ['teacher-1', '达标', null, 1],
      ['teacher-2', '未达标', null, 0],
    ]);
    expect(januaryRows(workbook.sheets.find((s) => s.name === '未达标')!, 12).map((row) => row['对象'])).toEqual(['teacher-2']);
    expect(world.local.events).toContainEqual(expect.objectContaining({ detailType: 'term-report.issued', detail: expect.objectContaining({ asOf: afterJanuaryClosed, revision: 2 }) }));
    // The findings API now shows the closed findings, nothing pending.
    const answer = await invoke(findingsHandler, { routeKey: 'GET /tenants/{tenantId}/terms/{termId}/findings', pathParameters: { tenantId, termId: autumnTerm }, principal: principals(tenantId, 'u1').admin, query: { periodKey: january } });
    expect((answer.body.items as { staffIds: string[]; status: string }[]).map((f) => [f.staffIds[0], f.status])).toEqual([
      ['teacher-1', 'met'],
      ['teacher-2', 'missed'],
    ]);
  });
});
