import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { configFromEnv, createDependencies, type Dependencies } from '../../functions/composition.js';
import { httpFunction, type Route } from '../../functions/http/kit/http-function.js';
import { handler, recordRoutes } from '../../functions/http/records.js';
import { shanghaiDateOf } from '../../domain/time.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { seedSchool } from '../support/school.js';
import { classBody, principals } from '../support/fixtures.js';
import { classMeeting } from '../support/records.js';

const submit = 'POST /tenants/{tenantId}/records';
const list = 'GET /tenants/{tenantId}/records';
const get = 'GET /tenants/{tenantId}/records/{recordId}';
const versions = 'GET /tenants/{tenantId}/records/{recordId}/versions';
const correct = 'POST /tenants/{tenantId}/records/{recordId}/corrections';
const withdraw = 'POST /tenants/{tenantId}/records/{recordId}/withdrawal';

describe('records against DynamoDB Local', () => {
  const tenantId = uniqueTenant('records');
  const unitId = 'center-01';
  const who = principals(tenantId, unitId);
  const classId = 'class-r';
  const roster = ['2611001201001', '2611001201002', '2611001201003'];

  const post = (body: unknown, principal: Principal = who.teacher) => invoke(handler, { routeKey: submit, pathParameters: { tenantId }, principal, body });
  const read = (recordId: string, principal: Principal = who.teacher) => invoke(handler, { routeKey: get, pathParameters: { tenantId, recordId }, principal });
  const change = (route: string, recordId: string, body: unknown, ifMatch?: string, principal: Principal = who.teacher) =>
    invoke(handler, {
      routeKey: route,
      pathParameters: { tenantId, recordId },
      principal,
      body,
      headers: { 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    });

  beforeAll(async () => {
    await seedSchool(who.admin, unitId, [classBody(classId, unitId, roster), classBody('class-other', unitId, ['2611001209001'])]);
  });

  describe('submitting', () => {
    it('records a class meeting with the server’s time and author, and reads it back', async () => {
      const before = Date.now();
      // The server stamps the time and the author; a body that tries is refused, naming each field.
      const stamped = await post({ ...classMeeting(classId, roster.slice(0, 2)), submittedAt: '2020-01-01T00:00:00Z', authorId: 'someone-else' });
      expect(stamped.status).toBe(400);
      expect(stamped.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([['#/submittedAt', 'unrecognized_keys'], ['#/authorId', 'unrecognized_keys']]);
      const created = await post(classMeeting(classId, roster.slice(0, 2)));
      expect(created.status).toBe(201);
      expect(Date.parse(created.body.submittedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(created.body).toMatchObject({ authorId: 'teacher-1', version: 1, status: 'active', occurredOn: '2025-09-12', kind: 'class-meeting' });
      expect(created.headers['etag']).toBe('"1"');
      expect(created.headers['location']).toBe(`/tenants/${tenantId}/records/${created.body.recordId}`);
      const again = await read(created.body.recordId, who.supervisor);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(created.body);
    });

    it('answers 422 for students of another class, naming each entry under content', async () => {
      const response = await post(classMeeting(classId, [roster[0]!, '2611001209001', '2611001299999']));
      expect(response.status).toBe(422);
      expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/content/attendees/1', '#/content/attendees/2']);
    });

    it('explains broken rules in Chinese to a client that asks for it', async () => {
      const response = await invoke(handler, {
        routeKey: submit,
        pathParameters: { tenantId },
        principal: who.teacher,
        body: classMeeting(classId, ['2611001209001']),
        headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' },
      });
      expect(response.status).toBe(422);
      expect(response.body.errors[0].detail).toBe('学生 2611001209001 不在本班名册中');
    });

    it('answers 422 for a date after today and a notice after the meeting day (班会通知)', async () => {
      const tomorrow = shanghaiDateOf(new Date(Date.now() + 36 * 3600 * 1000));
      const dayAfter = new Date(Date.parse(`${tomorrow}T00:00:00+08:00`) + 86_400_000).toISOString();
      const response = await post(classMeeting(classId, roster, { heldOn: tomorrow, noticeIssuedAt: dayAfter }));
      expect(response.status).toBe(422);
      expect(response.body.errors.map((e: { code: string }) => e.code).sort()).toEqual(['meeting.notice-after-meeting', 'record.in-future']);
    });

    it('answers 400 for a meeting missing its agenda, notice, sign-in or summary (seed 000: 议程、通知、签到、总结)', async () => {
      const response = await post({ kind: 'class-meeting', classId, content: { heldOn: '2025-09-12', kind: 'regular', agenda: ' ', attendees: [] } });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
        '#/content/agenda',
        '#/content/attendees',
        '#/content/noticeIssuedAt',
        '#/content/summary',
      ]);
    });

    it('names a bad class id and the bad content fields in one answer, not one after the other', async () => {
      const response = await post({ kind: 'class-meeting', classId: 'not an id!', content: { heldOn: '12 Sept', kind: 'regular', agenda: '复习', attendees: [] } });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
        '#/classId',
        '#/content/attendees',
        '#/content/heldOn',
        '#/content/noticeIssuedAt',
        '#/content/summary',
      ]);
    });

    it('answers 400 for an unknown kind and for a class record without its class', async () => {
      expect((await post({ kind: 'diary', classId, content: {} })).status).toBe(400);
      const classless = await post({ kind: 'talk', content: { heldOn: '2025-10-10', students: [roster[0]], topic: '学习', notes: '谈话记录' } });
      expect(classless.status).toBe(400);
      expect(classless.body.errors[0].pointer).toBe('#/classId');
    });

    it('lets the class’s staff and its director submit, and nobody else', async () => {
      expect((await post(classMeeting(classId, roster), who.otherTeacher)).status).toBe(403);
      expect((await post(classMeeting(classId, roster), who.supervisor)).status).toBe(403);
      expect((await post(classMeeting(classId, roster), who.director)).status).toBe(201);
      expect((await post(classMeeting('no-such-class', roster))).status).toBe(404);
    });

    it('lets a personal document name only a class its author serves', async () => {
      const plan = { kind: 'term-plan', classId, content: { covers: '2025-autumn', content: '计划' } };
      expect((await post(plan, who.otherTeacher)).status).toBe(403);
      expect((await post(plan)).status).toBe(201);
    });

    it('takes a staff member’s own term plan without a class, and shows it to their unit’s director', async () => {
      const plan = await post({ kind: 'term-plan', content: { covers: '2025-autumn', content: '本学期工作计划……' } });
      expect(plan.status).toBe(201);
      expect(plan.body.classId).toBeUndefined();
      expect(plan.body.unitId).toBe(unitId);
      expect((await read(plan.body.recordId, who.supervisor)).status).toBe(200);
      expect((await read(plan.body.recordId, who.director)).status).toBe(200);
      expect((await read(plan.body.recordId, who.otherDirector)).status).toBe(403);
      expect((await read(plan.body.recordId, who.otherTeacher)).status).toBe(403);
      const listed = await invoke(handler, { routeKey: 'GET /tenants/{tenantId}/records', pathParameters: { tenantId }, principal: who.director, query: { authorId: who.teacher.userId, kind: 'term-plan' } });
      expect(listed.body.items.map((r: { recordId: string }) => r.recordId)).toContain(plan.body.recordId);
      expect((await post({ kind: 'term-plan', content: { covers: '2025-autumn', content: '计划' } }, who.supervisor)).status).toBe(403);
    });
  });

  describe('privacy (DOMAIN.md §7)', () => {
    it('shows talk notes to the author and masks them for a supervisor and the director', async () => {
      const talk = await post({ kind: 'talk', classId, content: { heldOn: '2025-10-10', students: [roster[0]], topic: '学习状态', notes: '家庭经济困难，情绪低落' } });
      expect(talk.status).toBe(201);
      const own = await read(talk.body.recordId);
      expect(own.body.content.notes).toBe('家庭经济困难，情绪低落');
      expect(own.body.maskedFields).toEqual([]);
      for (const reader of [who.supervisor, who.director]) {
        const other = await read(talk.body.recordId, reader);
        expect(other.status).toBe(200);
        expect(other.body.content).not.toHaveProperty('notes');
        expect(other.body.content.topic).toBe('学习状态');
        expect(other.body.maskedFields).toEqual(['notes']);
        expect(JSON.stringify(other.body)).not.toContain('情绪低落');
      }
    });
  });

  describe('listing', () => {
    const listing = (query: Record<string, string>, principal: Principal = who.teacher) => invoke(handler, { routeKey: list, pathParameters: { tenantId }, principal, query });

    it('lists a class’s records of one kind between two days, page by page', async () => {
      const ids: string[] = [];
      for (const day of ['2025-11-03', '2025-11-04', '2025-11-05']) {
        const created = await post({ kind: 'dorm-inspection', classId, content: { inspectedOn: day, rooms: ['3-201'], hygiene: '整洁', absentStudents: [] } });
        expect(created.status).toBe(201);
        ids.push(created.body.recordId);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listing({ classId, kind: 'dorm-inspection', from: '2025-11-03', to: '2025-11-05', limit: '2', ...(cursor ? { cursor } : {}) });
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((r: { recordId: string }) => r.recordId));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor !== undefined && pages < 10);
      expect(seen).toEqual(ids);
      const narrower = await listing({ classId, kind: 'dorm-inspection', from: '2025-11-04', to: '2025-11-04' });
      expect(narrower.body.items.map((r: { recordId: string }) => r.recordId)).toEqual([ids[1]]);
    });

    it('lists by author, showing each reader only what they may read', async () => {
      const mine = await listing({ authorId: 'teacher-1', kind: 'term-plan' });
      expect(mine.status).toBe(200);
      expect(mine.body.items.length).toBeGreaterThan(0);
      const colleague = await listing({ authorId: 'teacher-1', kind: 'term-plan' }, who.otherTeacher);
      expect(colleague.body.items).toEqual([]);
    });

    it('answers 400 for a day range that ends before it starts', async () => {
      const response = await listing({ classId, kind: 'dorm-inspection', from: '2025-11-05', to: '2025-11-01' });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].pointer).toBe('#/query/to');
      expect((await listing({ classId, from: '2025-11-05', to: '2025-11-01' })).status).toBe(400);
    });

    it('answers 400, not 500, for a cursor reused with another day range', async () => {
      const first = await listing({ classId, kind: 'dorm-inspection', limit: '1' });
      expect(first.body.nextCursor).toBeDefined();
      const reused = await listing({ classId, kind: 'dorm-inspection', from: '2025-11-05', cursor: first.body.nextCursor });
      expect(reused.status).toBe(400);
      expect(reused.body.errors[0].code).toBe('invalid_cursor');
    });

    it('answers 400 without a class or author, and for a cursor from another listing', async () => {
      expect((await listing({})).status).toBe(400);
      const first = await listing({ classId, kind: 'dorm-inspection', limit: '1' });
      expect(first.body.nextCursor).toBeDefined();
      const misused = await listing({ classId: 'class-other', kind: 'dorm-inspection', cursor: first.body.nextCursor });
      expect(misused.status).toBe(400);
      expect(misused.body.errors[0]).toMatchObject({ pointer: '#/query/cursor', code: 'invalid_cursor' });
    });
  });

  describe('corrections and withdrawal: nothing overwritten, nothing deleted', () => {
    it('lists every version of a long report, though together they fill more than one page of storage (1 MB)', async () => {
      const long = (n: number) => `${n}${'月'.repeat(19_990)}`;
      const content = (n: number) => ({ covers: '2025-10', summary: long(n), nextMonthPlan: long(n) });
      const report = await post({ kind: 'monthly-report', content: content(0) });
      expect(report.status).toBe(201);
      for (let version = 1; version <= 9; version++) {
        const corrected = await change('POST /tenants/{tenantId}/records/{recordId}/corrections', report.body.recordId, { content: content(version), reason: `第${version}次修改` }, `"${version}"`);
        expect(corrected.status).toBe(200);
      }
      const versions = await invoke(handler, { routeKey: 'GET /tenants/{tenantId}/records/{recordId}/versions', pathParameters: { tenantId, recordId: report.body.recordId }, principal: who.teacher });
      expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it('corrects with If-Match, keeps the old version, and refuses a stale or missing ETag', async () => {
      const created = await post(classMeeting(classId, roster.slice(0, 1)));
      const id = created.body.recordId;
      const fixed = { content: { ...created.body.content, attendees: roster }, reason: '补录签到' };
      expect((await change(correct, id, fixed)).status).toBe(428);
      const corrected = await change(correct, id, fixed, '"1"');
      expect(corrected.status).toBe(200);
      expect(corrected.body).toMatchObject({ version: 2, submittedAt: created.body.submittedAt, change: { type: 'correction', by: 'teacher-1', reason: '补录签到' } });
      expect(corrected.headers['etag']).toBe('"2"');
      expect((await change(correct, id, fixed, '"1"')).status).toBe(412);

      const history = await invoke(handler, { routeKey: versions, pathParameters: { tenantId, recordId: id }, principal: who.teacher });
      expect(history.body.items.map((v: { version: number; content: { attendees: string[] } }) => [v.version, v.content.attendees.length])).toEqual([
        [1, 1],
        [2, 3],
      ]);
    });

    it('keeps private fields a corrector cannot see (the director corrects a dorm inspection)', async () => {
      const created = await post({
        kind: 'dorm-inspection',
        classId,
        content: { inspectedOn: '2025-11-10', rooms: ['3-201'], hygiene: '一般', absentStudents: [], incidents: '一名同学晚归' },
      });
      const asDirector = await read(created.body.recordId, who.director);
      expect(asDirector.body.maskedFields).toEqual(['incidents']);
      const corrected = await change(correct, created.body.recordId, { content: { ...asDirector.body.content, hygiene: '整洁' }, reason: '复查' }, '"1"', who.director);
      expect(corrected.status).toBe(200);
      expect(corrected.body.content).not.toHaveProperty('incidents');
      const asAuthor = await read(created.body.recordId);
      expect(asAuthor.body.content).toMatchObject({ hygiene: '整洁', incidents: '一名同学晚归' });
    });

    it('checks a correction against its kind, naming fields under content', async () => {
      const created = await post(classMeeting(classId, roster));
      const bad = await change(correct, created.body.recordId, { content: { ...created.body.content, summary: '' }, reason: '修改' }, '"1"');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].pointer).toBe('#/content/summary');
      const foreign = await change(correct, created.body.recordId, { content: { ...created.body.content, attendees: ['2611001209001'] }, reason: '修改' }, '"1"');
      expect(foreign.status).toBe(422);
    });

    it('withdraws with a reason; a withdrawn record stays readable and cannot change again', async () => {
      const created = await post(classMeeting(classId, roster));
      const id = created.body.recordId;
      expect((await change(withdraw, id, { reason: '' }, '"1"')).status).toBe(400);
      expect((await change(withdraw, id, { reason: '重复提交' }, '"1"', who.otherTeacher)).status).toBe(403);
      const withdrawn = await change(withdraw, id, { reason: '重复提交' }, '"1"');
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', version: 2, change: { type: 'withdrawal', reason: '重复提交' } });
      expect((await read(id)).body.status).toBe('withdrawn');
      expect((await change(correct, id, { content: created.body.content, reason: 'x' }, '"2"')).status).toBe(409);
    });

    it('lets the center head approve, then publish, an activity report (报负责人审核 → 发布), in that order', async () => {
      const activity = await post({ kind: 'class-activity', classId, content: { heldOn: '2025-10-18', plan: '秋游', report: { writtenOn: '2025-10-19', text: '活动报告' } } });
      const id = activity.body.recordId;
      const step = (name: 'approval' | 'publication', ifMatch: string, principal: Principal = who.director) =>
        change(`POST /tenants/{tenantId}/records/{recordId}/${name}`, id, undefined, ifMatch, principal);
      expect((await step('approval', '"1"', who.teacher)).status).toBe(403);
      const early = await step('publication', '"1"');
      expect(early.status).toBe(422);
      expect(early.body.errors[0].code).toBe('activity.not-approved');
      const approved = await step('approval', '"1"');
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ version: 2, change: { type: 'approval', by: 'director-1' } });
      expect(approved.body.content.report.approvedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect((await step('approval', '"2"')).body.errors[0].code).toBe('activity.approved-already');
      const published = await step('publication', '"2"');
      expect(published.body).toMatchObject({ version: 3, change: { type: 'publication' } });
      expect(published.body.content.report.publishedOn).toBe(approved.body.content.report.approvedOn);
    });

    it('keeps the sign-offs the center head’s: a submitter cannot set them, and a rewritten report goes back for approval', async () => {
      const report = { writtenOn: '2025-10-19', text: '活动报告' };
      const selfApproved = await post({ kind: 'class-activity', classId, content: { heldOn: '2025-10-18', plan: '秋游', report: { ...report, approvedOn: '2025-10-19', publishedOn: '2025-10-19' } } });
      expect(selfApproved.status).toBe(422);
      expect(selfApproved.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/content/report/approvedOn', '#/content/report/publishedOn']);

      const id = (await post({ kind: 'class-activity', classId, content: { heldOn: '2025-10-18', plan: '秋游', report } })).body.recordId;
      const correct = (content: unknown, ifMatch: string) => change('POST /tenants/{tenantId}/records/{recordId}/corrections', id, { content, reason: '修改' }, ifMatch);
      const approved = await change('POST /tenants/{tenantId}/records/{recordId}/approval', id, undefined, '"1"', who.director);
      const approvedOn = approved.body.content.report.approvedOn;

      // Sent back as read, with the plan changed: the approval stays.
      const planChanged = await correct({ ...approved.body.content, plan: '秋游（改期）' }, '"2"');
      expect(planChanged.status).toBe(200);
      expect(planChanged.body.content.report).toEqual({ ...report, approvedOn });
      // Moving the approval date, or publishing, is the center head's.
      const moved = await correct({ ...planChanged.body.content, report: { ...report, approvedOn: '2025-10-20', publishedOn: '2025-10-20' } }, '"3"');
      expect(moved.status).toBe(422);
      expect(moved.body.errors.map((e: { code: string }) => e.code)).toEqual(['activity.signed-off-by-center-head', 'activity.signed-off-by-center-head']);
      // The report rewritten later than its approval: the approval is gone, and the center head approves it again.
      const rewritten = await correct({ ...planChanged.body.content, report: { ...report, approvedOn, writtenOn: '2025-10-25', text: '活动报告（补充照片说明）' } }, '"3"');
      expect(rewritten.status, JSON.stringify(rewritten.body)).toBe(200);
      expect(rewritten.body.content.report).toEqual({ writtenOn: '2025-10-25', text: '活动报告（补充照片说明）' });
      expect((await change('POST /tenants/{tenantId}/records/{recordId}/publication', id, undefined, '"4"', who.director)).body.errors[0].code).toBe('activity.not-approved');
    });

    it('sends a report rewritten after an earlier approval back for approval, though its new date is after that approval', async () => {
      // Approved on 2025-10-20 by a center head whose clock reads that day.
      const onTheDay = httpFunction(recordRoutes as Record<string, Route<Dependencies, any>>, () => createDependencies(configFromEnv(), { now: () => new Date('2025-10-20T02:00:00Z') }));
      const id = (await post({ kind: 'class-activity', classId, content: { heldOn: '2025-10-18', plan: '秋游', report: { writtenOn: '2025-10-19', text: '活动报告' } } })).body.recordId;
      const approved = await invoke(onTheDay, { routeKey: 'POST /tenants/{tenantId}/records/{recordId}/approval', pathParameters: { tenantId, recordId: id }, principal: who.director, headers: { 'content-type': 'application/json', 'if-match': '"1"' } });
      expect(approved.body.content.report.approvedOn).toBe('2025-10-20');
      // Sent back as read, with the report rewritten on the 25th: no longer approved, and no "out of order" either.
      const rewritten = await change('POST /tenants/{tenantId}/records/{recordId}/corrections', id, { content: { ...approved.body.content, report: { ...approved.body.content.report, writtenOn: '2025-10-25', text: '重写的报告' } }, reason: '重写' }, '"2"');
      expect(rewritten.status, JSON.stringify(rewritten.body)).toBe(200);
      expect(rewritten.body.content.report).toEqual({ writtenOn: '2025-10-25', text: '重写的报告' });
    });

    it('answers 404 for a record that does not exist', async () => {
      expect((await read('01900000-0000-7000-8000-000000000000')).status).toBe(404);
    });
  });
});
