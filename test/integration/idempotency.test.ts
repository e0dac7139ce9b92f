import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { handler } from '../../functions/http/records.js';
import { handler as rosterHandler } from '../../functions/http/roster.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { seedSchool } from '../support/school.js';
import { classBody, principals } from '../support/fixtures.js';
import { classMeeting } from '../support/records.js';

const create = 'POST /tenants/{tenantId}/records';
const list = 'GET /tenants/{tenantId}/records';

describe('Idempotency-Key on POST, against DynamoDB Local', () => {
  const tenantId = uniqueTenant('idem');
  const unitId = 'center-01';
  const who = principals(tenantId, unitId);
  const classId = 'class-i';
  const meeting = (summary = '总结') => classMeeting(classId, ['2511001401001'], { summary });
  const post = (key: string | undefined, body: unknown, principal: Principal = who.teacher) =>
    invoke(handler, {
      routeKey: create,
      pathParameters: { tenantId },
      principal,
      body,
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    });
  const count = async () =>
    (await invoke(handler, { routeKey: list, pathParameters: { tenantId }, principal: who.admin, query: { classId, kind: 'class-meeting' } })).body.items.length;

  beforeAll(async () => {
    await seedSchool(who.admin, unitId, [
      { ...classBody(classId, unitId, ['2511001401001']), counselorId: 'counselor-1' },
      classBody('class-handed-on', unitId, ['2511001401002']),
    ]);
  });

  it('answers a retried create with the first result and writes one record', async () => {
    const first = await post('retry-1', meeting());
    expect(first.status).toBe(201);
    const retried = await post('retry-1', meeting());
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toEqual(first.body);
    expect(await count()).toBe(1);
  });

  it('refuses the same key with a different body (422) and writes nothing', async () => {
    const reused = await post('retry-1', meeting('另一份总结'));
    expect(reused.status).toBe(422);
    expect(reused.body.type).toBe('urn:xuewu:problem:idempotency-key-reused');
    expect(await count()).toBe(1);
  });

  it('keeps callers apart: another user’s identical key is a new request', async () => {
    const counselor: Principal = { userId: 'counselor-1', tenantId, unitId, roles: ['counselor'] };
    const theirs = await post('retry-1', meeting(), counselor);
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(await count()).toBe(2);
  });

  it('does not remember a refusal: after a 422 the same key may carry the corrected request', async () => {
    const refused = await post('retry-2', classMeeting(classId, ['2599999999999']));
    expect(refused.status).toBe(422);
    const corrected = await post('retry-2', meeting('更正后'));
    expect(corrected.status).toBe(201);
    expect(await count()).toBe(3);
  });

  it('creates twice without a key, and answers 400 to a key that is not a token', async () => {
    expect((await post(undefined, meeting())).status).toBe(201);
    expect((await post(undefined, meeting())).status).toBe(201);
    expect(await count()).toBe(5);
    const bad = await post('has spaces in it', meeting());
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].pointer).toBe('#/headers/idempotency-key');
  });

  it('replays nothing to a teacher taken off the class since: the route re-checks who serves it', async () => {
    const body = classMeeting('class-handed-on', ['2511001401002']);
    const first = await post('before-handover', body);
    expect(first.status).toBe(201);
    expect((await post('before-handover', body)).headers['idempotent-replayed']).toBe('true');

    const handedOn = await invoke(rosterHandler, {
      routeKey: 'PUT /tenants/{tenantId}/classes/{classId}/staff',
      pathParameters: { tenantId, classId: 'class-handed-on' },
      principal: who.director,
      body: { classTeacherId: who.otherTeacher.userId, counselorId: null },
      headers: { 'content-type': 'application/json', 'if-match': '"1"' },
    });
    expect(handedOn.status).toBe(200);

    const replay = await post('before-handover', body);
    expect(replay.status).toBe(403);
    expect(replay.headers['idempotent-replayed']).toBeUndefined();
    expect(JSON.stringify(replay.body)).not.toContain(first.body.recordId);
  });

  it('replays a withdrawal to its author although the record can no longer change', async () => {
    const created = await post(undefined, meeting('将撤回'));
    const withdraw = () =>
      invoke(handler, {
        routeKey: 'POST /tenants/{tenantId}/records/{recordId}/withdrawal',
        pathParameters: { tenantId, recordId: created.body.recordId },
        principal: who.teacher,
        body: { reason: '重复提交' },
        headers: { 'content-type': 'application/json', 'if-match': '"1"', 'idempotency-key': 'withdraw-1' },
      });
    const first = await withdraw();
    expect(first.status).toBe(200);
    const replay = await withdraw();
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
  });
});
