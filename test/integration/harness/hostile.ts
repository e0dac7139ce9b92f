/**
 * Hostile variants of a valid request, derived from the route's own zod schemas: wrong
 * types, missing and unknown fields, boundary and out-of-range numbers, huge, empty and
 * control-character strings, impossible dates, deep nesting, long arrays, duplicate keys,
 * hostile path segments and query strings, forged cursors, other charsets, forged tokens
 * and role claims.
 *
 * A mutation is plain data (so fast-check shows and shrinks it); `applyMutation` turns it
 * into the request to send and says what the answer must be.
 */
import fc from 'fast-check';
import { safeParse, type $ZodType } from 'zod/v4/core';
import type { RequestSchemas } from '../../../functions/http/kit/request.js';
import { placesIn, pointerOf, remove, replacedAt, schemaAt, valueAt, type JsonPath } from './json-paths.js';
import type { PreparedRequest } from './route-fixtures.js';

/** What the answer to a variant must be. */
export type Expectation =
  /** Refused (400, 413, 415 or 422), with a problem naming `pointer` where one is given. */
  | { readonly refused: true; readonly pointer?: string; readonly statuses?: readonly number[] }
  /** Either refused (naming nothing in particular) or accepted and reading back as sent. */
  | { readonly refused: false };

export interface Variant {
  readonly request: PreparedRequest;
  /** The body as sent, when it is not `JSON.stringify(request.body)` (duplicate keys, broken JSON). */
  readonly rawBody?: string;
  /** Claims replacing the principal's (forged tokens). */
  readonly claims?: Record<string, unknown>;
  readonly expect: Expectation;
  /** For forged role claims: the answer must equal that of the same request from a caller with no roles. */
  readonly sameAsNoRoles?: boolean;
}

export type Mutation =
  | { readonly kind: 'unknown-field'; readonly pick: number; readonly name: string }
  | { readonly kind: 'wrong-type'; readonly pick: number; readonly variant: number }
  | { readonly kind: 'missing-field'; readonly pick: number }
  | { readonly kind: 'hostile-string'; readonly pick: number; readonly value: string }
  | { readonly kind: 'too-long'; readonly pick: number }
  | { readonly kind: 'number'; readonly pick: number; readonly value: number | 'above' | 'below' | 'fraction' }
  | { readonly kind: 'impossible-date'; readonly pick: number; readonly value: string }
  | { readonly kind: 'deep-nesting'; readonly pick: number; readonly depth: number }
  | { readonly kind: 'long-array'; readonly pick: number }
  | { readonly kind: 'duplicate-key'; readonly pick: number }
  | { readonly kind: 'raw-body'; readonly text: string }
  | { readonly kind: 'content-type'; readonly value: string }
  | { readonly kind: 'path-segment'; readonly pick: number; readonly value: string }
  | { readonly kind: 'query'; readonly name: string; readonly value: string }
  | { readonly kind: 'cursor'; readonly value: string }
  | { readonly kind: 'idempotency-key'; readonly value: string }
  | { readonly kind: 'if-match'; readonly value: string }
  | { readonly kind: 'token'; readonly variant: 'no-subject' | 'no-tenant' | 'other-tenant' | 'empty-claims' }
  | { readonly kind: 'role-claim'; readonly value: string };

