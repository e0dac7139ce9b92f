/**
 * Turning an API Gateway v2 event into a validated request.
 *
 * Path parameters, query string and body are each checked against the route's zod
 * schema; every issue of all three is reported at once, with a pointer that says
 * which part of the request it is in.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { safeParse, type $ZodErrorMap, type $ZodIssue, type $ZodType, type output } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { strictObject } from 'zod/mini';
import { bilingual } from '../../../domain/bilingual.js';
import type { Violation } from '../../../domain/violation.js';
import { BadRequestError, fieldProblem, PayloadTooLargeError, UnsupportedMediaTypeError, type FieldProblem } from './problem.js';

/** A part of the body checked against a schema chosen by the body itself. */
export interface BodyPart {
  readonly path: readonly (string | number)[];
  readonly schema: $ZodType;
}

export interface RequestSchemas {
  readonly params?: $ZodType;
  readonly query?: $ZodType;
  readonly body?: $ZodType;
  /**
   * Parts of the body whose schema turns on another of its fields (a record's content on
   * its kind). They are checked in the same pass as the rest, so a client learns of every
   * bad field at once, and each part's parsed value replaces the raw one in `body`.
   */
  readonly bodyParts?: (rawBody: unknown) => readonly BodyPart[];
  /** The largest body this route reads (413 beyond it); `defaultMaxBodyBytes` unless said. */
  readonly maxBodyBytes?: number;
}

type Parsed<S extends $ZodType | undefined> = S extends $ZodType ? output<S> : undefined;

export interface ParsedRequest<S extends RequestSchemas> {
  readonly params: Parsed<S['params']>;
  readonly query: Parsed<S['query']>;
  readonly body: Parsed<S['body']>;
}

const messages = { en: en().localeError, zh: zhCN().localeError };

/** Whether the client asked for Chinese first (Accept-Language: zh…). */
export function prefersChinese(headers: APIGatewayProxyEventV2['headers'] | undefined): boolean {
  return /^\s*zh\b/i.test(headers?.['accept-language'] ?? '');
}

/** Field messages in Chinese for clients that ask for it, else English. */
function messagesFor(headers: APIGatewayProxyEventV2['headers'] | undefined): $ZodErrorMap {
  return prefersChinese(headers) ? messages.zh : messages.en;
}

/** The domain's rule violations as field problems, in both languages (the answer picks one). */
export function violationProblems(violations: readonly Violation[]): FieldProblem[] {
  return violations.map((v) => fieldProblem(v.path, v.code, v.message, v.zh));
}

/** One problem per issue; an object's unknown fields one each, pointing at the field itself. */
function issuesToProblems(issues: readonly $ZodIssue[], prefix: readonly (string | number)[]): FieldProblem[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path.map((step) => (typeof step === 'symbol' ? String(step) : step))];
    if (issue.code !== 'unrecognized_keys') return [fieldProblem(path, issue.code, issue.message)];
    return issue.keys.map((key) => fieldProblem([...path, key], issue.code, `unknown field "${key}": nothing here takes it`, `未知字段 "${key}"：此处不接受该字段`));
  });
}

/** The largest body a route reads unless it says otherwise: 1 MiB (API Gateway would pass 10 MB). */
export const defaultMaxBodyBytes = 1024 * 1024;

