/** API Gateway v2 events as the JWT authorizer hands them to a function. */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { safeParse } from 'zod/v4/core';
import type { Principal } from '../../domain/access.js';
import { commonResponses, documentedHeaders, routeDescriptions } from '../../functions/http/api-description.js';

export interface EventInput {
  readonly routeKey: string;
  readonly pathParameters: Record<string, string>;
  readonly principal?: Principal;
  readonly body?: unknown;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
}

function rawPathOf(routeKey: string, parameters: Record<string, string>): string {
  const path = routeKey.split(' ')[1] ?? '/';
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(parameters[name] ?? ''));
}

export function httpEvent(input: EventInput): APIGatewayProxyEventV2WithJWTAuthorizer {
  const claims: Record<string, string> =
    input.principal === undefined
      ? {}
      : {
          sub: input.principal.userId,
          'custom:tenantId': input.principal.tenantId,
          ...(input.principal.unitId ? { 'custom:unitId': input.principal.unitId } : {}),
          'cognito:groups': `[${input.principal.roles.join(' ')}]`,
        };
  const rawPath = rawPathOf(input.routeKey, input.pathParameters);
  return {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(input.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', ...input.headers },
    ...(input.query ? { queryStringParameters: input.query } : {}),
    pathParameters: input.pathParameters,
    ...(input.body !== undefined ? { body: typeof input.body === 'string' ? input.body : JSON.stringify(input.body) } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'test',
      domainPrefix: 'test',
      http: { method: input.routeKey.split(' ')[0] ?? 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey: input.routeKey,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } },
    },
  };
}

export const lambdaContext = { awsRequestId: 'test', functionName: 'test', getRemainingTimeInMillis: () => 10_000 } as Context;

export interface JsonResponse {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: any;
}

/**
 * Every answer a test receives is held to the API description: its status must be
 * documented for the route, its body must match the documented schema, and every header
 * a client acts on (ETag, Location, Retry-After) must be documented for that answer.
 */
export function assertDocumented(routeKey: string, status: number, body: unknown, headers: Readonly<Record<string, unknown>>): void {
  const described = routeDescriptions[routeKey];
  if (described === undefined) throw new Error(`route ${routeKey} has no description in functions/http/api-description.ts`);
  const answer = described.responses[status] ?? commonResponses[status];
  if (answer === undefined) throw new Error(`${routeKey} answered ${status}, which its description does not document`);
  for (const header of documentedHeaders) {
    if (header in headers && !(answer.headers ?? []).includes(header)) throw new Error(`${routeKey} ${status} carries ${header}, which its description does not document`);
  }
  if (answer.schema === undefined) return;
  const result = safeParse(answer.schema, body);
  if (!result.success) {
    throw new Error(`${routeKey} ${status}: the body does not match the documented schema: ${JSON.stringify(result.error.issues)}`);
  }
}

export type HttpHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** Runs a handler on a prepared event; the answer is held to the API description. */
export async function invokeEvent(handler: HttpHandler, event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<JsonResponse> {
  const result = await handler(event, lambdaContext);
  const response = {
    status: result.statusCode ?? 200,
    headers: result.headers ?? {},
    body: result.body ? JSON.parse(result.body) : undefined,
  };
  assertDocumented(event.routeKey, response.status, response.body, response.headers);
  return response;
}

export const invoke = (handler: HttpHandler, input: EventInput): Promise<JsonResponse> => invokeEvent(handler, httpEvent(input));

/** A tenant id no other test uses, so test files can share one table. */
export const uniqueTenant = (label: string) => `t-${label}-${randomUUID().slice(0, 8)}`;