/** Strings no field takes: controls, bidirectional overrides, lone surrogates, blanks. */
const hostileStrings = ['', ' ', 'a\u0000b', 'bell\u0007', 'esc\u001b[31m', 'del\u007f', '\u202egnp.exe', 'a\u2066b\u2069', 'lone\ud800', 'low\udc00 surrogate', 'rtl\u200fmark', '\u0000'];
const impossibleDates = ['0000-01-01', '9999-12-31', '2025-02-29', '2025-13-01', '2025-04-31', '1899-12-31', '2101-01-01', '2025-9-1', '20250901'];
/** Numbers DynamoDB cannot store, or JavaScript cannot hold exactly. */
const unstorableNumbers = [1e16, -1e16, 2 ** 53, 1e308, 1e-200, -1e-200, 1.7976931348623157e308];
const hostileSegments = ['', ' ', '..', '../..', '%2e%2e', 'a/b', 'IDEMPOTENCY#x', 'x#y', 'a'.repeat(3000), '\u0000', '😀', '\u202e', 'null', '-1', '00000000-0000-0000-0000-000000000000'];
const hostileQueryValues = ['', '0', '-1', '101', '1.5', 'abc', '99999999999999999999', '2025-02-30', '0000-01-01', '\u0000', 'a'.repeat(3000)];
const forgedCursors = [
  'x',
  '!!!',
  'a'.repeat(2048),
  Buffer.from('{"pk":"TENANT#x","sk":""}').toString('base64url'),
  Buffer.from('{"pk":"","sk":"","gsi1pk":"","gsi1sk":""}').toString('base64url'),
  Buffer.from('[]').toString('base64url'),
  Buffer.from('null').toString('base64url'),
  'v1.AAAA.BBBB',
];
const brokenJson = ['{', '{"a":', 'nul', '[1,2', '{"a":1}}', "{'a':1}", '\uFEFF{}', '[]', '"text"', '42', 'null', 'true'];
const otherContentTypes = ['application/json; charset=iso-8859-1', 'application/json; charset=utf-16', 'application/json;charset="latin1"', 'text/plain', 'application/xml', 'multipart/form-data; boundary=x'];
const hostileKeys = [' ', 'a b', 'ä', 'x'.repeat(256), '\u0000', ''];
const hostileIfMatch = ['*', 'W/"1"', '"abc"', '"99999999999999999999"', '1', '"-1"', '""', '"1.5"'];
/** Role claims that only look like roles: commas, quotes, case, invisible characters. */
const forgedRoles = ['[class-teacher,tenant-admin]', 'class-teacher,tenant-admin', '["tenant-admin"]', '[TENANT-ADMIN]', '[tenant-admin\u200b]', '[tenant_admin]', '[supervisor;tenant-admin]', '[*]'];

/**
 * @param foreignCursors real cursors of other listings (records of an author): a listing
 *   must refuse them as surely as forged ones.
 */
export function mutations(hasBody: boolean, isListing: boolean, foreignCursors: readonly string[] = []): fc.Arbitrary<Mutation> {
  const pick = fc.nat();
  const bodyMutations: fc.Arbitrary<Mutation>[] = hasBody
    ? [
        fc.record({ kind: fc.constant('unknown-field' as const), pick, name: fc.constantFrom('counsellorId', 'isAdmin', 'submittedBy', '__proto__', 'constructor', 'x') }),
        fc.record({ kind: fc.constant('wrong-type' as const), pick, variant: fc.nat(5) }),
        fc.record({ kind: fc.constant('missing-field' as const), pick }),
        fc.record({ kind: fc.constant('hostile-string' as const), pick, value: fc.constantFrom(...hostileStrings) }),
        fc.record({ kind: fc.constant('too-long' as const), pick }),
        fc.record({ kind: fc.constant('number' as const), pick, value: fc.constantFrom<number | 'above' | 'below' | 'fraction'>('above', 'below', 'fraction', ...unstorableNumbers) }),
        fc.record({ kind: fc.constant('impossible-date' as const), pick, value: fc.constantFrom(...impossibleDates) }),
        fc.record({ kind: fc.constant('deep-nesting' as const), pick, depth: fc.constantFrom(100, 2000) }),
        fc.record({ kind: fc.constant('long-array' as const), pick }),
        fc.record({ kind: fc.constant('duplicate-key' as const), pick }),
        fc.record({ kind: fc.constant('raw-body' as const), text: fc.constantFrom(...brokenJson) }),
        fc.record({ kind: fc.constant('content-type' as const), value: fc.constantFrom(...otherContentTypes) }),
      ]
    : [];
  return fc.oneof(
    ...bodyMutations,
    fc.record({ kind: fc.constant('path-segment' as const), pick, value: fc.constantFrom(...hostileSegments) }),
    fc.record({ kind: fc.constant('query' as const), name: fc.constantFrom('limit', 'from', 'to', 'kind', 'classId', 'unknown', 'tenantId'), value: fc.constantFrom(...hostileQueryValues) }),
    ...(isListing ? [fc.record({ kind: fc.constant('cursor' as const), value: fc.constantFrom(...forgedCursors, ...foreignCursors) })] : []),
    fc.record({ kind: fc.constant('idempotency-key' as const), value: fc.constantFrom(...hostileKeys) }),
    fc.record({ kind: fc.constant('if-match' as const), value: fc.constantFrom(...hostileIfMatch) }),
    fc.record({ kind: fc.constant('token' as const), variant: fc.constantFrom('no-subject' as const, 'no-tenant' as const, 'other-tenant' as const, 'empty-claims' as const) }),
    fc.record({ kind: fc.constant('role-claim' as const), value: fc.constantFrom(...forgedRoles) }),
  );
}

