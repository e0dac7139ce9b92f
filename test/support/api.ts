/** Every HTTP route as deployed, invoked in-process with the clock stopped at an instant, as a client would call it. */
import { expect } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { configFromEnv, createDependencies, type Dependencies } from '../../functions/composition.js';
import { academicRoutes } from '../../functions/http/academics.js';
import { classFactRoutes } from '../../functions/http/class-facts.js';
import { configurationRoutes } from '../../functions/http/configuration.js';
import { findingRoutes } from '../../functions/http/findings.js';
import { httpFunction, type Route } from '../../functions/http/kit/http-function.js';
import { recordRoutes } from '../../functions/http/records.js';
import { rosterRoutes } from '../../functions/http/roster.js';
import { standingRoutes } from '../../functions/http/standing.js';
import { statusRoutes } from '../../functions/http/student-status.js';
import { uploadRoutes } from '../../functions/http/uploads.js';
import { invoke, type JsonResponse } from './events.js';

const allRoutes: Readonly<Record<string, Route<Dependencies, any>>> = { ...rosterRoutes, ...recordRoutes, ...configurationRoutes, ...standingRoutes, ...statusRoutes, ...classFactRoutes, ...findingRoutes, ...academicRoutes, ...uploadRoutes };

export interface Call {
  readonly pathParameters: Record<string, string>;
  readonly principal: Principal;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
}

export type Api = (routeKey: string, call: Call) => Promise<JsonResponse>;

/** The API at `now`; `dependencies` replaces the default ones (a run world's queues). */
export function apiAt(now: Date, dependencies?: Dependencies): Api {
  const handler = httpFunction(allRoutes, () => dependencies ?? createDependencies(configFromEnv(), { now: () => now }));
  return (routeKey, call) => invoke(handler, { routeKey, ...call });
}

/** A call that must succeed with `status`; the body is shown when it does not. */
export async function expectStatus(answer: Promise<JsonResponse>, status: number): Promise<JsonResponse> {
  const settled = await answer;
  expect(settled.status, JSON.stringify(settled.body)).toBe(status);
  return settled;
}
