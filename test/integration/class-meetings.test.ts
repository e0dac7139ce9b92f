import { beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/http/class-meetings.js';
import { handler as rosterHandler } from '../../functions/http/roster.js';
import { shanghaiDateOf } from '../../domain/time.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { classBody, principals } from '../support/fixtures.js';

const create = 'POST /tenants/{tenantId}/classes/{classId}/meetings';
const get = 'GET /tenants/{tenantId}/classes/{classId}/meetings/{meetingId}';
const list = 'GET /tenants/{tenantId}/classes/{classId}/meetings';

const meeting = (overrides: Record<string, unknown> = {}) => ({
  heldOn: '2025-09-12',
  kind: 'regular',
  agenda: '期末复习与考风考纪教育',
  noticeIssuedAt: '2025-09-08T09:00:00+08:00',
  attendees: ['2611001201001', '2611001201002'],
  summary: '到会2人，强调考试纪律。',
  ...overrides,
});

describe('class meetings against DynamoDB Local', () => {
  const tenantId = uniqueTenant('meetings');
  const unitId = 'center-01';
  const who = principals(tenantId, unitId);
  const classId = 'class-m';
  const path = { tenantId, classId };

  beforeAll(async () => {
    const unit = await invoke(rosterHandler, {
      routeKey: 'POST /tenants/{tenantId}/units',
      pathParameters: { tenantId },
      principal: who.admin,
      body: { unitId, name: '中心', kind: 'learning-center' },
    });
    expect(unit.status).toBe(201);
    for (const [id, numbers] of [
      [classId, ['2611001201001', '2611001201002', '2611001201003']],
      ['class-other', ['2611001209001']],
    ] as const) {
      const created = await invoke(rosterHandler, {
        routeKey: 'POST /tenants/{tenantId}/classes',
        pathParameters: { tenantId },
        principal: who.admin,
        body: classBody(id, unitId, numbers),
      });
      expect(created.status).toBe(201);
    }
  });

  it('records a meeting with the server’s submission time and reads it back', async () => {
    const before = Date.now();
    const created = await invoke(handler, {
      routeKey: create,
      pathParameters: path,
      principal: who.teacher,
      body: meeting({ submittedAt: '2020-01-01T00:00:00Z', submittedBy: 'someone-else' }),
    });
    expect(created.status).toBe(201);
    expect(Date.parse(created.body.submittedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(created.body.submittedBy).toBe('teacher-1');
    expect(created.body.version).toBe(1);
    expect(created.headers['location']).toBe(`/tenants/${tenantId}/classes/${classId}/meetings/${created.body.meetingId}`);

    const read = await invoke(handler, { routeKey: get, pathParameters: { ...path, meetingId: created.body.meetingId }, principal: who.supervisor });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('answers 422 for a sign-in by a student of another class, naming the entry', async () => {
    const response = await invoke(handler, {
      routeKey: create,
      pathParameters: path,
      principal: who.teacher,
      body: meeting({ attendees: ['2611001201001', '2611001209001', '2611001299999'] }),
    });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/attendees/1', '#/attendees/2']);
  });

  it('answers 422 for a meeting dated after today and a notice issued after the meeting day', async () => {
    const tomorrow = shanghaiDateOf(new Date(Date.now() + 36 * 3600 * 1000));
    const dayAfterTomorrow = new Date(Date.parse(`${tomorrow}T00:00:00+08:00`) + 86_400_000).toISOString();
    const response = await invoke(handler, {
      routeKey: create,
      pathParameters: path,
      principal: who.teacher,
      body: meeting({ heldOn: tomorrow, noticeIssuedAt: dayAfterTomorrow }),
    });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { code: string }) => e.code).sort()).toEqual([
      'meeting.held-in-future',
      'meeting.notice-after-meeting',
    ]);
  });

  it('accepts a notice issued late on the meeting day itself (Asia/Shanghai)', async () => {
    const response = await invoke(handler, {
      routeKey: create,
      pathParameters: path,
      principal: who.teacher,
      body: meeting({ heldOn: '2025-10-15', noticeIssuedAt: '2025-10-15T15:59:59Z' }),
    });
    expect(response.status).toBe(201);
  });

  it('answers 400 for a meeting missing its agenda, notice, sign-in or summary (seed 000: 议程、通知、签到、总结)', async () => {
    const response = await invoke(handler, {
      routeKey: create,
      pathParameters: path,
      principal: who.teacher,
      body: { heldOn: '2025-09-12', kind: 'regular', agenda: '   ', attendees: [] },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '#/agenda',
      '#/attendees',
      '#/noticeIssuedAt',
      '#/summary',
    ]);
  });

  it('lets only the class’s own staff and its director write, and supervisors read', async () => {
    const other = await invoke(handler, { routeKey: create, pathParameters: path, principal: who.otherTeacher, body: meeting() });
    expect(other.status).toBe(403);
    const supervisor = await invoke(handler, { routeKey: create, pathParameters: path, principal: who.supervisor, body: meeting() });
    expect(supervisor.status).toBe(403);
    const director = await invoke(handler, { routeKey: create, pathParameters: path, principal: who.director, body: meeting() });
    expect(director.status).toBe(201);
    const listed = await invoke(handler, { routeKey: list, pathParameters: path, principal: who.supervisor });
    expect(listed.status).toBe(200);
    const stranger = await invoke(handler, { routeKey: list, pathParameters: path, principal: who.stranger });
    expect(stranger.status).toBe(403);
  });

  it('answers 404 for an unknown class or meeting', async () => {
    const noClass = await invoke(handler, { routeKey: list, pathParameters: { tenantId, classId: 'nope' }, principal: who.admin });
    expect(noClass.status).toBe(404);
    const noMeeting = await invoke(handler, {
      routeKey: get,
      pathParameters: { ...path, meetingId: '01900000-0000-7000-8000-000000000000' },
      principal: who.admin,
    });
    expect(noMeeting.status).toBe(404);
  });

  it('pages through meetings in submission order with opaque cursors', async () => {
    const pagedClass = 'class-paged';
    const created = await invoke(rosterHandler, {
      routeKey: 'POST /tenants/{tenantId}/classes',
      pathParameters: { tenantId },
      principal: who.admin,
      body: classBody(pagedClass, unitId, ['2611001205001']),
    });
    expect(created.status).toBe(201);
    const ids: string[] = [];
    for (let day = 1; day <= 5; day++) {
      const response = await invoke(handler, {
        routeKey: create,
        pathParameters: { tenantId, classId: pagedClass },
        principal: who.teacher,
        body: meeting({ heldOn: `2025-11-0${day}`, attendees: ['2611001205001'] }),
      });
      expect(response.status).toBe(201);
      ids.push(response.body.meetingId);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await invoke(handler, {
        routeKey: list,
        pathParameters: { tenantId, classId: pagedClass },
        principal: who.teacher,
        query: { limit: '2', ...(cursor ? { cursor } : {}) },
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((m: { meetingId: string }) => m.meetingId));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor !== undefined && pages < 10);
    expect(seen).toEqual(ids);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('refuses a cursor issued for another class', async () => {
    for (const heldOn of ['2025-12-01', '2025-12-02']) {
      const created = await invoke(handler, { routeKey: create, pathParameters: path, principal: who.teacher, body: meeting({ heldOn }) });
      expect(created.status).toBe(201);
    }
    const first = await invoke(handler, { routeKey: list, pathParameters: path, principal: who.admin, query: { limit: '1' } });
    expect(first.body.nextCursor).toBeDefined();
    const misused = await invoke(handler, {
      routeKey: list,
      pathParameters: { tenantId, classId: 'class-other' },
      principal: who.admin,
      query: { cursor: first.body.nextCursor },
    });
    expect(misused.status).toBe(400);
    expect(misused.body.errors[0]).toMatchObject({ pointer: '#/query/cursor', code: 'invalid_cursor' });
  });
});
