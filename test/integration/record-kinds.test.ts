/** Every record kind of DOMAIN.md §3, submitted and read back through the handler against DynamoDB Local. */
import { beforeAll, describe, expect, it } from 'vitest';
import { recordKinds, submittableKinds } from '../../domain/records/kinds.js';
import { handler } from '../../functions/http/records.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { classBody, principals } from '../support/fixtures.js';
import { sampleContents } from '../support/records.js';
import { seedSchool } from '../support/school.js';

describe('every record kind', () => {
  const tenantId = uniqueTenant('kinds');
  const unitId = 'center-01';
  const who = principals(tenantId, unitId);
  const classId = 'class-k';
  const roster = ['2511001901001', '2511001901002', '2511001901003'] as const;
  const samples = sampleContents(roster);
  const registrar = { userId: 'registrar-1', tenantId, unitId, roles: ['registrar' as const] };

  beforeAll(() => seedSchool(who.admin, unitId, [classBody(classId, unitId, roster)]));

  it('has a sample for each kind, so a new kind cannot go untested', () => {
    expect(Object.keys(samples).sort()).toEqual([...submittableKinds].sort());
  });

  it.each([...submittableKinds])('%s: submitted, read back whole by its author, listed under its kind', async (kind) => {
    const classRecord = recordKinds[kind].scope === 'class';
    const content = samples[kind];
    // The registrar's own kinds are a registrar's (of the class's unit) to submit.
    const author = recordKinds[kind].author === 'registrar' ? registrar : who.teacher;
    const created = await invoke(handler, {
      routeKey: 'POST /tenants/{tenantId}/records',
      pathParameters: { tenantId },
      principal: author,
      body: { kind, ...(classRecord ? { classId } : {}), content },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = await invoke(handler, { routeKey: 'GET /tenants/{tenantId}/records/{recordId}', pathParameters: { tenantId, recordId: created.body.recordId }, principal: author });
    expect(read.body.content).toEqual(content);
    const listed = await invoke(handler, {
      routeKey: 'GET /tenants/{tenantId}/records',
      pathParameters: { tenantId },
      principal: classRecord ? who.teacher : author,
      query: classRecord ? { classId, kind } : { authorId: author.userId, kind },
    });
    expect(listed.body.items.map((r: { recordId: string }) => r.recordId)).toContain(created.body.recordId);
  });

  it.each(submittableKinds.filter((kind) => recordKinds[kind].privateFields.length > 0))('%s: private fields masked for the director, shown to the author', async (kind) => {
    const created = await invoke(handler, { routeKey: 'POST /tenants/{tenantId}/records', pathParameters: { tenantId }, principal: who.teacher, body: { kind, classId, content: samples[kind] } });
    const asDirector = await invoke(handler, { routeKey: 'GET /tenants/{tenantId}/records/{recordId}', pathParameters: { tenantId, recordId: created.body.recordId }, principal: who.director });
    for (const field of recordKinds[kind].privateFields) {
      expect(asDirector.body.content).not.toHaveProperty(field);
      expect(asDirector.body.maskedFields).toContain(field);
    }
    expect(created.body.content).toEqual(samples[kind]);
  });

  describe('status-processing-list (REG-STATUS-PROCESSING’s evidence)', () => {
    const post = (principal: typeof registrar, students: unknown) =>
      invoke(handler, { routeKey: 'POST /tenants/{tenantId}/records', pathParameters: { tenantId }, principal, body: { kind: 'status-processing-list', classId, content: { covers: '2025-autumn', students } } });

    it('is the registrar’s to hand in, not the class teacher’s', async () => {
      expect((await post(who.teacher as typeof registrar, [roster[0]])).status).toBe(403);
      expect((await post(registrar, [roster[0]])).status).toBe(201);
    });

    it('names at least one student, each once (400) and on the class roster (422): a list naming nobody is no evidence', async () => {
      const empty = await post(registrar, []);
      expect(empty.status).toBe(400);
      expect(empty.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/content/students']);
      const stranger = await post(registrar, [roster[0], '2511009999999']);
      expect(stranger.status).toBe(422);
      expect(stranger.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/content/students/1']);
      const twice = await post(registrar, [roster[1], roster[1]]);
      expect(twice.status).toBe(400);
      expect(twice.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/content/students/1']);
    });
  });
});
