import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { configFromEnv, createDependencies, type Dependencies } from '../../functions/composition.js';
import { httpFunction, type Route } from '../../functions/http/kit/http-function.js';
import { handler as privacyHandler } from '../../functions/http/privacy.js';
import { handler as recordsHandler } from '../../functions/http/records.js';
import { handler as rosterHandler, rosterRoutes } from '../../functions/http/roster.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { classBody, principals } from '../support/fixtures.js';
import { classMeeting } from '../support/records.js';

const readStudent = 'GET /tenants/{tenantId}/students/{studentNumber}';

describe('private fields, access grants and the reveal log (DOMAIN.md §7)', () => {
  const tenantId = uniqueTenant('privacy');
  const unitId = 'center-01';
  const who = principals(tenantId, unitId);
  const registrar: Principal = { userId: 'registrar-1', tenantId, roles: ['registrar'] };
  const student = {
    studentNumber: '2611001601001',
    name: '刘洋',
    gender: 'male',
    birthDate: '2000-03-01',
    idNumber: '11010519491231002X',
    phone: '13800138000',
    address: '浙江省杭州市西湖区文三路1号',
    guardians: [{ name: '刘强', relation: '父亲', phone: '13900139000' }],
  };
  const view = (principal: Principal, routes = rosterHandler) =>
    invoke(routes, { routeKey: readStudent, pathParameters: { tenantId, studentNumber: student.studentNumber }, principal });
  const request = (principal: Principal, body: unknown) =>
    invoke(privacyHandler, { routeKey: 'POST /tenants/{tenantId}/access-requests', pathParameters: { tenantId }, principal, body });
  const decide = (principal: Principal, grantId: string, approve: boolean) =>
    invoke(privacyHandler, { routeKey: 'POST /tenants/{tenantId}/access-requests/{grantId}/decision', pathParameters: { tenantId, grantId }, principal, body: { approve } });
  const reveals = (principal: Principal, query: Record<string, string>) =>
    invoke(privacyHandler, { routeKey: 'GET /tenants/{tenantId}/reveals', pathParameters: { tenantId }, principal, query });

  beforeAll(async () => {
    await invoke(rosterHandler, { routeKey: 'POST /tenants/{tenantId}/units', pathParameters: { tenantId }, principal: who.admin, body: { unitId, name: '中心', kind: 'learning-center' } });
    await invoke(rosterHandler, { routeKey: 'POST /tenants/{tenantId}/units', pathParameters: { tenantId }, principal: who.admin, body: { unitId: 'center-02', name: '中心二', kind: 'learning-center' } });
    const created = await invoke(rosterHandler, {
      routeKey: 'POST /tenants/{tenantId}/classes',
      pathParameters: { tenantId },
      principal: who.admin,
      body: { ...classBody('class-p', unitId, []), students: [student, { studentNumber: '2611001601002', name: '陈静' }] },
    });
    expect(created.status).toBe(201);
    expect(created.body.students[0]).toEqual({ studentNumber: student.studentNumber, name: '刘洋' });
    const elsewhere = await invoke(rosterHandler, {
      routeKey: 'POST /tenants/{tenantId}/classes',
      pathParameters: { tenantId },
      principal: who.admin,
      body: classBody('class-q', 'center-02', ['2611001602001']),
    });
    expect(elsewhere.status).toBe(201);
  });

  it('refuses an ID number whose check character is wrong (GB 11643)', async () => {
    const response = await invoke(rosterHandler, {
      routeKey: 'POST /tenants/{tenantId}/classes',
      pathParameters: { tenantId },
      principal: who.admin,
      body: { ...classBody('class-z', unitId, []), students: [{ studentNumber: '2611001609001', name: '王芳', idNumber: '110105194912310021' }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].pointer).toBe('#/students/0/idNumber');
  });

  it('shows the class teacher the contacts of their own class and nothing more', async () => {
    const response = await view(who.teacher);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ phone: student.phone, guardians: student.guardians, revealedThroughGrants: [] });
    expect(response.body).not.toHaveProperty('idNumber');
    expect(response.body.maskedFields.sort()).toEqual(['address', 'birthDate', 'gender', 'idNumber']);
  });

  it('shows the registrar the whole registration, and the director only the name', async () => {
    expect((await view(registrar)).body).toMatchObject({ idNumber: student.idNumber, address: student.address, maskedFields: [] });
    const director = await view(who.director);
    expect(director.body.maskedFields).toHaveLength(6);
    expect(JSON.stringify(director.body)).not.toContain('1380013');
  });

  it('reveals named fields through an approved grant, logs each read, and stops when the grant expires', async () => {
    expect((await view(who.otherTeacher)).status).toBe(403);
    const asked = await request(who.otherTeacher, { studentNumbers: [student.studentNumber], fields: ['phone', 'idNumber'], reason: '核对毕业资格', days: 7 });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ state: 'pending', unitId, requesterId: 'teacher-2' });
    expect((await view(who.otherTeacher)).status).toBe(403);

    expect((await decide(who.otherDirector, asked.body.grantId, true)).status).toBe(403);
    const approved = await decide(who.director, asked.body.grantId, true);
    expect(approved.status).toBe(200);
    expect(Date.parse(approved.body.decision.expiresAt) - Date.parse(approved.body.decision.at)).toBe(7 * 86_400_000);
    expect((await decide(who.director, asked.body.grantId, false)).status).toBe(409);

    const seen = await view(who.otherTeacher);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ phone: student.phone, idNumber: student.idNumber });
    expect(seen.body.revealedThroughGrants.sort()).toEqual(['idNumber', 'phone']);
    expect(seen.body).not.toHaveProperty('address');

    const log = await reveals(who.supervisor, { studentNumber: student.studentNumber });
    expect(log.status).toBe(200);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({ userId: 'teacher-2', grantId: asked.body.grantId, route: `/tenants/${tenantId}/students/${student.studentNumber}` });
    expect(log.body.items[0].fields.sort()).toEqual(['idNumber', 'phone']);
    expect((await reveals(who.supervisor, { userId: 'teacher-2' })).body.items).toHaveLength(1);
    expect((await reveals(who.teacher, { studentNumber: student.studentNumber })).status).toBe(403);

    // Eight days on, the seven-day grant has lapsed.
    const later = new Date(Date.now() + 8 * 86_400_000);
    const lapsed = httpFunction(rosterRoutes as Record<string, Route<Dependencies, any>>, () => createDependencies(configFromEnv(), { now: () => later }));
    expect((await view(who.otherTeacher, lapsed)).status).toBe(403);
  });

  it('gives nothing on a refused request, and the director never decides their own', async () => {
    const asked = await request(who.supervisor, { studentNumbers: [student.studentNumber], fields: ['address'], reason: '抽查', days: 1 });
    expect((await decide(who.director, asked.body.grantId, false)).body.state).toBe('refused');
    expect((await view(who.supervisor)).body).not.toHaveProperty('address');
    const own = await request(who.director, { studentNumbers: [student.studentNumber], fields: ['idNumber'], reason: '核对', days: 1 });
    expect((await decide(who.director, own.body.grantId, true)).status).toBe(403);
  });

  it('opens a talk’s notes through a grant of recordNotes for the student it names, and logs the read', async () => {
    const talk = await invoke(recordsHandler, {
      routeKey: 'POST /tenants/{tenantId}/records',
      pathParameters: { tenantId },
      principal: who.teacher,
      body: { kind: 'talk', classId: 'class-p', content: { heldOn: '2025-10-10', students: [student.studentNumber], topic: '学业', notes: '家庭变故，需要关注' } },
    });
    expect(talk.status).toBe(201);
    const readTalk = (principal: Principal) => invoke(recordsHandler, { routeKey: 'GET /tenants/{tenantId}/records/{recordId}', pathParameters: { tenantId, recordId: talk.body.recordId }, principal });
    const counselor: Principal = { userId: 'counselor-9', tenantId, unitId, roles: ['counselor'] };
    expect((await readTalk(counselor)).status).toBe(403);
    expect((await readTalk(who.director)).body.maskedFields).toEqual(['notes']);

    const asked = await request(counselor, { studentNumbers: [student.studentNumber], fields: ['recordNotes'], reason: '心理辅导跟进', days: 3 });
    expect((await decide(who.director, asked.body.grantId, true)).status).toBe(200);
    const opened = await readTalk(counselor);
    expect(opened.status).toBe(200);
    expect(opened.body.content.notes).toBe('家庭变故，需要关注');
    expect(opened.body.revealedThroughGrants).toEqual(['recordNotes']);
    const log = await reveals(who.supervisor, { userId: 'counselor-9' });
    expect(log.body.items[0]).toMatchObject({ fields: ['recordNotes'], grantId: asked.body.grantId, studentNumber: student.studentNumber });
  });

  it('opens nothing else with a recordNotes grant: a record without private content stays closed', async () => {
    const meeting = await invoke(recordsHandler, {
      routeKey: 'POST /tenants/{tenantId}/records',
      pathParameters: { tenantId },
      principal: who.teacher,
      body: classMeeting('class-p', [student.studentNumber]),
    });
    expect(meeting.status).toBe(201);
    // counselor-9 holds an approved recordNotes grant for this student (previous test).
    const counselor: Principal = { userId: 'counselor-9', tenantId, unitId, roles: ['counselor'] };
    const read = await invoke(recordsHandler, { routeKey: 'GET /tenants/{tenantId}/records/{recordId}', pathParameters: { tenantId, recordId: meeting.body.recordId }, principal: counselor });
    expect(read.status).toBe(403);
  });

  it('opens no dorm inspection’s incidents with a recordNotes grant: that text can be about anyone in the room', async () => {
    const inspection = await invoke(recordsHandler, {
      routeKey: 'POST /tenants/{tenantId}/records',
      pathParameters: { tenantId },
      principal: who.teacher,
      body: { kind: 'dorm-inspection', classId: 'class-p', content: { inspectedOn: '2025-10-12', rooms: ['3-201'], hygiene: '整洁', absentStudents: [student.studentNumber], incidents: '室友陈静情绪低落，已告知心理老师' } },
    });
    expect(inspection.status).toBe(201);
    // counselor-9 holds an approved recordNotes grant for the absent student (above); the director reads the class.
    const counselor: Principal = { userId: 'counselor-9', tenantId, unitId, roles: ['counselor'] };
    const read = await invoke(recordsHandler, { routeKey: 'GET /tenants/{tenantId}/records/{recordId}', pathParameters: { tenantId, recordId: inspection.body.recordId }, principal: counselor });
    expect(read.status).toBe(403);
    const director = await invoke(recordsHandler, { routeKey: 'GET /tenants/{tenantId}/records/{recordId}', pathParameters: { tenantId, recordId: inspection.body.recordId }, principal: who.director });
    expect(director.body.maskedFields).toEqual(['incidents']);
    expect(JSON.stringify(director.body)).not.toContain('陈静');
  });

  it('keeps a corrector who cannot read a talk’s notes from moving them onto another student', async () => {
    const talk = await invoke(recordsHandler, {
      routeKey: 'POST /tenants/{tenantId}/records',
      pathParameters: { tenantId },
      principal: who.teacher,
      body: { kind: 'talk', classId: 'class-p', content: { heldOn: '2025-10-11', students: [student.studentNumber], topic: '生活', notes: '父亲住院，经济困难' } },
    });
    const correct = (students: string[]) =>
      invoke(recordsHandler, {
        routeKey: 'POST /tenants/{tenantId}/records/{recordId}/corrections',
        pathParameters: { tenantId, recordId: talk.body.recordId },
        principal: who.director,
        body: { content: { heldOn: '2025-10-11', students, topic: '生活（更正）' }, reason: '更正' },
        headers: { 'content-type': 'application/json', 'if-match': '"1"' },
      });
    const moved = await correct(['2611001601002']);
    expect(moved.status).toBe(422);
    expect(moved.body.errors[0].code).toBe('record.private-subjects-fixed');
    // The same director may still correct what they can see.
    expect((await correct([student.studentNumber])).status).toBe(200);
  });

  it('answers 422 for unknown students and for students of two units', async () => {
    const unknown = await request(who.otherTeacher, { studentNumbers: [student.studentNumber, '2699999999999'], fields: ['phone'], reason: '核对', days: 1 });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].pointer).toBe('#/studentNumbers/1');
    const mixed = await request(who.otherTeacher, { studentNumbers: [student.studentNumber, '2611001602001'], fields: ['phone'], reason: '核对', days: 1 });
    expect(mixed.status).toBe(422);
  });
});
