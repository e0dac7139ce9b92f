/**
 * The hostile-input harness: every route of the catalog, called in-process against
 * DynamoDB Local with valid requests and hostile variants derived from its own schemas.
 *
 * Properties, for every request:
 * - never a 5xx;
 * - every answer is the one the OpenAPI description documents (status, body, headers);
 * - every refusal is problem+json, and a refused field is named by a JSON pointer;
 * - a refused request writes nothing to the table but an idempotency claim it releases;
 *   no request scans the table;
 * - an accepted request reads back as sent (strings NFC and trimmed, the README's rule);
 * - a forged role claim gets exactly what a caller with no roles gets.
 *
 * `HARNESS_SEED` fixes the seed (CI runs the default); `HARNESS_SCALE=10` runs ten times
 * as many requests. On failure fast-check prints the seed and the shrunk counterexample.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFunctions, httpRoutes, routeKeyOf, type HttpFunctionName } from '../../../functions/catalog.js';
import { routeDefinitions } from '../../../functions/http/api-description.js';
import { useMessagingInThisProcess } from '../../../functions/messaging.js';
import { httpEvent, invokeEvent, type HttpHandler, type JsonResponse } from '../../support/events.js';
import { applyMutation, mutations, type Variant } from './hostile.js';
import { namesPlace } from './json-paths.js';
import { asStored, routeFixtures, World, type PreparedRequest, type RouteFixture } from './route-fixtures.js';
import { isIdempotencyWrite, watchWrites } from './writes.js';

const seed = Number(process.env['HARNESS_SEED'] ?? 20261201);
const scale = Number(process.env['HARNESS_SCALE'] ?? 1);
const validRuns = (writes: boolean) => Math.round((writes ? 24 : 8) * scale);
const hostileRuns = Math.round(320 * scale);

const figures = { requests: 0, accepted: 0, refused: 0, serverErrors: 0, strayWrites: 0, scans: 0 };
const acceptedByRoute = new Map<string, number>();

const handlers = new Map<HttpFunctionName, HttpHandler>();
async function handlerOf(name: HttpFunctionName): Promise<HttpHandler> {
  let found = handlers.get(name);
  if (found === undefined) {
    // The entry file the catalog names, as Lambda loads it.
    found = ((await import(/* @vite-ignore */ `../../../${httpFunctions[name].entry}`)) as { handler: HttpHandler }).handler;
    handlers.set(name, found);
  }
  return found;
}
const functionOf = new Map(httpRoutes.map((route) => [routeKeyOf(route), route.function as HttpFunctionName]));

async function send(routeKey: string, request: PreparedRequest, variant?: Pick<Variant, 'rawBody' | 'claims'>): Promise<JsonResponse> {
  const event = httpEvent({ routeKey, ...request });
  if (variant?.rawBody !== undefined) event.body = variant.rawBody;
  if (variant?.claims !== undefined) event.requestContext.authorizer.jwt.claims = variant.claims as Record<string, string>;
  return invokeEvent(await handlerOf(functionOf.get(routeKey)!), event);
}

const world = new World();
const watch = watchWrites();
let fixtures: Record<string, RouteFixture> = {};

