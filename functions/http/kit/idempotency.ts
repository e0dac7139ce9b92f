/**
 * `Idempotency-Key` on POST: a client that retries a create (after a timeout, a 503, a
 * lost connection) gets the first result back instead of a second record.
 *
 * The key is scoped to the tenant, the caller and the request path, so two callers'
 * keys can never meet. The same key with a different body is refused (422); a retry
 * while the first request still runs is told to wait (409). Only answers that did the
 * work (2xx, 3xx) are remembered. A refusal is not: every answer of 400 or above, thrown
 * or returned, releases the key, because a refusal writes nothing and the client's retry
 * with the same key (after fixing the body or the precondition) should run afresh.
 *
 * A remembered answer is replayed only to a caller still allowed to make the request:
 * the key's scope covers the caller's roles and unit, and the route re-checks what
 * stored data decides (a teacher taken off a class replays nothing of it).
 */
import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 as HttpResponse } from 'aws-lambda';
import type { Principal } from '../../../domain/access.js';
import { bilingual } from '../../../domain/bilingual.js';
import { BadRequestError, ConflictError, fieldProblem, HttpProblemError } from './problem.js';

export interface StoredResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export type IdempotencyClaim =
  | { readonly outcome: 'claimed' }
  | { readonly outcome: 'completed'; readonly fingerprint: string; readonly response: StoredResponse }
  | { readonly outcome: 'in-progress'; readonly fingerprint: string };

export interface IdempotencyStore {
  /** Claims the key for this request, or tells what became of the request that holds it. */
  claim(recordKey: string, fingerprint: string, now: Date): Promise<IdempotencyClaim>;
  complete(recordKey: string, fingerprint: string, response: StoredResponse, now: Date): Promise<void>;
  release(recordKey: string): Promise<void>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** What identifies "the same request" under one key: its body. */
export const fingerprintOf = (body: string | undefined) => sha256(body ?? '');

/** What a client may send: a UUID or any token of visible ASCII, 1–255 characters. */
const keyPattern = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentRequest {
  readonly principal: Principal;
  readonly method: string;
  readonly path: string;
  readonly key: string | undefined;
  readonly body: string | undefined;
}

export interface IdempotencyHooks {
  /** Throws when the caller may no longer have the remembered answer. */
  readonly beforeReplay?: () => Promise<void>;
  readonly onRememberFailed?: (error: unknown) => void;
}

export async function idempotently(
  request: IdempotentRequest,
  store: IdempotencyStore,
  now: () => Date,
  run: () => Promise<HttpResponse>,
  { beforeReplay = async () => {}, onRememberFailed = () => {} }: IdempotencyHooks = {},
): Promise<HttpResponse> {
  if (request.method !== 'POST' || request.key === undefined) return run();
  if (!keyPattern.test(request.key)) {
    throw new BadRequestError([fieldProblem(['headers', 'idempotency-key'], 'invalid_key', 'an Idempotency-Key is 1–255 visible ASCII characters', 'Idempotency-Key 为1至255个可见 ASCII 字符')]);
  }
  const { principal } = request;
  // Scoped to the caller as they are now: a change of their roles or unit starts afresh.
  const caller = [principal.userId, [...principal.roles].sort().join(','), principal.unitId ?? ''].join('|');
  const recordKey = `${principal.tenantId}#${sha256([caller, request.method, request.path, request.key].join('\n'))}`;
  const fingerprint = fingerprintOf(request.body);

  const claim = await store.claim(recordKey, fingerprint, now());
  if (claim.outcome !== 'claimed') {
    if (claim.fingerprint !== fingerprint) {
      throw new HttpProblemError(422, 'idempotency-key-reused', 'Idempotency-Key reused', bilingual('This Idempotency-Key was used for a different request; use a new key for a new request.', '此 Idempotency-Key 已用于另一个不同的请求；新的请求请使用新的键。'));
    }
    if (claim.outcome === 'in-progress') {
      throw new ConflictError(bilingual('A request with this Idempotency-Key is still being processed; retry shortly.', '使用此 Idempotency-Key 的请求仍在处理中，请稍后重试。'));
    }
    await beforeReplay();
    return { ...claim.response, headers: { ...claim.response.headers, 'idempotent-replayed': 'true' } };
  }

  let response: HttpResponse;
  try {
    response = await run();
  } catch (error) {
    await store.release(recordKey);
    throw error;
  }
  const statusCode = response.statusCode ?? 200;
  if (statusCode >= 400) {
    await store.release(recordKey);
  } else {
    const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, value]) => [name, String(value)]));
    const stored = { statusCode, headers, ...(response.body !== undefined ? { body: response.body } : {}) };
    // The work is done: failing to remember it must not turn success into an error (the
    // claim lapses, and a retry after that runs again — rarer than answering 5xx here).
    await store.complete(recordKey, fingerprint, stored, now()).catch((error: unknown) => onRememberFailed(error));
  }
  return response;
}
