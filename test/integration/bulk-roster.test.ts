import { beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/http/roster.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { seedSchool } from '../support/school.js';
import { classBody, principals } from '../support/fixtures.js';

const addStudents = 'POST /tenants/{tenantId}/classes/{classId}/students';
const numbers = (from: number, count: number) => Array.from({ length: count }, (_, i) => `2711${String(from + i).padStart(9, '0')}`);

describe('bulk roster against DynamoDB Local', () => {
  const tenantId = uniqueTenant('bulk');
  const unitId = 'center-01';
  const who = principals(tenantId, unitId);
  const add = (classId: string, studentNumbers: readonly string[]) =>
    invoke(handler, {
      routeKey: addStudents,
      pathParameters: { tenantId, classId },
      principal: who.director,
      body: { students: studentNumbers.map((studentNumber, i) => ({ studentNumber, name: `学生${i}` })) },
    });
  const roster = async (classId: string) =>
    (await invoke(handler, { routeKey: 'GET /tenants/{tenantId}/classes/{classId}', pathParameters: { tenantId, classId }, principal: who.admin })).body.students as { studentNumber: string }[];

  beforeAll(async () => {
    await seedSchool(who.admin, unitId, [classBody('big', unitId, []), classBody('other', unitId, [])]);
  });

  it('adds 250 students in one request, across several transactions', async () => {
    const response = await add('big', numbers(0, 250));
    expect(response.status).toBe(201);
    expect(response.body.added).toBe(250);
    expect(await roster('big')).toHaveLength(250);
  });

  it('reports every taken number and adds none of the batch', async () => {
    const batch = numbers(1000, 220);
    batch[5] = numbers(0, 1)[0]!;
    batch[100] = numbers(10, 1)[0]!;
    batch[200] = numbers(249, 1)[0]!;
    const response = await add('other', batch);
    expect(response.status).toBe(409);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '#/students/5/studentNumber',
      '#/students/100/studentNumber',
      '#/students/200/studentNumber',
    ]);
    expect(response.body.errors[0].detail).not.toContain('big');
    expect(await roster('other')).toHaveLength(0);
  });

  it('reports every bad row of a batch at once (400)', async () => {
    const response = await invoke(handler, {
      routeKey: addStudents,
      pathParameters: { tenantId, classId: 'other' },
      principal: who.director,
      body: { students: [{ studentNumber: 'x', name: '甲' }, { studentNumber: '271100000900', name: '' }, { studentNumber: '271100000901', name: '乙', phone: '12345' }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/students/0/studentNumber', '#/students/1/name', '#/students/2/phone']);
  });

  it('refuses a class teacher and an unknown class', async () => {
    const teacher = await invoke(handler, { routeKey: addStudents, pathParameters: { tenantId, classId: 'other' }, principal: who.teacher, body: { students: [{ studentNumber: '271100000999', name: '丙' }] } });
    expect(teacher.status).toBe(403);
    expect((await add('missing', numbers(5000, 1))).status).toBe(404);
  });
});
