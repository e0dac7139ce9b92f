/**
 * The local runtime's clock, started at an instant of the 2025 autumn term: records are
 * stamped with that time (and it keeps running), "where do I stand" answers for that
 * term, and stopping the backend gives the process its system clock back.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDependencies } from '../../functions/composition.js';
import { formatClockOffset, localClock, parseClockInstant, parseClockOffset } from '../../scripts/local/clock.js';
import { demo, seedDemo } from '../../scripts/local/demo.js';
import { startLocalBackend, type LocalBackend } from '../../scripts/local/runtime.js';

const startAt = '2025-11-10T10:00:00+08:00';
const startInstant = Date.parse('2025-11-10T02:00:00Z');
const dataDir = mkdtempSync(join(tmpdir(), 'xuewu-clock-'));
let backend: LocalBackend | undefined;
let meetingsBefore = 0;

/** What the handlers of this process read as "now" (the composition root's process clock). */
const processNow = () => createDependencies({ tableName: 'clock-probe' }).clock.now().getTime();

async function call(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${backend!.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('local runtime started with --clock 2025-11-10T10:00:00+08:00', () => {
  beforeAll(async () => {
    backend = await startLocalBackend({ dataDir, clock: { startAt } });
    expect(await seedDemo(backend)).toBe(true);
  });
  afterAll(async () => {
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers "where do I stand" for the 2025 autumn term, the demo class being new in it', async () => {
    const token = await backend!.auth.issue(demo.classTeacher);
    const response = await call('GET', `/tenants/${demo.tenantId}/staff/${demo.classTeacher.userId}/standing`, token);
    expect(response.status).toBe(200);
    expect(response.body.termId).toBe('2025-autumn');
    expect(Date.parse(response.body.asOf) - startInstant).toBeLessThan(15_000);
    const meetings = response.body.findings.find((f: { ruleId: string }) => f.ruleId === 'CT-MEETING-NEW' || f.ruleId === 'CT-MEETING-OLD');
    // The orientation meeting seedDemo submits now, and of the imported history only what was
    // submitted by 10 November: the meeting of 17 October (the 12 December one is later).
    // 1 + 1 = 2 of the 3 a new class owes, and the term is still open: pending.
    expect(meetings).toMatchObject({ ruleId: 'CT-MEETING-NEW', status: 'pending', actual: 2 });
    meetingsBefore = meetings.actual;
  });

  it('stamps a record submitted through HTTP with the shifted time, which keeps running', async () => {
    const token = await backend!.auth.issue(demo.classTeacher);
    const created = await call('POST', `/tenants/${demo.tenantId}/records`, token, {
      kind: 'class-meeting',
      classId: demo.classId,
      content: {
        heldOn: '2025-11-07',
        kind: 'regular',
        agenda: '期中学习进度与统考报名',
        noticeIssuedAt: '2025-11-05T18:00:00+08:00',
        attendees: ['2511001201001', '2511001201002'],
        summary: '通报学习进度，提醒统考报名截止时间。',
      },
    });
    expect(created.status).toBe(201);
    const submittedAt = Date.parse(created.body.submittedAt);
    // Seeding and the request took a moment of real time, so it is a little after 10:00 Beijing time.
    expect(submittedAt).toBeGreaterThanOrEqual(startInstant);
    expect(submittedAt - startInstant).toBeLessThan(15_000);
    // A running clock, not a frozen one: a later record is stamped later.
    await new Promise((r) => setTimeout(r, 20));
    const again = await call('POST', `/tenants/${demo.tenantId}/records`, token, {
      kind: 'class-meeting',
      classId: demo.classId,
      content: {
        heldOn: '2025-11-08', kind: 'regular', agenda: '宿舍安全', noticeIssuedAt: '2025-11-06T18:00:00+08:00',
        attendees: ['2511001201003'], summary: '检查宿舍用电。',
      },
    });
    expect(again.status).toBe(201);
    expect(Date.parse(again.body.submittedAt)).toBeGreaterThan(submittedAt);
  });

  it('refuses a meeting dated after the shifted today, as it would on 10 November 2025', async () => {
    const token = await backend!.auth.issue(demo.classTeacher);
    const future = await call('POST', `/tenants/${demo.tenantId}/records`, token, {
      kind: 'class-meeting',
      classId: demo.classId,
      content: {
        heldOn: '2025-11-20', kind: 'regular', agenda: '未来的班会', noticeIssuedAt: '2025-11-06T18:00:00+08:00',
        attendees: ['2511001201003'], summary: '—',
      },
    });
    expect(future.status).toBe(422);
  });

  it('counts the records stamped on the shifted clock as evidence of that term', async () => {
    const token = await backend!.auth.issue(demo.classTeacher);
    const response = await call('GET', `/tenants/${demo.tenantId}/staff/${demo.classTeacher.userId}/standing`, token);
    const meetings = response.body.findings.find((f: { ruleId: string }) => f.ruleId === 'CT-MEETING-NEW');
    expect(meetings.actual).toBe(meetingsBefore + 2);
  });

  it('runs the process on the shifted clock while up, and gives the system clock back on stop', async () => {
    expect(Math.abs(processNow() - backend!.clock.now().getTime())).toBeLessThan(1_000);
    expect(processNow()).toBeLessThan(Date.now() - 24 * 3_600_000);
    await backend!.stop();
    backend = undefined;
    expect(Math.abs(processNow() - Date.now())).toBeLessThan(1_000);
  });
});

describe('clock options', () => {
  it('reads offsets as a sign and d/h/m/s parts, largest first', () => {
    expect(parseClockOffset('-30d')).toBe(-30 * 86_400_000);
    expect(parseClockOffset('+2h')).toBe(2 * 3_600_000);
    expect(parseClockOffset('90m')).toBe(90 * 60_000);
    expect(parseClockOffset('-1d12h30m15s')).toBe(-(86_400_000 + 12 * 3_600_000 + 30 * 60_000 + 15_000));
    for (const bad of ['', '30', '-', '2h30d', '1d1d', '1w', '1.5h', '-30 d', 'yesterday']) {
      expect(() => parseClockOffset(bad), bad).toThrow(/not a clock offset/);
    }
    expect(formatClockOffset(-(86_400_000 + 3_600_000 + 1_000))).toBe('-1d 1h 1s');
  });

  it('reads instants only with Z or an explicit offset, and real calendar fields', () => {
    expect(parseClockInstant('2025-11-10T10:00:00+08:00').toISOString()).toBe('2025-11-10T02:00:00.000Z');
    expect(parseClockInstant('2025-11-10T02:00Z').toISOString()).toBe('2025-11-10T02:00:00.000Z');
    for (const bad of ['2025-11-10', '2025-11-10T10:00:00', '2025-02-30T10:00:00Z', '2025-11-10T25:00:00Z', 'now']) {
      expect(() => parseClockInstant(bad), bad).toThrow(/not an instant/);
    }
  });

  it('fixes the offset when the clock is made, and refuses both options at once', () => {
    const clock = localClock({ startAt: '2025-11-10T02:00:00Z' }, Date.parse('2026-01-01T00:00:00Z'));
    expect(clock.offsetMs).toBe(Date.parse('2025-11-10T02:00:00Z') - Date.parse('2026-01-01T00:00:00Z'));
    expect(() => localClock({ startAt: '2025-11-10T02:00:00Z', offsetMs: 0 })).toThrow(/not both/);
  });

  it('makes npm start exit with code 2 and say why for a bad --clock', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'scripts/start.ts'), '--clock', '2025-11-10'], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const failure = await run.then(() => undefined, (error: { code?: number; stderr?: string }) => error);
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/--clock: "2025-11-10" is not an instant/);
  });
});