const refused = (path?: JsonPath, statuses?: readonly number[]): Expectation => ({ refused: true, ...(path ? { pointer: pointerOf(path) } : {}), ...(statuses ? { statuses } : {}) });

/** Another JSON type than the one at hand. */
function otherType(value: unknown, variant: number): unknown {
  const candidates = [42, 'text', true, null, [], { nested: 1 }].filter((candidate) => typeof candidate !== typeof value || Array.isArray(candidate) !== Array.isArray(value));
  return candidates[variant % candidates.length];
}

function acceptsNull(schema: Record<string, any> | undefined): boolean {
  if (schema === undefined) return false;
  const types = ([] as unknown[]).concat(schema['type'] ?? []);
  return types.includes('null') || [...(schema['anyOf'] ?? []), ...(schema['oneOf'] ?? [])].some(acceptsNull);
}

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

/** JSON text of `value` with the first key of the object at `path` written twice, a different value first. */
function withDuplicateKey(value: unknown, path: JsonPath): string | undefined {
  const target = valueAt(value, path) as Record<string, unknown>;
  const [name] = Object.keys(target);
  if (name === undefined) return undefined;
  const marker = '"__harness_duplicate__":0';
  const marked = replacedAt(value, path, { __harness_duplicate__: 0, ...target });
  return JSON.stringify(marked).replace(marker, `${JSON.stringify(name)}:${JSON.stringify(otherType(target[name], 0))}`);
}

