/**
 * Strict request contracts (README, "Request contracts"): what a hostile client sends is
 * refused with the status the contract names, before anything is written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal, Role } from '../../domain/access.js';
import { ItemTooLargeError } from '../../domain/errors.js';
import type { StaffRecord } from '../../domain/records/record.js';
import { configFromEnv, createDependencies } from '../../functions/composition.js';
import { handler as configurationHandler } from '../../functions/http/configuration.js';
import { handler as privacyHandler } from '../../functions/http/privacy.js';
import { handler as recordsHandler } from '../../functions/http/records.js';
import { handler as rosterHandler } from '../../functions/http/roster.js';
import { classBody, principals } from '../support/fixtures.js';
import { invoke, uniqueTenant, type EventInput } from '../support/events.js';
import { classMeeting } from '../support/records.js';
import { seedSchool } from '../support/school.js';

const pointersAndCodes = (body: { errors?: { pointer: string; code: string }[] }) => (body.errors ?? []).map((e) => [e.pointer, e.code]);

describe('strict request contracts', () => {
  const tenantId = uniqueTenant('contracts');
  const unitId = 'center-01';
  const who = principals(tenantId, unitId);
  const classId = 'class-c';
  const roster = ['2611001301001', '2611001301002'];

  const roster$ = (routeKey: string, body: unknown, extra: Partial<EventInput> = {}) => invoke(rosterHandler, { routeKey, pathParameters: { tenantId }, principal: who.admin, body, ...extra });
  const records$ = (routeKey: string, input: Partial<EventInput>) => invoke(recordsHandler, { routeKey, pathParameters: { tenantId }, principal: who.teacher, ...input });
  const submit = (body: unknown, extra: Partial<EventInput> = {}) => records$('POST /tenants/{tenantId}/records', { body, ...extra });
  const activity = (expenses: unknown) => ({ kind: 'class-activity', classId, content: { heldOn: '2025-10-18', plan: '秋游', expenses } });
  const importActivities = (expenses: unknown, importKey: string) =>
    records$('POST /tenants/{tenantId}/imports/records', {
      principal: who.admin,
      body: { importKey, records: [{ ...activity(expenses), authorId: 'teacher-1', submittedAt: '2025-10-19T10:00:00+08:00' }] },
    });
  const putConfiguration = (body: unknown) => invoke(configurationHandler, { routeKey: 'PUT /tenants/{tenantId}/configuration', pathParameters: { tenantId }, principal: who.admin, body });
  const year = { id: '2025-2026', start: '2025-09-01', end: '2026-08-31' };
  const autumn = { id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' };

  beforeAll(async () => {
    await seedSchool(who.admin, unitId, [classBody(classId, unitId, roster)]);
  });

  describe('unknown fields', () => {
    it('CONTRACT-UNKNOWN-FIELD: a class created with counsellorId is refused naming the field, and no class is created', async () => {
      const response = await roster$('POST /tenants/{tenantId}/classes', { ...classBody('class-typo', unitId, []), counsellorId: 'counselor-1' });
      expect(response.status).toBe(400);
      expect(pointersAndCodes(response.body)).toEqual([['#/counsellorId', 'unrecognized_keys']]);
      const read = await invoke(rosterHandler, { routeKey: 'GET /tenants/{tenantId}/classes/{classId}', pathParameters: { tenantId, classId: 'class-typo' }, principal: who.admin });
      expect(read.status).toBe(404);
    });

    it('CONTRACT-UNKNOWN-NESTED: unknown fields of roster entries, guardians and record content are each named', async () => {
      const students = [{ studentNumber: '2611001301901', name: '新同学', guardians: [{ name: '家长', relation: '父亲', phone: '13800000000', wechat: 'x' }], nickname: '小新' }];
      const added = await invoke(rosterHandler, { routeKey: 'POST /tenants/{tenantId}/classes/{classId}/students', pathParameters: { tenantId, classId }, principal: who.admin, body: { students } });
      expect(added.status).toBe(400);
      expect(pointersAndCodes(added.body)).toEqual([['#/students/0/guardians/0/wechat', 'unrecognized_keys'], ['#/students/0/nickname', 'unrecognized_keys']]);
      const meeting = classMeeting(classId, roster);
      const submitted = await submit({ ...meeting, content: { ...meeting.content, location: '301' } });
      expect(submitted.status).toBe(400);
      expect(pointersAndCodes(submitted.body)).toEqual([['#/content/location', 'unrecognized_keys']]);
    });

    it('CONTRACT-UNKNOWN-QUERY: an unknown query parameter is refused naming it', async () => {
      const response = await records$('GET /tenants/{tenantId}/records', { query: { classId, kinds: 'talk' } });
      expect(response.status).toBe(400);
      expect(pointersAndCodes(response.body)).toEqual([['#/query/kinds', 'unrecognized_keys']]);
    });

    it('CONTRACT-EMPTY-BODY: approval takes no body or {}, and anything else is refused', async () => {
      const created = await submit({ kind: 'class-activity', classId, content: { heldOn: '2025-10-18', plan: '秋游', report: { writtenOn: '2025-10-19', text: '活动报告' } } });
      expect(created.status).toBe(201);
      const approve = (body: unknown) =>
        records$('POST /tenants/{tenantId}/records/{recordId}/approval', { principal: who.director, pathParameters: { tenantId, recordId: created.body.recordId }, body, headers: { 'content-type': 'application/json', 'if-match': '"1"' } });
      for (const body of [{ approve: true }, [], 'yes', 'null']) expect((await approve(body)).status, JSON.stringify(body)).toBe(400);
      expect((await approve({})).status).toBe(200);
      const again = await records$('POST /tenants/{tenantId}/records/{recordId}/publication', { principal: who.director, pathParameters: { tenantId, recordId: created.body.recordId }, headers: { 'if-match': '"2"' } });
      expect(again.status).toBe(200);
    });
  });

  describe('numbers', () => {
    const unstorable = [1e16, 1e-200, 1e308, 2 ** 53];

    it('CONTRACT-NUMBER-SUBMIT: expenses DynamoDB cannot store (1e16, 1e-200, 1e308, 2^53) are refused (400), not a crash', async () => {
      for (const expenses of unstorable) {
        const response = await submit(activity(expenses));
        expect(response.status, String(expenses)).toBe(400);
        expect(response.body.errors[0].pointer).toBe('#/content/expenses');
      }
    });

    it('CONTRACT-NUMBER-IMPORT: the same numbers are refused in an import', async () => {
      for (const [index, expenses] of unstorable.entries()) {
        const response = await importActivities(expenses, `bad-number-${index}`);
        expect(response.status, String(expenses)).toBe(400);
        expect(response.body.errors[0].pointer).toBe('#/records/0/content/expenses');
      }
    });

    it('CONTRACT-NUMBER-CORRECTION: the same numbers are refused in a correction', async () => {
      const created = await submit(activity(300));
      expect(created.status).toBe(201);
      for (const expenses of unstorable) {
        const response = await records$('POST /tenants/{tenantId}/records/{recordId}/corrections', {
          pathParameters: { tenantId, recordId: created.body.recordId },
          body: { content: activity(expenses).content, reason: '更正经费' },
          headers: { 'content-type': 'application/json', 'if-match': '"1"' },
        });
        expect(response.status, String(expenses)).toBe(400);
      }
    });

    it('CONTRACT-MONEY: expenses are yuan with at most two decimals (0.1 + 0.2 is refused, 12.34 kept)', async () => {
      expect((await submit(activity(0.1 + 0.2))).status).toBe(400);
      expect((await submit(activity(-1))).status).toBe(400);
      const kept = await submit(activity(12.34));
      expect(kept.status).toBe(201);
      expect(kept.body.content.expenses).toBe(12.34);
    });
  });

  describe('dates', () => {
    it('CONTRACT-DATE-YEAR: a meeting held in year 0000 is refused', async () => {
      const response = await submit(classMeeting(classId, roster, { heldOn: '0000-09-12' }));
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('#/content/heldOn');
    });

    it('CONTRACT-BIRTH-DATE: a birth date in 9999, tomorrow or 101 years back is refused; one in the past kept', async () => {
      const add = (birthDate: string, studentNumber: string) =>
        invoke(rosterHandler, { routeKey: 'POST /tenants/{tenantId}/classes/{classId}/students', pathParameters: { tenantId, classId }, principal: who.admin, body: { students: [{ studentNumber, name: '同学', birthDate }] } });
      const today = new Date();
      const day = (offsetYears: number, offsetDays: number) => new Date(Date.UTC(today.getUTCFullYear() + offsetYears, today.getUTCMonth(), today.getUTCDate() + offsetDays)).toISOString().slice(0, 10);
      for (const birthDate of ['9999-01-01', day(0, 2), day(-101, 0)]) {
        const response = await add(birthDate, '2611001301801');
        expect(response.status, birthDate).toBe(400);
        expect(response.body.errors[0].pointer).toBe('#/students/0/birthDate');
      }
      expect((await add('2004-05-06', '2611001301802')).status).toBe(201);
    });

    it('CONTRACT-TERM-LENGTH: a 98-year term and a two-year academic year are refused', async () => {
      const response = await putConfiguration({
        academicYears: [{ id: '2025-2027', start: '2025-09-01', end: '2027-08-31' }, { id: 'long', start: '2025-09-01', end: '2123-08-31' }],
        terms: [{ id: '2025-autumn', start: '2025-09-01', end: '2123-01-16', academicYearId: 'long' }],
      });
      expect(response.status).toBe(400); // 2123 lies beyond 2100
      const inRange = await putConfiguration({
        academicYears: [{ id: '2025-2027', start: '2025-09-01', end: '2027-08-31' }, { id: 'long', start: '2000-09-01', end: '2098-08-31' }],
        terms: [{ id: '2000-autumn', start: '2000-09-01', end: '2098-01-16', academicYearId: 'long' }],
      });
      expect(inRange.status).toBe(422);
      expect(pointersAndCodes(inRange.body)).toEqual([
        ['#/academicYears/0/end', 'configuration.year-too-long'],
        ['#/academicYears/1/end', 'configuration.year-too-long'],
        ['#/terms/0/end', 'configuration.term-too-long'],
      ]);
    });
  });

  describe('text', () => {
    it('CONTRACT-TEXT-CONTROLS: NUL, a lone surrogate and the right-to-left override are refused in names and notes', async () => {
      for (const name of ['王\u0000小明', '王\ud800小明', '\u202e明小王', '王\n小明']) {
        const response = await invoke(rosterHandler, { routeKey: 'POST /tenants/{tenantId}/classes/{classId}/students', pathParameters: { tenantId, classId }, principal: who.admin, body: { students: [{ studentNumber: '2611001301701', name }] } });
        expect(response.status, JSON.stringify(name)).toBe(400);
        expect(response.body.errors[0].pointer).toBe('#/students/0/name');
      }
      const talk = (notes: string) => ({ kind: 'talk', classId, content: { heldOn: '2025-10-10', students: [roster[0]], topic: '学习状态', notes } });
      for (const notes of ['谈话\u0000记录', '谈话\udc00记录', '谈话\u202e记录', '谈话\u0007记录']) expect((await submit(talk(notes))).status, JSON.stringify(notes)).toBe(400);
      const kept = await submit(talk('第一行\r\n\t第二行'));
      expect(kept.status).toBe(201);
      expect(kept.body.content.notes).toBe('第一行\n\t第二行');
    });

    it('CONTRACT-TEXT-NFC: text is stored in NFC, and its length counted after', async () => {
      const decomposed = 'Rene\u0301';
      const response = await invoke(rosterHandler, { routeKey: 'POST /tenants/{tenantId}/classes/{classId}/students', pathParameters: { tenantId, classId }, principal: who.admin, body: { students: [{ studentNumber: '2611001301702', name: decomposed }] } });
      expect(response.status).toBe(201);
      expect(response.body.students[0].name).toBe('René');
      expect(response.body.students[0].name).toHaveLength(4);
    });
  });

  describe('bodies', () => {
    it('CONTRACT-CHARSET: a body declared charset=iso-8859-1 gets 415; utf-8 in any case, quoted or not, is read', async () => {
      const declared = (contentType: string) => submit(activity(1), { headers: { 'content-type': contentType } });
      expect((await declared('application/json; charset=iso-8859-1')).status).toBe(415);
      expect((await declared('application/json;charset="latin1"')).status).toBe(415);
      expect((await declared('application/json; charset="UTF-8"')).status).toBe(201);
      expect((await declared('application/json;charset=utf-8')).status).toBe(201);
    });

    it('CONTRACT-UTF8: a base64 body that is not valid UTF-8 is refused (400)', async () => {
      const bytes = Buffer.concat([Buffer.from('{"kind":"talk","classId":"x","content":{"notes":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}}')]);
      const event = { ...(await import('../support/events.js')).httpEvent({ routeKey: 'POST /tenants/{tenantId}/records', pathParameters: { tenantId }, principal: who.teacher }), body: bytes.toString('base64'), isBase64Encoded: true };
      const { lambdaContext } = await import('../support/events.js');
      const result = await recordsHandler(event, lambdaContext);
      expect(result.statusCode).toBe(400);
      expect(JSON.parse(result.body ?? '{}').errors[0].code).toBe('invalid_utf8');
    });

    it('CONTRACT-DUPLICATE-KEY: a key given twice in one object is refused naming it', async () => {
      const response = await submit(`{"kind":"class-activity","classId":"${classId}","content":{"heldOn":"2025-10-18","plan":"秋游","expenses":1,"expenses":1e308}}`);
      expect(response.status).toBe(400);
      expect(pointersAndCodes(response.body)).toEqual([['#/content/expenses', 'duplicate_key']]);
    });

    it('CONTRACT-BODY-SIZE: a body over 1 MiB is refused with 413 before it is read', async () => {
      const response = await submit({ kind: 'talk', classId, content: { padding: 'x'.repeat(1024 * 1024) } });
      expect(response.status).toBe(413);
      expect(response.body.type).toBe('urn:xuewu:problem:too-large');
    });
  });

  describe('configuration', () => {
    it('CONTRACT-HOLIDAYS: a configuration with 12,000 holidays is refused (400), not a crash at the table', async () => {
      const holidays = Array.from({ length: 12_000 }, (_, i) => ({ name: `假日${i}`, from: '2027-01-01', to: '2027-01-01' }));
      const response = await putConfiguration({ academicYears: [year], terms: [autumn], holidays: { years: [{ year: 2027, holidays, makeUpWorkdays: [], source: '校历' }] } });
      expect(response.status).toBe(400);
      expect(pointersAndCodes(response.body)).toEqual([['#/holidays/years/0/holidays', 'too_big']]);
    });
  });

  describe('roles', () => {
    it('CONTRACT-ROLES: a group named class-teacher,tenant-admin is one unknown group, not tenant-admin access to the reveal log', async () => {
      const forged: Principal = { userId: 'teacher-9', tenantId, unitId, roles: ['class-teacher,tenant-admin' as Role] };
      const response = await invoke(privacyHandler, { routeKey: 'GET /tenants/{tenantId}/reveals', pathParameters: { tenantId }, principal: forged, query: { userId: 'teacher-1' } });
      expect(response.status).toBe(403);
      const admin = await invoke(privacyHandler, { routeKey: 'GET /tenants/{tenantId}/reveals', pathParameters: { tenantId }, principal: who.admin, query: { userId: 'teacher-1' } });
      expect(admin.status).toBe(200);
    });
  });

  describe('idempotency of refusals', () => {
    it('CONTRACT-IDEMPOTENT-REFUSAL: a refused POST keeps nothing of its key; the same key runs afresh once the precondition holds', async () => {
      const headers = { 'content-type': 'application/json', 'idempotency-key': 'unit-later' };
      const body = classBody('class-later', 'center-later', []);
      const refused = await roster$('POST /tenants/{tenantId}/classes', body, { headers });
      expect(refused.status).toBe(422);
      expect((await roster$('POST /tenants/{tenantId}/units', { unitId: 'center-later', name: '后建中心', kind: 'learning-center' })).status).toBe(201);
      const retried = await roster$('POST /tenants/{tenantId}/classes', body, { headers });
      expect(retried.status).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      const replayed = await roster$('POST /tenants/{tenantId}/classes', body, { headers });
      expect(replayed.headers['idempotent-replayed']).toBe('true');
    });
  });

  describe('item size', () => {
    const dependencies = () => createDependencies(configFromEnv());
    const record = (recordId: string, notes: string): StaffRecord => ({
      tenantId, recordId, kind: 'talk', classId, authorId: 'teacher-1', submittedAt: '2025-10-10T02:00:00.000Z', occurredOn: '2025-10-10', version: 1, status: 'active',
      content: { heldOn: '2025-10-10', students: [roster[0]], topic: '学习', notes },
    });

    it('CONTRACT-ITEM-SIZE: a record larger than an item holds is refused before anything is written', async () => {
      const { records } = dependencies();
      const huge = record('0190f0f0-0000-7000-8000-000000000001', '学'.repeat(130_000));
      await expect(records.create(huge)).rejects.toBeInstanceOf(ItemTooLargeError);
      expect(await records.get(tenantId, huge.recordId)).toBeUndefined();
    });

    it('CONTRACT-ITEM-SIZE-IMPORT: an import with one row too large writes none of its rows', async () => {
      const { records } = dependencies();
      const small = record('0190f0f0-0000-7000-8000-000000000002', '短');
      const huge = record('0190f0f0-0000-7000-8000-000000000003', '学'.repeat(130_000));
      await expect(records.importAll([small, huge])).rejects.toBeInstanceOf(ItemTooLargeError);
      expect(await records.get(tenantId, small.recordId)).toBeUndefined();
    });
  });
});