/** The checks every answer passes; returns whether it was accepted. */
function checkAnswer(routeKey: string, response: JsonResponse): boolean {
  figures.requests += 1;
  figures.scans += watch.scans();
  expect(watch.scans(), 'a request scanned the table').toBe(0);
  if (response.status >= 500) figures.serverErrors += 1;
  expect(response.status, `${routeKey} answered ${response.status}: ${JSON.stringify(response.body)}`).toBeLessThan(500);
  if (response.status < 300) {
    figures.accepted += 1;
    acceptedByRoute.set(routeKey, (acceptedByRoute.get(routeKey) ?? 0) + 1);
    return true;
  }
  figures.refused += 1;
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(response.body).toMatchObject({ status: response.status, type: expect.stringMatching(/^urn:xuewu:problem:/) });
  if (response.status === 400 || response.status === 422) {
    expect(response.body.errors?.length, `${response.status} names no field`).toBeGreaterThan(0);
    for (const error of response.body.errors) expect(error.pointer).toMatch(/^#\//);
  }
  const stray = watch.writes().filter((write) => !isIdempotencyWrite(write));
  figures.strayWrites += stray.length;
  expect(stray, `${routeKey} refused with ${response.status} but wrote`).toEqual([]);
  return false;
}

async function checkReadBack(fixture: RouteFixture, request: PreparedRequest, response: JsonResponse): Promise<void> {
  if (fixture.readBack === undefined) return;
  const { sent, stored } = await fixture.readBack(request, response);
  expect(stored).toMatchObject(asStored(sent) as object);
}

describe('hostile-input harness: every route of the catalog', () => {
  beforeAll(async () => {
    // Runs started here are only queued: what a run does is the compliance-runs tests' subject.
    useMessagingInThisProcess({ queues: { send: async () => {} }, events: { publish: async () => {} } });
    await world.setUp(send);
    fixtures = routeFixtures(world, send);
  });

  afterAll(() => {
    watch.stop();
    useMessagingInThisProcess(undefined);
    const writing = httpRoutes.filter((route) => route.method !== 'GET').map(routeKeyOf);
    const leastAccepted = Math.min(...writing.map((routeKey) => acceptedByRoute.get(routeKey) ?? 0));
    console.log(
      `hostile-input harness (seed ${seed}, scale ${scale}): ${figures.requests} requests over ${httpRoutes.length} routes, ` +
        `${figures.accepted} accepted (at least ${leastAccepted} on each of ${writing.length} writing routes), ${figures.refused} refused, ` +
        `5xx = ${figures.serverErrors}, stray writes = ${figures.strayWrites}, scans = ${figures.scans}`,
    );
  });

  it('has fixtures for exactly the routes of the catalog (a new route without them fails here, named)', () => {
    const catalog = httpRoutes.map(routeKeyOf).sort();
    expect(catalog.filter((routeKey) => fixtures[routeKey] === undefined), 'routes without fixtures in test/integration/harness/route-fixtures.ts').toEqual([]);
    expect(Object.keys(fixtures).filter((routeKey) => !catalog.includes(routeKey)), 'fixtures of routes the catalog no longer has').toEqual([]);
  });

  for (const spec of httpRoutes) {
    const routeKey = routeKeyOf(spec);
    const writes = spec.method !== 'GET';
    it(routeKey, async () => {
      const fixture = fixtures[routeKey];
      if (fixture === undefined) throw new Error(`${routeKey} has no fixtures: add valid requests for it to test/integration/harness/route-fixtures.ts`);
      const schemas = routeDefinitions[routeKey]!.schemas;

      await fc.assert(
        fc.asyncProperty(fixture.spec, async (description) => {
          const request = await fixture.build(description);
          watch.reset();
          const response = await send(routeKey, request);
          expect(checkAnswer(routeKey, response), `a valid request was refused: ${JSON.stringify(response.body)}`).toBe(true);
          await checkReadBack(fixture, request, response);
        }),
        { seed, numRuns: validRuns(writes) },
      );

      const isListing = Boolean((schemas.query as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape && 'cursor' in (schemas.query as any)._zod.def.shape);
      await fc.assert(
        fc.asyncProperty(fixture.spec, mutations(schemas.body !== undefined, isListing, [world.foreignCursor]), fc.boolean(), async (description, mutation, withKey) => {
          const valid = await fixture.build(description);
          const variant = applyMutation(mutation, valid, schemas, spec.method);
          // The no-roles caller a forged claim is judged against gets a request built afresh
          // (its own fresh record to withdraw, say), so neither answer decides the other's.
          const twin = variant?.sameAsNoRoles ? await fixture.build(description) : undefined;
          if (variant === undefined) return; // nothing of that kind in this request (no number to bend)
          const request = withKey && spec.method === 'POST' && variant.request.headers?.['idempotency-key'] === undefined ? { ...variant.request, headers: { ...variant.request.headers, 'idempotency-key': crypto.randomUUID() } } : variant.request;
          watch.reset();
          const response = await send(routeKey, request, variant);
          const accepted = checkAnswer(routeKey, response);
          if (twin !== undefined) {
            const { userId, tenantId, unitId } = twin.principal;
            watch.reset();
            const baseline = await send(routeKey, twin, { claims: { sub: userId, 'custom:tenantId': tenantId, ...(unitId ? { 'custom:unitId': unitId } : {}), 'cognito:groups': '[]' } });
            checkAnswer(routeKey, baseline);
            expect(response.status, 'a forged role claim got more than no roles').toBe(baseline.status);
          }
          if (variant.expect.refused) {
            const statuses = variant.expect.statuses ?? [400, 413, 415, 422];
            expect(statuses, `expected a refusal, got ${response.status} ${JSON.stringify(response.body)}`).toContain(response.status);
            const pointer = variant.expect.pointer;
            if (pointer !== undefined && (response.status === 400 || response.status === 422)) {
              const named = (response.body.errors as { pointer: string }[]).map((error) => error.pointer);
              expect(named.some((candidate) => namesPlace(candidate, pointer)), `the problem names ${named.join(', ')}, not ${pointer}`).toBe(true);
            }
          } else if (accepted) {
            await checkReadBack(fixture, request, response);
          }
        }),
        { seed, numRuns: hostileRuns },
      );
    }, 180_000);
  }

  it('sent at least 10,000 requests, and at least 20 accepted ones to each route that writes', () => {
    expect(figures.requests).toBeGreaterThanOrEqual(10_000 * Math.min(scale, 1));
    for (const route of httpRoutes.filter((candidate) => candidate.method !== 'GET')) {
      // 20 of the 24 valid requests a writing route gets at scale 1; a smaller scale asks for as many fewer.
      expect(acceptedByRoute.get(routeKeyOf(route)) ?? 0, routeKeyOf(route)).toBeGreaterThanOrEqual(Math.round(20 * Math.min(scale, 1)));
    }
  });
});
