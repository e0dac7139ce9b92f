import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { configFromEnv, createDependencies } from '../../functions/composition.js';
import { handler } from '../../functions/http/roster.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { classBody, principals } from '../support/fixtures.js';

const createUnit = 'POST /tenants/{tenantId}/units';
const createClass = 'POST /tenants/{tenantId}/classes';
const getClass = 'GET /tenants/{tenantId}/classes/{classId}';

describe('roster against DynamoDB Local', () => {
  const tenantId = uniqueTenant('roster');
  const unitId = 'center-01';
  const who = principals(tenantId, unitId);

  beforeAll(async () => {
    const created = await invoke(handler, {
      routeKey: createUnit,
      pathParameters: { tenantId },
      principal: who.admin,
      body: { unitId, name: '杭州学习中心', kind: 'learning-center' },
    });
    expect(created.status).toBe(201);
  });

  it('creates a class with its students and reads it back', async () => {
    const created = await invoke(handler, {
      routeKey: createClass,
      pathParameters: { tenantId },
      principal: who.admin,
      body: classBody('class-a', unitId, ['2511001201001', '2511001201002']),
    });
    expect(created.status).toBe(201);
    expect(created.headers['location']).toBe(`/tenants/${tenantId}/classes/class-a`);

    const read = await invoke(handler, { routeKey: getClass, pathParameters: { tenantId, classId: 'class-a' }, principal: who.teacher });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ classId: 'class-a', unitId, cohort: 'new', classTeacherId: 'teacher-1' });
    expect(read.body.students.map((s: { studentNumber: string }) => s.studentNumber)).toEqual(['2511001201001', '2511001201002']);
    expect(read.body).not.toHaveProperty('pk');
  });

  it('answers 409 for a unit that exists, naming the field', async () => {
    const again = await invoke(handler, {
      routeKey: createUnit,
      pathParameters: { tenantId },
      principal: who.admin,
      body: { unitId, name: '另一个名字', kind: 'learning-center' },
    });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toBe('application/problem+json');
    expect(again.body.errors).toEqual([expect.objectContaining({ pointer: '#/unitId', code: 'already_exists' })]);
  });

  it('answers 409 for a duplicate class and keeps the first one untouched', async () => {
    const body = classBody('class-dup', unitId, ['2511001202001']);
    expect((await invoke(handler, { routeKey: createClass, pathParameters: { tenantId }, principal: who.admin, body })).status).toBe(201);
    const again = await invoke(handler, {
      routeKey: createClass,
      pathParameters: { tenantId },
      principal: who.admin,
      body: { ...classBody('class-dup', unitId, []), name: '覆盖尝试' },
    });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].pointer).toBe('#/classId');
    const read = await invoke(handler, { routeKey: getClass, pathParameters: { tenantId, classId: 'class-dup' }, principal: who.admin });
    expect(read.body.name).toBe('2025级会计学1班');
  });

  it('writes nothing when one student number is taken in the tenant (all or nothing)', async () => {
    const taken = await invoke(handler, {
      routeKey: createClass,
      pathParameters: { tenantId },
      principal: who.admin,
      body: classBody('class-b', unitId, ['2511001203001', '2511001201001', '2511001203002', '2511001201002']),
    });
    expect(taken.status).toBe(409);
    // Every taken number is named, so the clerk fixes them all in one go.
    expect(taken.body.errors).toEqual([
      expect.objectContaining({ pointer: '#/students/1/studentNumber', path: ['students', 1, 'studentNumber'] }),
      expect.objectContaining({ pointer: '#/students/3/studentNumber', path: ['students', 3, 'studentNumber'] }),
    ]);
    const read = await invoke(handler, { routeKey: getClass, pathParameters: { tenantId, classId: 'class-b' }, principal: who.admin });
    expect(read.status).toBe(404);
    // The free numbers were not written either: a class may take them now.
    const retry = await invoke(handler, {
      routeKey: createClass,
      pathParameters: { tenantId },
      principal: who.admin,
      body: classBody('class-b', unitId, ['2511001203001', '2511001203002']),
    });
    expect(retry.status).toBe(201);
  });

  it('answers 422 for a class in a unit that does not exist', async () => {
    const response = await invoke(handler, {
      routeKey: createClass,
      pathParameters: { tenantId },
      principal: who.admin,
      body: classBody('class-c', 'no-such-unit', []),
    });
    expect(response.status).toBe(422);
    expect(response.body.errors[0]).toMatchObject({ pointer: '#/unitId', code: 'unknown_reference' });
  });

  it('answers 400 naming every bad field, including a student number listed twice', async () => {
    const response = await invoke(handler, {
      routeKey: createClass,
      pathParameters: { tenantId },
      principal: who.admin,
      body: { ...classBody('bad id!', unitId, ['2511001204001', '2511001204001']), cohort: 'old', entryTerm: '2025秋' },
    });
    expect(response.status).toBe(400);
    const pointers = response.body.errors.map((e: { pointer: string }) => e.pointer).sort();
    expect(pointers).toEqual(['#/classId', '#/cohort', '#/entryTerm', '#/students/1']);
  });

  it('answers 400 for malformed JSON and 415 for a body that is not JSON', async () => {
    const malformed = await invoke(handler, { routeKey: createUnit, pathParameters: { tenantId }, principal: who.admin, body: '{"unitId":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].code).toBe('invalid_json');
    const form = await invoke(handler, {
      routeKey: createUnit,
      pathParameters: { tenantId },
      principal: who.admin,
      body: 'unitId=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });

  it('gives field messages in Chinese when the client asks for zh', async () => {
    const response = await invoke(handler, {
      routeKey: createUnit,
      pathParameters: { tenantId },
      principal: who.admin,
      body: { unitId: 'u-2', name: '中心' },
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN,zh;q=0.9' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].pointer).toBe('#/kind');
    expect(response.body.errors[0].detail).toMatch(/[\u4e00-\u9fff]/);
  });

  it('gives our own field messages in Chinese too: bad formats, taken numbers, unknown units, ID numbers', async () => {
    const zh = { 'content-type': 'application/json', 'accept-language': 'zh-CN' };
    const details = async (body: unknown, headers: Record<string, string> = zh) =>
      (await invoke(handler, { routeKey: createClass, pathParameters: { tenantId }, principal: who.admin, body, headers })).body.errors.map((e: { pointer: string; detail: string }) => `${e.pointer} ${e.detail}`);
    expect(await details({ ...classBody('class zh', unitId, []), students: [{ studentNumber: 'x', name: '甲', idNumber: '110105194912310021', phone: '123' }] })).toEqual([
      '#/classId 使用1至64位字母、数字、点、下划线或连字符，并以字母或数字开头',
      '#/students/0/studentNumber 学号为4至32位字母或数字',
      '#/students/0/idNumber 居民身份证号码应为17位数字加1位校验码（GB 11643），此号码校验不通过',
      '#/students/0/phone 手机号码为以1开头的11位数字',
    ]);
    expect(await details(classBody('class-zh', unitId, ['2511001201001']))).toEqual(['#/students/0/studentNumber 学号 2511001201001 已被注册']);
    expect(await details(classBody('class-zh', 'no-such-unit', []))).toEqual(['#/unitId 单位 no-such-unit 不存在']);
    // The same answers in English without the header.
    expect(await details(classBody('class-zh', 'no-such-unit', []), { 'content-type': 'application/json' })).toEqual(['#/unitId unit no-such-unit does not exist']);
  });

  describe('changing the staff of a class', () => {
    const changeStaff = (body: unknown, ifMatch?: string) =>
      invoke(handler, {
        routeKey: 'PUT /tenants/{tenantId}/classes/{classId}/staff',
        pathParameters: { tenantId, classId: 'class-staff' },
        principal: who.director,
        body,
        headers: { 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      });
    const readAs = (principal: Principal) => invoke(handler, { routeKey: getClass, pathParameters: { tenantId, classId: 'class-staff' }, principal });

    it('hands the class to another teacher with If-Match, and access follows', async () => {
      expect((await invoke(handler, { routeKey: createClass, pathParameters: { tenantId }, principal: who.admin, body: classBody('class-staff', unitId, []) })).status).toBe(201);
      const before = await readAs(who.teacher);
      expect(before.headers['etag']).toBe('"1"');
      expect((await readAs(who.otherTeacher)).status).toBe(403);

      expect((await changeStaff({ classTeacherId: 'teacher-2', counselorId: null })).status).toBe(428);
      const changed = await changeStaff({ classTeacherId: 'teacher-2', counselorId: null }, '"1"');
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ classTeacherId: 'teacher-2', version: 2 });
      expect(changed.body).not.toHaveProperty('counselorId');
      expect((await changeStaff({ classTeacherId: 'teacher-1', counselorId: null }, '"1"')).status).toBe(412);

      expect((await readAs(who.otherTeacher)).status).toBe(200);
      expect((await readAs(who.teacher)).status).toBe(403);
      // The staff member's own list of classes (their standing) follows too.
      const { roster } = createDependencies(configFromEnv());
      expect(await roster.classesServedBy(tenantId, 'teacher-2')).toContainEqual({ classId: 'class-staff', role: 'class-teacher' });
      expect(await roster.classesServedBy(tenantId, 'teacher-1')).not.toContainEqual({ classId: 'class-staff', role: 'class-teacher' });

      // The hand-over is kept: who served before and after, who changed it, when.
      const changes = await invoke(handler, { routeKey: 'GET /tenants/{tenantId}/classes/{classId}/staff-changes', pathParameters: { tenantId, classId: 'class-staff' }, principal: who.supervisor });
      expect(changes.body.items).toEqual([
        { tenantId, classId: 'class-staff', version: 1, before: {}, after: { classTeacherId: 'teacher-1' }, by: who.admin.userId, at: expect.any(String) },
        { tenantId, classId: 'class-staff', version: 2, before: { classTeacherId: 'teacher-1' }, after: { classTeacherId: 'teacher-2' }, by: who.director.userId, at: expect.any(String) },
      ]);
      // Sending the staff it has changes nothing, and keeps nothing.
      const same = await changeStaff({ classTeacherId: 'teacher-2', counselorId: null }, '"2"');
      expect(same.status).toBe(200);
      expect(same.headers['etag']).toBe('"2"');
      expect((await changeStaff({ classTeacherId: 'teacher-2', counselorId: null }, '"1"')).status).toBe(412);
      const after = await invoke(handler, { routeKey: 'GET /tenants/{tenantId}/classes/{classId}/staff-changes', pathParameters: { tenantId, classId: 'class-staff' }, principal: who.supervisor });
      expect(after.body.items).toHaveLength(2);
    });

    it('hands a class only to staff of its own unit, as far as the staff directory knows them', async () => {
      const otherUnit = { unitId: 'center-other', name: '二中心', kind: 'learning-center' };
      expect((await invoke(handler, { routeKey: createUnit, pathParameters: { tenantId }, principal: who.admin, body: otherUnit })).status).toBe(201);
      const recordIn = (userId: string, name: string) =>
        invoke(handler, { routeKey: 'PUT /tenants/{tenantId}/staff/{userId}', pathParameters: { tenantId, userId }, principal: who.admin, body: { name, unitId: otherUnit.unitId } });
      expect((await recordIn('teacher-elsewhere', '外单位老师')).status).toBe(201);
      const created = await invoke(handler, { routeKey: createClass, pathParameters: { tenantId }, principal: who.admin, body: { ...classBody('class-elsewhere', unitId, []), counselorId: 'teacher-elsewhere' } });
      expect(created.status).toBe(422);
      expect(created.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([['#/counselorId', 'staff.other-unit']]);
      // Someone the directory does not know yet is taken at the caller's word.
      expect((await invoke(handler, { routeKey: createClass, pathParameters: { tenantId }, principal: who.admin, body: { ...classBody('class-elsewhere', unitId, []), counselorId: 'teacher-unrecorded' } })).status).toBe(201);
      // Nor can the directory move someone away from the classes they serve.
      const moved = await recordIn('teacher-unrecorded', '未登记老师');
      expect(moved.status).toBe(422);
      expect(moved.body.errors.map((e: { code: string }) => e.code)).toEqual(['staff.serves-classes-elsewhere']);
    });

    it('lets one person be both class teacher and counselor, and two people swap roles', async () => {
      const dual = await invoke(handler, { routeKey: createClass, pathParameters: { tenantId }, principal: who.admin, body: { ...classBody('class-dual', unitId, []), counselorId: 'teacher-1' } });
      expect(dual.status).toBe(201);
      const { roster } = createDependencies(configFromEnv());
      expect(await roster.classesServedBy(tenantId, 'teacher-1')).toEqual(
        expect.arrayContaining([{ classId: 'class-dual', role: 'class-teacher' }, { classId: 'class-dual', role: 'counselor' }]),
      );
      const swap = (body: unknown, ifMatch: string) =>
        invoke(handler, { routeKey: 'PUT /tenants/{tenantId}/classes/{classId}/staff', pathParameters: { tenantId, classId: 'class-dual' }, principal: who.director, body, headers: { 'content-type': 'application/json', 'if-match': ifMatch } });
      // The counselor becomes class teacher and the class teacher counselor.
      expect((await swap({ classTeacherId: 'teacher-2', counselorId: 'teacher-1' }, '"1"')).status).toBe(200);
      expect((await swap({ classTeacherId: 'teacher-1', counselorId: 'teacher-2' }, '"2"')).status).toBe(200);
      expect(await roster.classesServedBy(tenantId, 'teacher-2')).toContainEqual({ classId: 'class-dual', role: 'counselor' });
      expect(await roster.classesServedBy(tenantId, 'teacher-2')).not.toContainEqual({ classId: 'class-dual', role: 'class-teacher' });
    });
  });

  it('records the tenant itself once, and changes it only with If-Match', async () => {
    const put = (body: unknown, ifMatch?: string) =>
      invoke(handler, { routeKey: 'PUT /tenants/{tenantId}', pathParameters: { tenantId }, principal: who.admin, body, headers: { 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) } });
    expect((await put({ name: '弘成教育', kind: 'headquarters' })).status).toBe(201);
    expect((await put({ name: '弘成教育集团', kind: 'headquarters' })).status).toBe(428);
    expect((await put({ name: '弘成教育集团', kind: 'headquarters' }, '"1"')).status).toBe(200);
    expect((await put({ name: '别名', kind: 'school' }, '"1"')).status).toBe(412);
    const read = await invoke(handler, { routeKey: 'GET /tenants/{tenantId}', pathParameters: { tenantId }, principal: who.teacher });
    expect(read.body).toMatchObject({ name: '弘成教育集团', version: 2 });
  });

  describe('the staff directory', () => {
    const record = (userId: string, body: unknown, principal: Principal = who.admin, ifMatch?: string) =>
      invoke(handler, {
        routeKey: 'PUT /tenants/{tenantId}/staff/{userId}',
        pathParameters: { tenantId, userId },
        principal,
        body,
        headers: { 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      });

    it('records a staff member once, changes them with If-Match, and shows the classes they serve', async () => {
      expect((await record('teacher-1', { name: '王老师', unitId })).status).toBe(201);
      expect((await record('teacher-1', { name: '王老师', unitId })).status).toBe(428);
      const changed = await record('teacher-1', { name: '王老师', unitId, department: '会计系' }, who.director, '"1"');
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ department: '会计系', version: 2 });
      expect((await record('teacher-1', { name: '王', unitId }, who.admin, '"1"')).status).toBe(412);

      const entry = await invoke(handler, { routeKey: 'GET /tenants/{tenantId}/staff/{userId}', pathParameters: { tenantId, userId: 'teacher-1' }, principal: who.teacher });
      expect(entry.status).toBe(200);
      expect(entry.body.classes).toContainEqual({ classId: 'class-a', role: 'class-teacher' });
      const listed = await invoke(handler, { routeKey: 'GET /tenants/{tenantId}/units/{unitId}/staff', pathParameters: { tenantId, unitId }, principal: who.director });
      expect(listed.body.items.map((m: { userId: string }) => m.userId)).toContain('teacher-1');
    });

    it('STAFF-NO-PROBE: a caller who may not read an entry gets 403 whether or not it exists; an admin learns it is missing', async () => {
      const read = (userId: string, principal: typeof who.teacher) =>
        invoke(handler, { routeKey: 'GET /tenants/{tenantId}/staff/{userId}', pathParameters: { tenantId, userId }, principal });
      expect((await record('teacher-7', { name: '赵老师', unitId })).status).toBe(201);
      // The other unit's director may read neither teacher-7 (recorded in this unit) nor a user never recorded.
      expect((await read('teacher-7', who.otherDirector)).status).toBe(403);
      expect((await read('nobody-recorded', who.otherDirector)).status).toBe(403);
      expect((await read('nobody-recorded', who.teacher)).status).toBe(403);
      expect((await read('nobody-recorded', who.admin)).status).toBe(404);
    });

    it('keeps each unit’s staff to its own director, and refuses an unknown unit', async () => {
      expect((await record('teacher-9', { name: '李老师', unitId }, who.otherDirector)).status).toBe(403);
      const unknown = await record('teacher-9', { name: '李老师', unitId: 'no-such-unit' });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors[0].pointer).toBe('#/unitId');
    });
  });

  describe('access', () => {
    it('lets a director create classes in their own unit only', async () => {
      const own = await invoke(handler, { routeKey: createClass, pathParameters: { tenantId }, principal: who.director, body: classBody('class-d', unitId, []) });
      expect(own.status).toBe(201);
      const other = await invoke(handler, { routeKey: createClass, pathParameters: { tenantId }, principal: who.otherDirector, body: classBody('class-e', unitId, []) });
      expect(other.status).toBe(403);
    });

    it('refuses a class teacher creating units or classes', async () => {
      const unit = await invoke(handler, { routeKey: createUnit, pathParameters: { tenantId }, principal: who.teacher, body: { unitId: 'u-9', name: '中心', kind: 'college' } });
      expect(unit.status).toBe(403);
      const schoolClass = await invoke(handler, { routeKey: createClass, pathParameters: { tenantId }, principal: who.teacher, body: classBody('class-f', unitId, []) });
      expect(schoolClass.status).toBe(403);
    });

    it('refuses a teacher who does not serve the class', async () => {
      const read = await invoke(handler, { routeKey: getClass, pathParameters: { tenantId, classId: 'class-a' }, principal: who.otherTeacher });
      expect(read.status).toBe(403);
    });

    it('answers 403 to another tenant and 401 without identity', async () => {
      const foreign = await invoke(handler, { routeKey: getClass, pathParameters: { tenantId, classId: 'class-a' }, principal: who.stranger });
      expect(foreign.status).toBe(403);
      expect(foreign.body.detail).toMatch(/another tenant/);
      const anonymous = await invoke(handler, { routeKey: getClass, pathParameters: { tenantId, classId: 'class-a' } });
      expect(anonymous.status).toBe(401);
    });
  });
});
