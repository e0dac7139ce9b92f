/**
 * DOMAIN.md §7 and the guide's bar: private fields never appear in logs. Every line the
 * functions write while private data flows through them (registration, a talk's notes,
 * refusals that quote the request, reveals through a grant) is captured at the most
 * verbose level and searched for each private value.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { handler as privacyHandler } from '../../functions/http/privacy.js';
import { handler as recordsHandler } from '../../functions/http/records.js';
import { handler as rosterHandler } from '../../functions/http/roster.js';
import { logger } from '../../functions/observability.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { classBody, principals } from '../support/fixtures.js';

describe('PRIVACY-LOGS: private fields never appear in the logs', () => {
  const tenantId = uniqueTenant('logs');
  const unitId = 'center-01';
  const who = principals(tenantId, unitId);
  const student = {
    studentNumber: '2611001801001',
    name: '欧阳娜娜',
    gender: 'female',
    birthDate: '2001-05-04',
    idNumber: '11010519491231002X',
    phone: '13812345678',
    address: '广东省深圳市南山区科技园路9号',
    guardians: [{ name: '欧阳建国', relation: '父亲', phone: '13987654321' }],
  };
  const notes = '家庭经济困难，父亲住院治疗';
  const privateValues = [student.name, student.idNumber, student.phone, student.address, student.guardians[0]!.name, student.guardians[0]!.phone, notes];

  const written: string[] = [];
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };

  beforeAll(() => {
    logger.setLogLevel('DEBUG');
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  });
  afterAll(() => {
    vi.restoreAllMocks();
    logger.setLogLevel('SILENT');
  });

  const as = (principal: Principal) => ({ principal, pathParameters: { tenantId } });

  it('logs refusals and reveals by identifiers and outcomes only', async () => {
    await invoke(rosterHandler, { ...as(who.admin), routeKey: 'POST /tenants/{tenantId}/units', body: { unitId, name: '中心', kind: 'learning-center' } });
    const created = await invoke(rosterHandler, { ...as(who.admin), routeKey: 'POST /tenants/{tenantId}/classes', body: { ...classBody('class-l', unitId, []), students: [student] } });
    expect(created.status).toBe(201);
    // A duplicate carries every private field again, and is refused.
    const duplicate = await invoke(rosterHandler, { ...as(who.admin), routeKey: 'POST /tenants/{tenantId}/classes/{classId}/students', pathParameters: { tenantId, classId: 'class-l' }, body: { students: [student] } });
    expect(duplicate.status).toBe(409);
    // A bad registration quotes nothing back into the logs either.
    const malformed = await invoke(rosterHandler, {
      ...as(who.admin),
      routeKey: 'POST /tenants/{tenantId}/classes/{classId}/students',
      pathParameters: { tenantId, classId: 'class-l' },
      body: { students: [{ ...student, studentNumber: '2611001801002', phone: `${student.phone}9` }] },
    });
    expect(malformed.status).toBe(400);

    const talk = { kind: 'talk', classId: 'class-l', content: { heldOn: '2025-10-10', students: [student.studentNumber], topic: '生活困难', notes } };
    expect((await invoke(recordsHandler, { ...as(who.teacher), routeKey: 'POST /tenants/{tenantId}/records', body: talk })).status).toBe(201);
    const refused = await invoke(recordsHandler, { ...as(who.otherTeacher), routeKey: 'POST /tenants/{tenantId}/records', body: talk });
    expect(refused.status).toBe(403);

    const asked = await invoke(privacyHandler, {
      ...as(who.otherTeacher),
      routeKey: 'POST /tenants/{tenantId}/access-requests',
      body: { studentNumbers: [student.studentNumber], fields: ['idNumber', 'phone', 'address'], reason: '核对资助材料', days: 1 },
    });
    await invoke(privacyHandler, { ...as(who.director), routeKey: 'POST /tenants/{tenantId}/access-requests/{grantId}/decision', pathParameters: { tenantId, grantId: asked.body.grantId }, body: { approve: true } });
    const revealed = await invoke(rosterHandler, { ...as(who.otherTeacher), routeKey: 'GET /tenants/{tenantId}/students/{studentNumber}', pathParameters: { tenantId, studentNumber: student.studentNumber } });
    expect(revealed.body.idNumber).toBe(student.idNumber);

    const log = written.join('');
    // The capture works: the refusals above were logged.
    expect(log).toContain('request refused');
    for (const value of privateValues) expect(log).not.toContain(value);
  });
});
