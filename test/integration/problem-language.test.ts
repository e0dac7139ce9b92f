/**
 * A problem's top-level `detail` answers in the caller's language, as its field details
 * do: Chinese for `Accept-Language: zh…`, otherwise the English it always was. Titles
 * stay English either way.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/http/roster.js';
import { invoke, uniqueTenant, type EventInput, type JsonResponse } from '../support/events.js';
import { classBody, principals } from '../support/fixtures.js';

const cjk = /[\u4e00-\u9fff]/;
const englishWords = /[A-Za-z]+\s+[A-Za-z]+/;

describe('the top-level detail of a problem follows Accept-Language', () => {
  const tenantId = uniqueTenant('language');
  const unitId = 'center-01';
  const who = principals(tenantId, unitId);
  const tenantRoute = { routeKey: 'PUT /tenants/{tenantId}', pathParameters: { tenantId }, principal: who.admin, body: { name: '示范学院', kind: 'college' } };
  const createUnit = { routeKey: 'POST /tenants/{tenantId}/units', pathParameters: { tenantId }, principal: who.admin, body: { unitId, name: '杭州学习中心', kind: 'learning-center' } };

  beforeAll(async () => {
    expect((await invoke(handler, createUnit)).status).toBe(201);
    expect((await invoke(handler, tenantRoute)).status).toBe(201);
    // Revision 2 now: a change based on revision 1 is stale.
    expect((await invoke(handler, { ...tenantRoute, headers: { 'if-match': '"1"' } })).status).toBe(200);
  });

  /** Requests that are refused, with the English detail each has always had; none of them writes anything. */
  const refusals: readonly (readonly [number, EventInput, string])[] = [
    [400, { ...createUnit, body: { unitId } }, 'The request does not match the schema of this route.'],
    [401, { ...createUnit, principal: undefined }, 'The token carries no user or tenant.'],
    [403, { ...createUnit, principal: who.teacher }, 'only a tenant admin creates units'],
    [403, { ...createUnit, principal: who.stranger }, 'the caller belongs to another tenant'],
    [404, { routeKey: 'GET /tenants/{tenantId}/classes/{classId}', pathParameters: { tenantId, classId: 'no-such-class' }, principal: who.admin }, 'Class no-such-class does not exist.'],
    [409, createUnit, `unit ${unitId} already exists`],
    [412, { ...tenantRoute, headers: { 'if-match': '"1"' } }, 'tenant has changed since revision 1; read it again and retry with its current ETag.'],
    [415, { ...createUnit, body: 'unitId=x', headers: { 'content-type': 'text/plain' } }, 'Send the body as application/json.'],
    [422, { routeKey: 'POST /tenants/{tenantId}/classes', pathParameters: { tenantId }, principal: who.admin, body: classBody('class-x', 'no-such-unit', []) }, 'The request breaks a rule of the institution.'],
    [428, tenantRoute, 'The tenant exists: send If-Match with the ETag you read, so no change is overwritten unseen.'],
  ];

  const asking = (input: EventInput, language?: string): Promise<JsonResponse> =>
    invoke(handler, { ...input, headers: { ...input.headers, ...(language !== undefined ? { 'accept-language': language } : {}) } });

  it.each(refusals)('%i: in Chinese for Accept-Language: zh-CN, English without it', async (status, input, english) => {
    const chinese = await asking(input, 'zh-CN,zh;q=0.9,en;q=0.8');
    expect(chinese.status).toBe(status);
    expect(chinese.body.detail).toMatch(cjk);
    expect(chinese.body.detail).not.toMatch(englishWords);

    const plain = await asking(input);
    expect(plain.status).toBe(status);
    expect(plain.body.detail).toBe(english);
    expect(plain.body.title).toBe(chinese.body.title);
  });

  it('answers in English to a caller who prefers English and takes Chinese second', async () => {
    const response = await asking({ ...createUnit, principal: who.teacher }, 'en-US,zh-CN;q=0.8');
    expect(response.body.detail).toBe('only a tenant admin creates units');
  });

  it('gives the detail and the field details in the same language', async () => {
    const response = await asking(createUnit, 'zh-CN');
    expect(response.status).toBe(409);
    expect(response.body.detail).toBe(`单位 ${unitId} 已存在`);
    expect(response.body.errors.map((error: { detail: string }) => error.detail)).toEqual([`单位 ${unitId} 已存在`]);
  });
});
