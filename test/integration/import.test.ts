import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { configFromEnv, createDependencies, type Dependencies } from '../../functions/composition.js';
import { handler as configurationHandler } from '../../functions/http/configuration.js';
import { httpFunction, type Route } from '../../functions/http/kit/http-function.js';
import { handler as recordsHandler } from '../../functions/http/records.js';
import { standingRoutes } from '../../functions/http/standing.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { seedSchool } from '../support/school.js';
import { classBody, principals } from '../support/fixtures.js';
import { classMeetingContent } from '../support/records.js';

const importRoute = 'POST /tenants/{tenantId}/imports/records';

describe('importing past terms', () => {
  const tenantId = uniqueTenant('import');
  const unitId = 'center-01';
  const who = principals(tenantId, unitId);
  const classId = 'class-h';
  const roster = ['2511001701001', '2511001701002', '2511001701003'];
  const meetingRow = (heldOn: string, submittedAt: string) => ({
    kind: 'class-meeting',
    classId,
    authorId: 'teacher-1',
    submittedAt,
    content: classMeetingContent(roster, { heldOn, noticeIssuedAt: `${heldOn}T08:00:00+08:00` }),
  });
  const importRows = (records: unknown[], principal: Principal = who.admin, importKey = 'autumn-2025') =>
    invoke(recordsHandler, { routeKey: importRoute, pathParameters: { tenantId }, principal, body: { importKey, records } });

  beforeAll(async () => {
    await seedSchool(who.admin, unitId, [classBody(classId, unitId, roster)]);
    const configured = await invoke(configurationHandler, {
      routeKey: 'PUT /tenants/{tenantId}/configuration',
      pathParameters: { tenantId },
      principal: who.admin,
      body: {
        academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }],
        terms: [{ id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' }],
      },
    });
    expect(configured.status).toBe(201);
  });

  it('keeps the original author and submission time, marks the records as imported, and counts them as evidence', async () => {
    const rows = [
      meetingRow('2025-09-12', '2025-09-12T12:00:00+08:00'),
      meetingRow('2025-10-17', '2025-10-17T20:00:00+08:00'),
      meetingRow('2025-11-07', '2025-11-08T09:00:00+08:00'),
      ...Array.from({ length: 120 }, (_, i) => ({
        kind: 'dorm-inspection',
        classId,
        authorId: 'counselor-9',
        submittedAt: '2025-10-01T10:00:00+08:00',
        content: { inspectedOn: '2025-09-30', rooms: [`3-${200 + i}`], hygiene: '整洁', absentStudents: [] },
      })),
    ];
    // An import cut short after its first 60 rows …
    const partial = await importRows(rows.slice(0, 60));
    expect(partial.body).toMatchObject({ written: 60, alreadyPresent: 0 });
    // … is completed by sending it again: the 60 are recognised, not written twice.
    const response = await importRows(rows);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ importId: 'autumn-2025', importedBy: 'admin-1', count: 123, written: 63, alreadyPresent: 60 });
    expect(response.body.recordIds.slice(0, 60)).toEqual(partial.body.recordIds);
    const dorms = await invoke(recordsHandler, { routeKey: 'GET /tenants/{tenantId}/records', pathParameters: { tenantId }, principal: who.admin, query: { classId, kind: 'dorm-inspection', limit: '100' } });
    const secondPage = await invoke(recordsHandler, { routeKey: 'GET /tenants/{tenantId}/records', pathParameters: { tenantId }, principal: who.admin, query: { classId, kind: 'dorm-inspection', limit: '100', cursor: dorms.body.nextCursor } });
    expect(dorms.body.items.length + secondPage.body.items.length).toBe(120);

    const first = await invoke(recordsHandler, { routeKey: 'GET /tenants/{tenantId}/records/{recordId}', pathParameters: { tenantId, recordId: response.body.recordIds[0] }, principal: who.admin });
    expect(first.body).toMatchObject({ authorId: 'teacher-1', submittedAt: '2025-09-12T04:00:00.000Z', imported: { importId: response.body.importId, by: 'admin-1' } });

    // Replaying the autumn term: in December, three complete meetings meet CT-MEETING-NEW.
    const december = new Date('2025-12-15T02:00:00Z');
    const standing = httpFunction(standingRoutes as Record<string, Route<Dependencies, any>>, () => createDependencies(configFromEnv(), { now: () => december }));
    const result = await invoke(standing, { routeKey: 'GET /tenants/{tenantId}/classes/{classId}/standing', pathParameters: { tenantId, classId }, principal: who.admin });
    const meetings = result.body.findings.find((f: { ruleId: string }) => f.ruleId === 'CT-MEETING-NEW');
    expect(meetings).toMatchObject({ actual: 3, required: 3, status: 'met' });
  });

  it('checks every row as of its own submission, names each bad one, and imports none', async () => {
    const response = await importRows([
      meetingRow('2025-09-19', '2025-09-19T20:00:00+08:00'),
      meetingRow('2025-09-26', '2025-09-25T20:00:00+08:00'),
      { ...meetingRow('2025-10-10', '2025-10-10T20:00:00+08:00'), classId: 'nowhere' },
      { ...meetingRow('2025-10-10', '2099-01-01T00:00:00+08:00') },
      { kind: 'talk', authorId: 'teacher-1', submittedAt: '2025-10-10T20:00:00+08:00', content: { heldOn: '2025-10-10', students: [roster[0]], topic: '学习', notes: '记录' } },
    ], who.admin, 'autumn-2025-bad');
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '#/records/1/content',
      '#/records/2/classId',
      '#/records/3/submittedAt',
      '#/records/4/classId',
    ]);
    const listed = await invoke(recordsHandler, { routeKey: 'GET /tenants/{tenantId}/records', pathParameters: { tenantId }, principal: who.admin, query: { classId, kind: 'class-meeting', from: '2025-09-19', to: '2025-09-19' } });
    expect(listed.body.items).toEqual([]);
  });

  it('names a bad row and a bad row’s content in one answer (400), and imports none', async () => {
    const response = await importRows([
      { ...meetingRow('2025-09-19', '2025-09-19T20:00:00+08:00'), authorId: '' },
      { ...meetingRow('2025-09-26', '2025-09-26T20:00:00+08:00'), content: { ...classMeetingContent(roster), summary: '' } },
    ], who.admin, 'autumn-2025-malformed');
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/records/0/authorId', '#/records/1/content/summary']);
  });

  it('refuses the same import key with a changed row (409 naming it), and keeps what was imported', async () => {
    const talk = (student: string, notes: string) => ({ kind: 'talk', classId, authorId: 'teacher-1', submittedAt: '2025-10-10T20:00:00+08:00', content: { heldOn: '2025-10-10', students: [student], topic: '学习', notes } });
    const first = await importRows([meetingRow('2025-09-19', '2025-09-19T20:00:00+08:00'), talk(roster[0]!, '原记录')], who.admin, 'legacy-talks');
    expect(first.status).toBe(201);
    const changed = await importRows([meetingRow('2025-09-19', '2025-09-19T20:00:00+08:00'), talk(roster[1]!, '改过的记录'), talk(roster[2]!, '新增')], who.admin, 'legacy-talks');
    expect(changed.status).toBe(409);
    expect(changed.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([['#/records/1', 'import_row_differs']]);
    const kept = await invoke(recordsHandler, { routeKey: 'GET /tenants/{tenantId}/records/{recordId}', pathParameters: { tenantId, recordId: first.body.recordIds[1] }, principal: who.teacher });
    expect(kept.body.content).toMatchObject({ students: [roster[0]], notes: '原记录' });
    // Nothing of the changed batch was written, not even its new third row.
    const listed = await invoke(recordsHandler, { routeKey: 'GET /tenants/{tenantId}/records', pathParameters: { tenantId }, principal: who.admin, query: { classId, kind: 'talk' } });
    expect(listed.body.items).toHaveLength(1);
  });

  it('imports rows larger than one transaction holds (DynamoDB: 4 MB), in as many as it takes', async () => {
    const long = '学'.repeat(20_000);
    const reports = Array.from({ length: 20 }, (_, i) => ({
      kind: 'monthly-report',
      authorId: 'teacher-1',
      submittedAt: '2025-11-05T10:00:00+08:00',
      content: { covers: '2025-10', summary: `${i}${long}`.slice(0, 20_000), nextMonthPlan: long },
    }));
    const response = await importRows(reports, who.admin, 'long-reports');
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ count: 20, written: 20, alreadyPresent: 0 });
  });

  it('keeps a corrected record about a day on or before its first submission, which deadlines are judged on', async () => {
    const imported = await importRows([meetingRow('2025-09-19', '2025-09-19T20:00:00+08:00')], who.admin, 'autumn-2025-redate');
    const recordId = imported.body.recordIds[0];
    const correct = (heldOn: string) =>
      invoke(recordsHandler, {
        routeKey: 'POST /tenants/{tenantId}/records/{recordId}/corrections',
        pathParameters: { tenantId, recordId },
        principal: who.teacher,
        body: { content: classMeetingContent(roster, { heldOn, noticeIssuedAt: `${heldOn}T08:00:00+08:00` }), reason: '改日期' },
        headers: { 'content-type': 'application/json', 'if-match': '"1"' },
      });
    // Moved into a later month, a September record would count there as submitted on time.
    const later = await correct('2025-11-20');
    expect(later.status).toBe(422);
    expect(later.body.errors.map((e: { code: string }) => e.code)).toEqual(['record.after-submission']);
    expect((await correct('2025-09-18')).status).toBe(200);
  });

  it('is for tenant admins only', async () => {
    expect((await importRows([meetingRow('2025-09-19', '2025-09-19T20:00:00+08:00')], who.director)).status).toBe(403);
  });
});
