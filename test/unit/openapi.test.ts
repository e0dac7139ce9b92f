import { safeParse } from 'zod/v4/core';
import { describe, expect, it } from 'vitest';
import { httpRoutes, routeKeyOf } from '../../functions/catalog.js';
import { openApiDocument, routeDefinitions, routeDescriptions } from '../../functions/http/api-description.js';
import { record } from '../../functions/http/schemas/responses.js';

describe('the OpenAPI description', () => {
  const document = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { summary: string; responses: Record<string, unknown>; requestBody?: unknown }>> };

  it('documents every route of the catalog, and nothing else', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(httpRoutes.map(routeKeyOf).sort());
    expect(Object.keys(routeDescriptions).sort()).toEqual(httpRoutes.map(routeKeyOf).sort());
    expect(Object.keys(routeDefinitions).sort()).toEqual(httpRoutes.map(routeKeyOf).sort());
  });

  it('gives each operation a summary, its success answer and a request body where the route takes one', () => {
    for (const spec of httpRoutes) {
      const operation = document.paths[spec.path]?.[spec.method.toLowerCase()];
      expect(operation?.summary, routeKeyOf(spec)).toBeTruthy();
      expect(Object.keys(operation?.responses ?? {}).some((status) => status.startsWith('2')), routeKeyOf(spec)).toBe(true);
      expect(operation?.requestBody !== undefined, routeKeyOf(spec)).toBe(routeDefinitions[routeKeyOf(spec)]?.schemas.body !== undefined);
    }
  });

  it('documents If-Match where a change can be stale, and the ETag and Location a client reads back', () => {
    type Operation = { parameters: { name: string; in: string; required: boolean }[]; responses: Record<string, { headers?: Record<string, unknown> }> };
    const operation = (path: string, method: string) => document.paths[path]?.[method] as unknown as Operation;
    const ifMatch = (op: Operation) => op.parameters.find((p) => p.name === 'If-Match' && p.in === 'header');
    expect(ifMatch(operation('/tenants/{tenantId}/records/{recordId}/corrections', 'post'))?.required).toBe(true);
    // A PUT that also creates takes If-Match only once the resource exists.
    expect(ifMatch(operation('/tenants/{tenantId}/configuration', 'put'))?.required).toBe(false);
    expect(ifMatch(operation('/tenants/{tenantId}/records', 'post'))).toBeUndefined();
    expect(Object.keys(operation('/tenants/{tenantId}/records/{recordId}', 'get').responses['200']?.headers ?? {})).toEqual(['ETag']);
    expect(Object.keys(operation('/tenants/{tenantId}/records', 'post').responses['201']?.headers ?? {}).sort()).toEqual(['ETag', 'Idempotent-Replayed', 'Location']);
  });

  it('describes one record body per kind, told apart by `kind`', () => {
    const body = JSON.stringify(document.paths['/tenants/{tenantId}/records']?.['post']?.requestBody);
    for (const kind of ['class-meeting', 'talk', 'parent-contact', 'dorm-inspection', 'term-plan']) expect(body).toContain(`"const":"${kind}"`);
  });

  it('holds answers strictly: a storage key leaking into a record fails its schema', () => {
    const answer = {
      tenantId: 't', recordId: 'r', kind: 'talk', authorId: 'a', submittedAt: '2025-10-10T00:00:00.000Z', occurredOn: '2025-10-10',
      version: 1, status: 'active', content: {}, maskedFields: [],
    };
    expect(safeParse(record, answer).success).toBe(true);
    expect(safeParse(record, { ...answer, pk: 'TENANT#t#RECORD#r' }).success).toBe(false);
  });
});