export function applyMutation(mutation: Mutation, valid: PreparedRequest, schemas: RequestSchemas, method: string): Variant | undefined {
  const body = valid.body;
  const places = placesIn(body).filter((place) => place.path.length > 0);
  const chosen = <T extends { path: JsonPath; value: unknown }>(candidates: T[], index: number) => (candidates.length === 0 ? undefined : candidates[index % candidates.length]);
  const withBody = (next: unknown, expect: Expectation): Variant => ({ request: { ...valid, body: next }, expect });
  const isObject = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);

  switch (mutation.kind) {
    case 'unknown-field': {
      const place = chosen(placesIn(body).filter((candidate) => isObject(candidate.value)), mutation.pick);
      if (place === undefined) return undefined;
      // Set as an own property, so even `__proto__` travels as a field of the JSON text.
      const target = structuredClone(valueAt(body, place.path)) as Record<string, unknown>;
      Object.defineProperty(target, mutation.name, { value: 'surprise', enumerable: true, configurable: true, writable: true });
      return withBody(replacedAt(body, place.path, target), refused([...place.path, mutation.name]));
    }
    case 'wrong-type': {
      const place = chosen(places, mutation.pick);
      if (place === undefined) return undefined;
      const replacement = otherType(place.value, mutation.variant);
      // null where the schema takes null ("nobody" as a class's counselor) is no wrong type.
      const mayBeNull = replacement === null && acceptsNull(schemaAt(schemas, body, place.path));
      return withBody(replacedAt(body, place.path, replacement), mayBeNull ? { refused: false } : refused(place.path));
    }
    case 'missing-field': {
      const place = chosen(places.filter((candidate) => typeof candidate.path.at(-1) === 'string'), mutation.pick);
      return place && withBody(replacedAt(body, place.path, remove), { refused: false });
    }
    case 'hostile-string': {
      const place = chosen(places.filter((candidate) => typeof candidate.value === 'string'), mutation.pick);
      return place && withBody(replacedAt(body, place.path, mutation.value), refused(place.path));
    }
    case 'too-long': {
      const place = chosen(places.filter((candidate) => typeof candidate.value === 'string'), mutation.pick);
      if (place === undefined) return undefined;
      const limit = schemaAt(schemas, body, place.path)?.['maxLength'] as number | undefined;
      return withBody(replacedAt(body, place.path, '长'.repeat((limit ?? 100_000) + 1)), refused(place.path, [400, 413, 422]));
    }
    case 'number': {
      const place = chosen(places.filter((candidate) => typeof candidate.value === 'number'), mutation.pick);
      if (place === undefined) return undefined;
      const schema = schemaAt(schemas, body, place.path) ?? {};
      const value =
        mutation.value === 'above' ? (schema['maximum'] ?? 1e15) + 1 : mutation.value === 'below' ? (schema['minimum'] ?? -1e15) - 1 : mutation.value === 'fraction' ? (schema['type'] === 'integer' ? (place.value as number) + 0.5 : 1e-200) : mutation.value;
      return withBody(replacedAt(body, place.path, value), refused(place.path));
    }
    case 'impossible-date': {
      const place = chosen(places.filter((candidate) => typeof candidate.value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(candidate.value)), mutation.pick);
      if (place === undefined) return undefined;
      const time = (place.value as string).slice(10);
      return withBody(replacedAt(body, place.path, `${mutation.value}${time}`), refused(place.path, [400, 422]));
    }
    case 'deep-nesting': {
      const place = chosen(places, mutation.pick);
      return place && withBody(replacedAt(body, place.path, nested(mutation.depth)), refused(place.path));
    }
    case 'long-array': {
      const place = chosen(places.filter((candidate) => Array.isArray(candidate.value) && candidate.value.length > 0), mutation.pick);
      if (place === undefined) return undefined;
      const limit = (schemaAt(schemas, body, place.path)?.['maxItems'] as number | undefined) ?? 10_000;
      const items = place.value as unknown[];
      return withBody(replacedAt(body, place.path, Array.from({ length: limit + 1 }, (_, index) => items[index % items.length])), refused(place.path, [400, 413, 422]));
    }
    case 'duplicate-key': {
      const place = chosen(placesIn(body).filter((candidate) => isObject(candidate.value) && Object.keys(candidate.value as object).length > 0), mutation.pick);
      const rawBody = place && withDuplicateKey(body, place.path);
      if (place === undefined || rawBody === undefined) return undefined;
      const name = Object.keys(valueAt(body, place.path) as object)[0]!;
      return { request: valid, rawBody, expect: refused([...place.path, name]) };
    }
    case 'raw-body':
      return { request: valid, rawBody: mutation.text, expect: refused(undefined, [400]) };
    case 'content-type':
      if (valid.body === undefined) return undefined; // no body, nothing for the type to describe
      return { request: { ...valid, headers: { ...valid.headers, 'content-type': mutation.value } }, expect: refused(undefined, [415]) };
    case 'path-segment': {
      const names = Object.keys(valid.pathParameters).filter((name) => name !== 'tenantId');
      const name = names[mutation.pick % Math.max(1, names.length)];
      if (name === undefined) return undefined;
      // Refused, or (for free-form ids such as a staff member's) accepted and reading back.
      return { request: { ...valid, pathParameters: { ...valid.pathParameters, [name]: mutation.value } }, expect: { refused: false } };
    }
    case 'query': {
      const query = { ...valid.query, [mutation.name]: mutation.value };
      const shape = (schemas.query as { _zod?: { def?: { shape?: Record<string, $ZodType> } } } | undefined)?._zod?.def?.shape ?? {};
      const parameter = shape[mutation.name];
      // A parameter the route does not know, or a value its own schema refuses, is refused
      // (400, naming it). A value it takes may name what is not there (404, or an empty page).
      if (parameter !== undefined && safeParse(parameter, mutation.value).success) return { request: { ...valid, query }, expect: { refused: false } };
      return { request: { ...valid, query }, expect: refused(['query', mutation.name], [400]) };
    }
    case 'cursor':
      return { request: { ...valid, query: { ...valid.query, cursor: mutation.value } }, expect: refused(['query', 'cursor']) };
    case 'idempotency-key':
      // Only POSTs honour the header; a key no client could mean is refused there.
      return { request: { ...valid, headers: { ...valid.headers, 'idempotency-key': mutation.value } }, expect: method === 'POST' ? refused(['headers', 'idempotency-key']) : { refused: false } };
    case 'if-match':
      return { request: { ...valid, headers: { ...valid.headers, 'if-match': mutation.value } }, expect: { refused: false } };
    case 'token': {
      const { userId, tenantId, roles } = valid.principal;
      const claims: Record<string, Record<string, unknown>> = {
        'no-subject': { 'custom:tenantId': tenantId, 'cognito:groups': `[${roles.join(' ')}]` },
        'no-tenant': { sub: userId, 'cognito:groups': `[${roles.join(' ')}]` },
        'other-tenant': { sub: userId, 'custom:tenantId': 'someone-else', 'cognito:groups': '[tenant-admin]' },
        'empty-claims': {},
      };
      return { request: valid, claims: claims[mutation.variant]!, expect: refused(undefined, mutation.variant === 'other-tenant' ? [403] : [401]) };
    }
    case 'role-claim': {
      const { userId, tenantId, unitId } = valid.principal;
      return { request: valid, claims: { sub: userId, 'custom:tenantId': tenantId, ...(unitId ? { 'custom:unitId': unitId } : {}), 'cognito:groups': mutation.value }, expect: { refused: false }, sameAsNoRoles: true };
    }
  }
}
