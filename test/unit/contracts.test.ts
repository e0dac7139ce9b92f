/** Strict request contracts, where no engine is needed (README, "Request contracts"). */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { localDate, text, yuan } from '../../domain/records/fields.js';
import { openApiDocument, routeDescriptions } from '../../functions/http/api-description.js';
import { fingerprintOf, idempotently, type IdempotencyStore } from '../../functions/http/kit/idempotency.js';
import { principalOf } from '../../functions/http/kit/principal.js';
import { duplicateKeyIn } from '../../functions/http/kit/request.js';
import { configurationBody, configurationLimits } from '../../functions/http/schemas/configuration.js';
import { itemBytes, largestItemBytes } from '../../functions/storage/item-size.js';
import { httpRoutes, routeKeyOf } from '../../functions/catalog.js';

const accepts = (schema: z.ZodMiniType, value: unknown) => z.safeParse(schema, value).success;

describe('strict request contracts (no engine)', () => {
  it('CONTRACT-ROLES-CLAIM: roles are read as API Gateway passes cognito:groups, exact names only', () => {
    const rolesOf = (groups: unknown) =>
      principalOf({ requestContext: { authorizer: { jwt: { claims: { sub: 'u', 'custom:tenantId': 't', 'cognito:groups': groups } } } } } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer).roles;
    expect(rolesOf('[class-teacher counselor]')).toEqual(['class-teacher', 'counselor']);
    expect(rolesOf(['class-teacher', 'counselor'])).toEqual(['class-teacher', 'counselor']);
    expect(rolesOf('[class-teacher,tenant-admin]')).toEqual([]);
    expect(rolesOf('class-teacher,tenant-admin')).toEqual([]);
    expect(rolesOf(['class-teacher,tenant-admin'])).toEqual([]);
    expect(rolesOf('tenant-admin')).toEqual(['tenant-admin']);
    expect(rolesOf([{ toString: () => 'tenant-admin' }])).toEqual([]);
  });

  it('CONTRACT-IDEMPOTENCY-RETURNED-REFUSAL: a returned 4xx releases the key as a thrown one does; 2xx and 3xx are remembered', async () => {
    const principal = { userId: 'u1', tenantId: 't1', roles: ['class-teacher' as const] };
    const request = { principal, method: 'POST', path: '/tenants/t1/x', key: 'k1', body: '{"a":1}' };
    const outcome = async (statusCode: number) => {
      const calls: string[] = [];
      const store: IdempotencyStore = {
        claim: async () => (calls.push('claim'), { outcome: 'claimed' }),
        complete: async () => void calls.push('complete'),
        release: async () => void calls.push('release'),
      };
      await idempotently(request, store, () => new Date(), async () => ({ statusCode, body: '{}' }));
      return calls.at(-1);
    };
    for (const status of [400, 404, 409, 412, 413, 422, 428, 500, 503]) expect(await outcome(status), String(status)).toBe('release');
    for (const status of [200, 201, 204, 303]) expect(await outcome(status), String(status)).toBe('complete');
    expect(fingerprintOf('{"a":1}')).toBe(fingerprintOf(request.body));
  });

  it('CONTRACT-CONFIG-FITS: the largest configuration the schema accepts fits in one item', () => {
    const cjk = (n: number) => '学'.repeat(n);
    const id64 = (i: number) => `y${String(i).padStart(63, '0')}`;
    const holidayYear = (year: number) => ({
      year,
      holidays: Array.from({ length: configurationLimits.holidaySpansPerYear }, () => ({ name: cjk(32), from: `${year}-01-01`, to: `${year}-12-31` })),
      makeUpWorkdays: Array.from({ length: configurationLimits.makeUpWorkdaysPerYear }, () => `${year}-12-31`),
      source: cjk(200),
    });
    const largest = {
      academicYears: Array.from({ length: configurationLimits.academicYears }, (_, i) => ({ id: id64(i), start: '2000-01-01', end: '2000-12-31' })),
      terms: Array.from({ length: configurationLimits.terms }, (_, i) => ({ id: `${2000 + i}-autumn`, start: '2000-01-01', end: '2000-12-31', academicYearId: id64(i) })),
      holidays: {
        useDefaults: true,
        years: Array.from({ length: configurationLimits.holidayYears }, (_, i) => holidayYear(2000 + i)),
        extensions: Array.from({ length: configurationLimits.holidayYears }, (_, i) => holidayYear(2050 + i)),
      },
      overrides: Array.from({ length: configurationLimits.overrides }, () => ({ ruleId: `A-${'B'.repeat(38)}`, param: `p${'q'.repeat(39)}`, value: 999.123456, effectiveFrom: '2000-01-01' })),
      minWorkingDaysPerWindow: 7,
      minWindowShare: 0.3333,
      uploads: {
        codeLists: Object.fromEntries(
          ['exemptionSubjects', 'exemptionReasons'].map((list) => [list, Array.from({ length: configurationLimits.codeListEntries }, (_, i) => ({ code: `${i}${'码'.repeat(configurationLimits.codeLength - String(i).length)}`, name: cjk(configurationLimits.codeNameLength) }))]),
        ),
      },
    };
    const parsed = z.safeParse(configurationBody, largest);
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    // As the repository stores it: the head item (each kept revision is the same size).
    const stored = { pk: `TENANT#${'t'.repeat(64)}`, sk: '#CONFIG', tenantId: 't'.repeat(64), entry: '#CONFIG', revision: 999_999, document: largest, updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: 'u'.repeat(128) };
    expect(itemBytes(stored)).toBeLessThan(largestItemBytes);
  });

  it('CONTRACT-ITEM-BYTES: item sizes are counted as DynamoDB counts them', () => {
    expect(itemBytes({ a: 'abc' })).toBe(4);
    expect(itemBytes({ name: '学' })).toBe(7);
    expect(itemBytes({ n: 12345 })).toBe(1 + 4);
    expect(itemBytes({ flag: true, none: null })).toBe(4 + 1 + 4 + 1);
    expect(itemBytes({ l: ['a', 'b'] })).toBe(1 + 3 + 2 * 2);
    expect(itemBytes({ m: { k: 'v' } })).toBe(1 + 3 + 1 + 1 + 1);
    expect(itemBytes({ gone: undefined })).toBe(0);
  });

  it('CONTRACT-DATE-REAL: days exist and lie in 1900–2100', () => {
    for (const day of ['2026-02-30', '2025-02-29', '0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31']) expect(accepts(localDate, day), day).toBe(false);
    for (const day of ['2024-02-29', '1900-01-01', '2100-12-31']) expect(accepts(localDate, day), day).toBe(true);
  });

  it('CONTRACT-MONEY-DECIMALS: money has at most two decimals, read from the number as written, not by float arithmetic', () => {
    for (const value of [0.1 + 0.2, 1e-7, 1e-200, 12.345, 100_000_000.01, Number.NaN, Number.POSITIVE_INFINITY]) expect(accepts(yuan, value), String(value)).toBe(false);
    for (const value of [0, 0.29, 12.3, 100_000_000]) expect(accepts(yuan, value), String(value)).toBe(true);
  });

  it('CONTRACT-TEXT-LENGTH: a length bound counts characters after NFC and trimming', () => {
    expect(accepts(text(3), '  e\u0301e\u0301e\u0301  ')).toBe(true);
    expect(accepts(text(3), 'abcd')).toBe(false);
    expect(accepts(text(3), '   ')).toBe(false);
  });

  it('CONTRACT-DUPLICATE-KEY-SCAN: a key twice in one object is found with its path, however it is escaped', () => {
    expect(duplicateKeyIn('{"a":1,"a":2}')).toEqual(['a']);
    expect(duplicateKeyIn('{"x":[{"a":1},{"a":1,"\\u0061":2}]}')).toEqual(['x', 1, 'a']);
    expect(duplicateKeyIn('{"a":"\\"a\\"","b":["a","a"],"c":{"a":1}}')).toBeUndefined();
  });

  it('CONTRACT-OPENAPI: every POST documents 409 in progress and 422 key reused, every write 413, bodies are strict', () => {
    const document = openApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: { required: boolean; content: Record<string, { schema: unknown }> } }>> };
    for (const spec of httpRoutes) {
      const routeKey = routeKeyOf(spec);
      const operation = document.paths[spec.path]?.[spec.method.toLowerCase()];
      const statuses = Object.keys(operation?.responses ?? {});
      if (spec.method === 'POST') {
        expect(statuses, routeKey).toEqual(expect.arrayContaining(['409', '422']));
        expect(routeDescriptions[routeKey]?.responses[422]?.description, routeKey).toContain('Idempotency-Key');
        expect(routeDescriptions[routeKey]?.responses[409]?.description, routeKey).toContain('Idempotency-Key');
      }
      if (spec.method === 'POST' || spec.method === 'PUT') expect(statuses, routeKey).toContain('413');
      const body = operation?.requestBody?.content['application/json']?.schema as { additionalProperties?: unknown; anyOf?: unknown } | undefined;
      if (body !== undefined && body.anyOf === undefined) expect(JSON.stringify(body), routeKey).toContain('"additionalProperties":false');
    }
    expect(document.paths['/tenants/{tenantId}/records/{recordId}/approval']?.['post']?.requestBody?.required).toBe(false);
  });
});
