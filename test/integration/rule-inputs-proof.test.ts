/**
 * Every rule of the compliance engine, with the way each of its inputs gets in through the
 * API (a route, or a record kind submitted with POST /records) and the statuses it can take.
 * The behaviour behind each feed is shown with figures worked out by hand in
 * rule-inputs.test.ts and the older integration tests; this walk fails when a rule is added
 * without a way in, or names a route or kind that does not exist.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../domain/compliance/index.js';
import { submittableKinds } from '../../domain/records/kinds.js';
import { httpRoutes, routeKeyOf } from '../../functions/catalog.js';
import { classSetUp, feeds } from '../support/rule-feeds.js';

describe('every rule has a way in for every input', () => {
  const routes = new Set(httpRoutes.map(routeKeyOf));
  const kinds = new Set<string>(submittableKinds);

  it('lists every rule of the engine, and no other', () => {
    expect(Object.keys(feeds).sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  it.each(Object.entries(feeds))('%s: every route and record kind it names exists', (_, feed) => {
    for (const input of [...classSetUp, ...feed.inputs]) {
      if (input.startsWith('record:')) expect(kinds, input).toContain(input.slice('record:'.length));
      else expect(routes, input).toContain(input);
    }
  });
});
