/**
 * A Lambda function serving several HTTP routes of one bounded context.
 *
 * Each route is a plain async function of a validated request and the function's
 * dependencies; tests call it directly. The middy chain around it adds what every
 * route shares: the correlation id in the logs, the caller's identity, and problem+json
 * for every error (registered first, so its onError runs last and sees them all).
 */
import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer as HttpEvent,
  APIGatewayProxyStructuredResultV2 as HttpResponse,
} from 'aws-lambda';
import { canActInTenant, type Principal } from '../../../domain/access.js';
import { bilingual } from '../../../domain/bilingual.js';
import { logger } from '../../observability.js';
import type { Clock } from '../../../domain/time.js';
import { asHttpProblem } from './domain-errors.js';
import { idempotently, type IdempotencyStore } from './idempotency.js';
import { principalOf } from './principal.js';
import { ForbiddenError, HttpProblemError, NotFoundError } from './problem.js';
import { parseRequest, prefersChinese, type ParsedRequest, type RequestSchemas } from './request.js';

export interface HttpResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type RouteContext<S extends RequestSchemas> = ParsedRequest<S> & {
  readonly principal: Principal;
  /** The path as requested, for `instance` and `Location`. */
  readonly path: string;
  /** Request headers, names in lower case as API Gateway v2 delivers them. */
  readonly headers: Readonly<Record<string, string | undefined>>;
};

export interface Route<D, S extends RequestSchemas = RequestSchemas> {
  readonly schemas: S;
  readonly handle: (request: RouteContext<S>, dependencies: D) => Promise<HttpResult>;
  /**
   * For a POST whose access turns on stored data (who serves a class), the same check
   * against the data as it is now; run before an `Idempotency-Key` replay, it throws when
   * the caller may no longer make the request. Access decided by roles and unit alone
   * needs none: the key's scope already holds them.
   */
  readonly replayAccess?: (request: RouteContext<S>, dependencies: D) => Promise<unknown>;
}

/** Declares a route; the helper exists so the schemas' types flow into `handle`. */
export const route = <D, S extends RequestSchemas>(definition: Route<D, S>): Route<D, S> => definition;

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  statusCode: status,
  headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** Storage saying "not now": the client did nothing wrong and may retry shortly. */
const transientFailures = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TimeoutError',
  'InternalServerError',
  'StorageBusyError',
]);

/**
 * What of an unexpected error may be logged: its kind and where it came from, never its
 * enumerable properties (a storage validation error carries the offending value, which
 * may be a student's name or a talk's notes).
 */
function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { errorType: typeof error };
  const { code, $metadata } = error as { code?: unknown; $metadata?: { requestId?: string } };
  return {
    errorName: error.name,
    ...(typeof code === 'string' ? { errorCode: code } : {}),
    ...($metadata?.requestId ? { awsRequestId: $metadata.requestId } : {}),
    stack: error.stack?.split('\n').slice(1, 6).join('\n'),
  };
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (transientFailures.has(error.name)) return true;
  // A transaction that lost a race with a concurrent one succeeds when tried again.
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((reason) => reason.Code === 'TransactionConflict');
}

function asProblem(error: unknown, requestId: string): HttpProblemError {
  const known = asHttpProblem(error);
  if (known instanceof HttpProblemError) return known;
  if (isTransient(error)) {
    return new HttpProblemError(503, 'unavailable', 'Service unavailable', bilingual(`Storage is busy; retry shortly (request ${requestId}).`, `存储繁忙，请稍后重试（请求编号 ${requestId}）。`));
  }
  return new HttpProblemError(500, 'internal', 'Internal error', bilingual(`Something failed on our side; quote request ${requestId}.`, `服务端出错，请联系我们并提供请求编号 ${requestId}。`));
}

const problemResponses = (): middy.MiddlewareObj<HttpEvent, HttpResponse> => ({
  onError: async (request) => {
    const { error, event } = request;
    const problem = asProblem(error, event.requestContext?.requestId ?? '');
    if (problem.statusCode >= 500) logger.error('request failed', loggableError(error));
    else logger.info('request refused', { status: problem.statusCode, problem: problem.slug });
    const retry: Record<string, string> = problem.statusCode === 503 ? { 'retry-after': '1' } : {};
    request.response = json(problem.statusCode, problem.toProblem(event.rawPath, prefersChinese(event.headers)), retry);
  },
});

const correlation = (): middy.MiddlewareObj<HttpEvent, HttpResponse> => ({
  before: async ({ event }) => {
    logger.resetKeys();
    logger.appendKeys({ requestId: event.requestContext?.requestId, routeKey: event.routeKey });
  },
});

/** What every function's dependencies provide to the shared chain. */
export interface KitDependencies {
  readonly clock: Clock;
  readonly idempotency: IdempotencyStore;
}

export function httpFunction<D extends KitDependencies>(routes: Readonly<Record<string, Route<D, any>>>, dependencies: () => D) {
  return middy<HttpEvent, HttpResponse>()
    .use(problemResponses())
    .use(correlation())
    .handler(async (event) => {
      const target = routes[event.routeKey];
      if (target === undefined) throw new NotFoundError(bilingual(`No route ${event.routeKey}.`, `没有接口 ${event.routeKey}。`));
      const principal = principalOf(event);
      // Every route lives under /tenants/{tenantId}: refuse another tenant before reading anything.
      const tenantId = event.pathParameters?.['tenantId'];
      const inTenant = tenantId === undefined ? { allowed: false as const, reason: bilingual('route is not tenant-scoped', '此接口不属于任何机构') } : canActInTenant(principal, tenantId);
      if (!inTenant.allowed) throw new ForbiddenError(inTenant.reason);
      const parsed = parseRequest(event, target.schemas);
      const wired = dependencies();
      const headers = event.headers ?? {};
      const request = { method: event.requestContext.http.method, path: event.rawPath, key: headers['idempotency-key'], body: event.body, principal };
      const context = { ...parsed, principal, path: event.rawPath, headers };
      const run = async () => {
        const result = await target.handle(context, wired);
        return result.body === undefined
          ? { statusCode: result.status, headers: { ...result.headers } }
          : json(result.status, result.body, { ...result.headers });
      };
      return idempotently(request, wired.idempotency, () => wired.clock.now(), run, {
        beforeReplay: async () => void (await target.replayAccess?.(context, wired)),
        onRememberFailed: (error) => logger.warn('idempotent answer not remembered', loggableError(error)),
      });
    });
}
