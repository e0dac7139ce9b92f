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
});
