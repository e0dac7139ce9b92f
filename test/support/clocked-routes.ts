/**
 * Routes as deployed, each request answered with the clock stopped: `at(instant)`, or
 * `on(day)` at 10:00 in Beijing (02:00 UTC), through the local queues when given.
 */
import { configFromEnv, createDependencies, type Capabilities, type Dependencies } from '../../functions/composition.js';
import { httpFunction, type Route } from '../../functions/http/kit/http-function.js';
import { invoke, type EventInput } from './events.js';

export function clockedRoutes(routes: Readonly<Record<string, Route<Dependencies, any>>>, capabilities: Capabilities = {}) {
  const at = (instant: Date) => {
    const handler = httpFunction(routes, () => createDependencies(configFromEnv(), { now: () => instant }, capabilities));
    return (routeKey: string, input: Omit<EventInput, 'routeKey'>) => invoke(handler, { routeKey, ...input });
  };
  return { at, on: (day: string) => at(new Date(`${day}T02:00:00Z`)) };
}