/** The `charset` parameter of a content type, lower-cased and unquoted; undefined when absent. */
function charsetOf(contentType: string): string | undefined {
  for (const parameter of contentType.split(';').slice(1)) {
    const at = parameter.indexOf('=');
    if (at < 0 || parameter.slice(0, at).trim().toLowerCase() !== 'charset') continue;
    return parameter.slice(at + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
  }
  return undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The first key an object of this (valid) JSON text holds twice, with its path: JSON.parse
 * would keep the last silently, so a client might believe the first counts.
 */
export function duplicateKeyIn(json: string): (string | number)[] | undefined {
  type Frame = { readonly keys?: Set<string>; step: string | number };
  const frames: Frame[] = [];
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    const top = frames.at(-1);
    if (c === '{') frames.push({ keys: new Set(), step: '' });
    else if (c === '[') frames.push({ step: 0 });
    else if (c === '}' || c === ']') frames.pop();
    else if (c === ',' && top !== undefined && top.keys === undefined) top.step = (top.step as number) + 1;
    else if (c === '"') {
      let end = i + 1;
      while (json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      let next = end + 1;
      while (/\s/.test(json[next] ?? '')) next++;
      if (json[next] === ':' && top?.keys !== undefined) {
        const key = JSON.parse(json.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return [...frames.map((frame) => frame.step).slice(0, -1), key];
        top.keys.add(key);
        top.step = key;
      }
      i = end;
    }
  }
  return undefined;
}

/**
 * The body as JSON: sent as application/json (or +json) in UTF-8, no larger than
 * `maxBytes`, well-formed, and with no key twice in one object.
 */
function readJsonBody(event: APIGatewayProxyEventV2, maxBytes: number): unknown {
  if (event.body === undefined || event.body === '') {
    throw new BadRequestError([fieldProblem([], 'missing_body', 'a JSON body is required', '请求须带 JSON 正文')]);
  }
  const contentType = event.headers?.['content-type'] ?? event.headers?.['Content-Type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) throw new UnsupportedMediaTypeError();
  const charset = charsetOf(contentType);
  if (charset !== undefined && charset !== 'utf-8') throw new UnsupportedMediaTypeError(bilingual(`Send the body in UTF-8 (charset=utf-8), not ${charset}.`, `请以 UTF-8 编码（charset=utf-8）发送请求正文，而非 ${charset}。`));
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : undefined;
  if ((bytes?.length ?? Buffer.byteLength(event.body)) > maxBytes) throw new PayloadTooLargeError(bilingual(`The body is larger than ${maxBytes} bytes, the most this route takes.`, `请求正文超过 ${maxBytes} 字节，超出本接口的上限。`));
  let text = event.body;
  if (bytes !== undefined) {
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      throw new BadRequestError([fieldProblem([], 'invalid_utf8', 'the body is not valid UTF-8', '请求正文不是有效的 UTF-8')]);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequestError([fieldProblem([], 'invalid_json', 'the body is not valid JSON', '请求正文不是有效的 JSON')]);
  }
  const repeated = duplicateKeyIn(text);
  if (repeated !== undefined) {
    const key = String(repeated.at(-1));
    throw new BadRequestError([fieldProblem(repeated, 'duplicate_key', `the key "${key}" appears twice in one object`, `同一对象中键 "${key}" 出现了两次`)]);
  }
  return parsed;
}

/** Validates one value against a schema; its issues come back under `prefix`. */
function validateValue<T>(
  schema: $ZodType<T>,
  value: unknown,
  prefix: readonly (string | number)[],
  headers: APIGatewayProxyEventV2['headers'],
): { readonly data: T } | { readonly problems: FieldProblem[] } {
  const result = safeParse(schema, value, { error: messagesFor(headers) });
  return result.success ? { data: result.data } : { problems: issuesToProblems(result.error.issues, prefix) };
}

/** Validates one value against a schema, reporting every issue under `prefix` as a 400. */
export function parseValue<T>(schema: $ZodType<T>, value: unknown, prefix: readonly (string | number)[], headers: APIGatewayProxyEventV2['headers']): T {
  const result = validateValue(schema, value, prefix, headers);
  if ('problems' in result) throw new BadRequestError(result.problems);
  return result.data;
}

/** The value at `path` inside a JSON value, or undefined where the path leads nowhere. */
function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((inner, step) => (typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>)[step] : undefined), value);
}

function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): void {
  const parent = valueAt(value, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path.at(-1) as string | number] = replacement;
}

const noQueryParameters = strictObject({});

export function parseRequest<S extends RequestSchemas>(event: APIGatewayProxyEventV2, schemas: S): ParsedRequest<S> {
  const problems: FieldProblem[] = [];
  const error = messagesFor(event.headers);
  const parsePart = (schema: $ZodType | undefined, input: () => unknown, prefix: readonly (string | number)[]): unknown => {
    if (schema === undefined) return undefined;
    const result = safeParse(schema, input(), { error });
    if (!result.success) {
      problems.push(...issuesToProblems(result.error.issues, prefix));
      return undefined;
    }
    return result.data;
  };
  const params = parsePart(schemas.params, () => event.pathParameters ?? {}, ['path']);
  // A route that takes no query parameters refuses any, as a body refuses unknown fields.
  const query = parsePart(schemas.query ?? noQueryParameters, () => event.queryStringParameters ?? {}, ['query']);
  let rawBody: unknown;
  // A route whose body is optional (its schema takes undefined) reads none when none is sent.
  const absent = (event.body === undefined || event.body === '') && schemas.body !== undefined && safeParse(schemas.body, undefined).success;
  const body = parsePart(schemas.body, () => (rawBody = absent ? undefined : readJsonBody(event, schemas.maxBodyBytes ?? defaultMaxBodyBytes)), []);
  const parts = rawBody !== undefined && schemas.bodyParts ? schemas.bodyParts(rawBody) : [];
  const parsedParts = parts.map((part) => ({ path: part.path, value: parsePart(part.schema, () => valueAt(rawBody, part.path), part.path) }));
  if (problems.length > 0) throw new BadRequestError(problems);
  for (const part of parsedParts) replaceAt(body, part.path, part.value);
  return { params, query: schemas.query === undefined ? undefined : query, body } as ParsedRequest<S>;
}
