/**
 * A local stand-in for API Gateway's HTTP API: matches the catalog's routes, checks the
 * bearer token as the JWT authorizer would, and invokes the same handlers with the same
 * payload format 2.0 events.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { JWTPayload } from 'jose';
import { bilingual, inLanguage } from '../../domain/bilingual.js';
import type { Clock } from '../../domain/time.js';
import { systemClock } from '../../functions/composition.js';
import { httpFunctions, httpRoutes, routeKeyOf, type HttpFunctionName } from '../../functions/catalog.js';
import { validTokenRequired } from '../../functions/http/kit/problem.js';
import { prefersChinese } from '../../functions/http/kit/request.js';
import type { DevAuth } from './dev-auth.js';

type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const repositoryRoot = resolve(import.meta.dirname, '../..');

const compiledRoutes = httpRoutes.map((route) => {
  const names: string[] = [];
  const pattern = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, names, regex: new RegExp(`^${pattern}$`) };
});

/** Percent-decoding that answers undefined for a malformed escape instead of throwing. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchRoute(method: string, path: string) {
  for (const { route, names, regex } of compiledRoutes) {
    const match = regex.exec(path);
    if (route.method !== method || match === null) continue;
    const values = names.map((_, i) => decodeSegment(match[i + 1] ?? ''));
    if (values.includes(undefined)) return 'malformed' as const;
    return { route, pathParameters: Object.fromEntries(names.map((name, i) => [name, values[i] as string])) };
  }
  return undefined;
}

/** API Gateway hands every claim to the function as a string; arrays read `[a b]`. */
function claimsAsApiGatewayPassesThem(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [
      name,
      Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
}

const handlers = new Map<HttpFunctionName, Promise<Handler>>();
function handlerOf(name: HttpFunctionName): Promise<Handler> {
  let handler = handlers.get(name);
  if (handler === undefined) {
    const entry = pathToFileURL(resolve(repositoryRoot, httpFunctions[name].entry)).href;
    handler = import(entry).then((module: { handler: Handler }) => module.handler);
    handlers.set(name, handler);
  }
  return handler;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** A problem of the stand-in itself, its detail in the language the request asked for, as the functions answer. */
function sendProblem(request: IncomingMessage, response: ServerResponse, status: number, title: string, detail: string): void {
  const chinese = prefersChinese({ 'accept-language': request.headers['accept-language'] });
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(JSON.stringify({ type: 'about:blank', title, status, detail: inLanguage(detail, chinese) }));
}

/** What of an HTTP request the stand-in turns into an event. */
export interface GatewayRequest {
  readonly method: string;
  /** Path and query, as on the request line. */
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly httpVersion?: string;
  readonly sourceIp?: string;
}

export interface RoutedEvent {
  readonly function: HttpFunctionName;
  readonly event: APIGatewayProxyEventV2WithJWTAuthorizer;
  readonly context: Context;
}

/**
 * The payload format 2.0 event API Gateway would hand the function for this request and
 * these verified claims: the route matched, the path decoded, claims passed as strings.
 * A string when no route matches or the path is malformed (the problem to answer).
 */
export function apiGatewayEvent(
  request: GatewayRequest,
  claims: JWTPayload,
  now: Date = systemClock.now(),
): RoutedEvent | 'no-route' | 'malformed' {
  const url = new URL(request.url, 'http://localhost');
  const method = request.method;
  const matched = matchRoute(method, url.pathname);
  if (matched === undefined) return 'no-route';
  if (matched === 'malformed') return 'malformed';
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : (value ?? '')]),
  );
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const routeKey = routeKeyOf(matched.route);
  const requestId = randomUUID();
  const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    pathParameters: matched.pathParameters,
    ...(request.body !== '' ? { body: request.body } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers['host'] ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion ?? '1.1'}`,
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claimsAsApiGatewayPassesThem(claims), scopes: [] } },
    },
  };
  const context = {
    awsRequestId: requestId,
    functionName: `local-${matched.route.function}`,
    getRemainingTimeInMillis: () => 10_000,
  } as Context;
  return { function: matched.route.function, event, context };
}

/** The handler of a catalog function, imported on first use as Lambda would load it. */
export function localHandler(name: HttpFunctionName): Promise<Handler> {
  return handlerOf(name);
}

/** The OpenAPI description, generated once from the catalog and the zod schemas. */
let apiDescription: Promise<string> | undefined;
async function sendApiDescription(response: ServerResponse): Promise<void> {
  apiDescription ??= import('../../functions/http/api-description.js').then((module) => JSON.stringify(module.openApiDocument()));
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(await apiDescription);
}

async function serve(auth: DevAuth, clock: Clock, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  if (method === 'GET' && url.pathname === '/openapi.json') return sendApiDescription(response);
  const matched = matchRoute(method, url.pathname);
  if (matched === undefined) return sendProblem(request, response, 404, 'Not Found', bilingual(`No route ${method} ${url.pathname}.`, `没有接口 ${method} ${url.pathname}。`));
  if (matched === 'malformed') return sendProblem(request, response, 400, 'Bad Request', bilingual('The path has a malformed percent-escape.', '路径中有格式错误的百分号转义。'));

  const authorization = request.headers.authorization ?? '';
  const token = /^Bearer (.+)$/i.exec(authorization)?.[1];
  const claims = token === undefined ? undefined : await auth.verify(token);
  if (claims === undefined) return sendProblem(request, response, 401, 'Unauthorized', validTokenRequired);

  const body = await readBody(request);
  const routed = apiGatewayEvent(
    {
      method,
      url: request.url ?? '/',
      headers: request.headers,
      body,
      httpVersion: request.httpVersion,
      sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
    },
    claims,
    clock.now(),
  );
  if (typeof routed === 'string') throw new Error(`route ${method} ${url.pathname} matched once and then not`);
  const result = await (await handlerOf(routed.function))(routed.event, routed.context);
  response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string> | undefined);
  response.end(result.body ?? '');
}

/** `clock` stamps the events' request time, as the handlers' clock would read it. */
export function startApiGateway(auth: DevAuth, port: number, clock: Clock = systemClock): Promise<Server> {
  const server = createServer((request, response) => {
    serve(auth, clock, request, response).catch((error: unknown) => {
      console.error('local API gateway failed:', error);
      if (!response.headersSent) sendProblem(request, response, 502, 'Bad Gateway', bilingual('The function failed; see the runtime log.', '函数执行失败，详见运行日志。'));
      else response.end();
    });
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveServer(server));
  });
}
