/**
 * Pagination cursors through the handlers, against DynamoDB Local: every listing that
 * pages (records by class, records by author, the reveal log) hands out cursors that open
 * only in that listing, with the same filters and tenant, and refuses anything else with
 * 400 — never 500, whatever a client sends.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { configFromEnv, createDependencies } from '../../functions/composition.js';
import { handler as privacyHandler } from '../../functions/http/privacy.js';
import { handler as recordsHandler } from '../../functions/http/records.js';
import { keys } from '../../functions/storage/table.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { classBody, principals } from '../support/fixtures.js';
import { seedSchool } from '../support/school.js';

const unitId = 'center-01';
const classId = 'class-c';
const student = '2611001701001';

/** The old format: readable base64url JSON of a LastEvaluatedKey, which anyone could craft. */
const plain = (key: Record<string, string>) => Buffer.from(JSON.stringify(key)).toString('base64url');

async function seedTenant(tenantId: string) {
  const who = principals(tenantId, unitId);
  await seedSchool(who.admin, unitId, [classBody(classId, unitId, [student])]);
  const ids: string[] = [];
  for (const [kind, content] of [
    ['dorm-inspection', { inspectedOn: '2025-11-03', rooms: ['3-201'], hygiene: '整洁', absentStudents: [] }],
    ['dorm-inspection', { inspectedOn: '2025-11-04', rooms: ['3-202'], hygiene: '整洁', absentStudents: [] }],
    ['dorm-inspection', { inspectedOn: '2025-11-05', rooms: ['3-203'], hygiene: '整洁', absentStudents: [] }],
    ['talk', { heldOn: '2025-10-10', students: [student], topic: '学习状态', notes: '谈话记录' }],
    ['talk', { heldOn: '2025-10-11', students: [student], topic: '考勤', notes: '谈话记录' }],
  ] as const) {
    const created = await invoke(recordsHandler, { routeKey: 'POST /tenants/{tenantId}/records', pathParameters: { tenantId }, principal: who.teacher, body: { kind, classId, content } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    ids.push(created.body.recordId);
  }
  return { who, ids };
}

describe('pagination cursors', () => {
  const tenantId = uniqueTenant('cursors');
  const otherTenantId = uniqueTenant('cursors-other');
  let who: ReturnType<typeof principals>;
  let recordIds: string[];
  const revealIds: string[] = [];

  const records = (query: Record<string, string>, principal: Principal = who.teacher, tenant = tenantId) =>
    invoke(recordsHandler, { routeKey: 'GET /tenants/{tenantId}/records', pathParameters: { tenantId: tenant }, principal, query });
  const reveals = (query: Record<string, string>) =>
    invoke(privacyHandler, { routeKey: 'GET /tenants/{tenantId}/reveals', pathParameters: { tenantId }, principal: who.supervisor, query });
  const expectRefusedCursor = (response: { status: number; body: any }) => {
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '#/query/cursor', code: 'invalid_cursor' })]);
  };
  /** Every item of a listing, following its cursors page by page. */
  async function everyPage(list: (query: Record<string, string>) => Promise<{ status: number; body: any }>, query: Record<string, string>, idOf: (item: any) => string) {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await list({ ...query, limit: '2', ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map(idOf));
      cursor = page.body.nextCursor;
      if (cursor === undefined) return seen;
      expect(cursor).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    }
    throw new Error('the listing did not end');
  }

  beforeAll(async () => {
    ({ who, ids: recordIds } = await seedTenant(tenantId));
    await seedTenant(otherTenantId);
    // Reveals are logged by reads through grants; written directly here, five of them a minute apart.
    const { privacy } = createDependencies(configFromEnv());
    for (let i = 0; i < 5; i++) {
      const entryId = randomUUID();
      revealIds.push(entryId);
      const at = new Date(Date.UTC(2025, 10, 3, 1, i)).toISOString();
      await privacy.logReveal({ tenantId, entryId, at, userId: 'teacher-2', studentNumber: student, fields: ['phone'], grantId: randomUUID(), route: `/tenants/${tenantId}/students/${student}` });
    }
  });

  describe('paging a whole listing returns every item exactly once', () => {
    const recordId = (record: { recordId: string }) => record.recordId;

    it('records of a class, every kind', async () => {
      const seen = await everyPage(records, { classId }, recordId);
      expect(seen).toHaveLength(recordIds.length);
      expect([...seen].sort()).toEqual([...recordIds].sort());
    });

    it('records of a class, one kind between two days', async () => {
      expect(await everyPage(records, { classId, kind: 'dorm-inspection', from: '2025-11-03', to: '2025-11-05' }, recordId)).toEqual(recordIds.slice(0, 3));
    });

    it('records of an author', async () => {
      const seen = await everyPage(records, { authorId: 'teacher-1' }, recordId);
      expect([...seen].sort()).toEqual([...recordIds].sort());
    });

    it('the reveal log, newest first, by student and by user', async () => {
      const newestFirst = [...revealIds].reverse();
      expect(await everyPage(reveals, { studentNumber: student }, (entry) => entry.entryId)).toEqual(newestFirst);
      expect(await everyPage(reveals, { userId: 'teacher-2' }, (entry) => entry.entryId)).toEqual(newestFirst);
    });
  });

  describe('a crafted cursor gets 400, never 500', () => {
    const recordPk = keys.record(tenantId, randomUUID());
    const crafted = (listing: Record<string, string>) => [
      ['the old format with an empty sort key', plain({ pk: recordPk, sk: keys.head, ...listing, [Object.keys(listing)[1]!]: '' })],
      ['the old format, well formed', plain({ pk: recordPk, sk: keys.head, ...listing })],
      ['the new version with garbage', 'v1.bm90IGEgY3Vyc29yIGF0IGFsbA'],
      ['text that is no cursor', 'not a cursor'],
    ];

    it.each(crafted({ gsi1pk: keys.classRecords(tenantId, classId), gsi1sk: 'talk#2025-10-10#x' }))('records of a class: %s', async (_, cursor) => {
      expectRefusedCursor(await records({ classId, cursor }));
    });

    it.each(crafted({ gsi2pk: keys.authorRecords(tenantId, 'teacher-1'), gsi2sk: 'talk#2025-10-10#x' }))('records of an author: %s', async (_, cursor) => {
      expectRefusedCursor(await records({ authorId: 'teacher-1', cursor }));
    });

    it.each(crafted({ gsi1pk: keys.revealsOfStudent(tenantId, student), gsi1sk: '2025-11-03T01:00:00.000Z#x' }))('the reveal log: %s', async (_, cursor) => {
      expectRefusedCursor(await reveals({ studentNumber: student, cursor }));
    });

    it('a cursor handed out, with one character altered', async () => {
      const { nextCursor } = (await records({ classId, limit: '1' })).body;
      const altered = `${nextCursor.slice(0, 20)}${nextCursor[20] === 'A' ? 'B' : 'A'}${nextCursor.slice(21)}`;
      expectRefusedCursor(await records({ classId, cursor: altered }));
    });
  });

  describe('a cursor opens only where it was handed out', () => {
    let fromClass: string;
    beforeAll(async () => {
      fromClass = (await records({ classId, kind: 'dorm-inspection', limit: '1' })).body.nextCursor;
      expect(fromClass).toBeDefined();
    });

    it('and goes on from there with the same filters', async () => {
      const next = await records({ classId, kind: 'dorm-inspection', limit: '1', cursor: fromClass });
      expect(next.status).toBe(200);
      expect(next.body.items.map((r: { recordId: string }) => r.recordId)).toEqual([recordIds[1]]);
    });

    it.each([
      ['on an author listing', { authorId: 'teacher-1', kind: 'dorm-inspection' }],
      ['with another kind', { classId, kind: 'talk' }],
      ['without the kind', { classId }],
      ['with a day range added', { classId, kind: 'dorm-inspection', from: '2025-11-04' }],
    ])('not %s', async (_, query) => {
      expectRefusedCursor(await records({ ...query, cursor: fromClass }));
    });

    it('not in another tenant, even for the same class and filters', async () => {
      const other = principals(otherTenantId, unitId).teacher;
      expectRefusedCursor(await records({ classId, kind: 'dorm-inspection', cursor: fromClass }, other, otherTenantId));
    });

    it('not in the reveal log, nor from one of its listings in the other', async () => {
      expectRefusedCursor(await reveals({ studentNumber: student, cursor: fromClass }));
      const byStudent = (await reveals({ studentNumber: student, limit: '1' })).body.nextCursor;
      expectRefusedCursor(await reveals({ userId: 'teacher-2', cursor: byStudent }));
      expectRefusedCursor(await reveals({ studentNumber: '2611001701002', cursor: byStudent }));
    });
  });
});
