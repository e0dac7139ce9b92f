/**
 * A tenant's configuration: terms, academic years, holiday calendar, thresholds.
 * Changes are conditional on the revision the client read (ETag / If-Match), and every
 * revision is kept.
 */
import { canConfigureTenant } from '../../domain/access.js';
import { checkConfiguration } from '../../domain/configuration.js';
import { AlreadyExistsError } from '../../domain/errors.js';
import type { StoredConfiguration } from '../../domain/ports.js';
import { fromEnvironment, type Dependencies } from '../composition.js';
import { asHttpProblem } from './kit/domain-errors.js';
import { httpFunction, route } from './kit/http-function.js';
import {
  BadRequestError,
  fieldProblem,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  UnprocessableError,
} from './kit/problem.js';
import { tenantPath } from './schemas/common.js';
import { configurationBody } from './schemas/configuration.js';

const etagOf = (revision: number) => `"${revision}"`;

/** `"3"` (or `W/"3"`, or a bare 3) → 3; undefined when absent. */
function revisionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (match === null) {
    throw new BadRequestError([fieldProblem(['headers', 'if-match'], 'invalid_etag', 'If-Match takes the ETag of the configuration, e.g. "3"')]);
  }
  return Number(match[1]);
}

const representation = (stored: StoredConfiguration) => ({
  revision: stored.revision,
  updatedAt: stored.updatedAt,
  updatedBy: stored.updatedBy,
  ...stored.configuration,
});

export const configurationRoutes = {
  'GET /tenants/{tenantId}/configuration': route({
    schemas: { params: tenantPath },
    handle: async ({ params }, { configuration }: Dependencies) => {
      const stored = await configuration.get(params.tenantId);
      if (stored === undefined) throw new NotFoundError('This tenant has no configuration yet.');
      return { status: 200, headers: { etag: etagOf(stored.revision) }, body: representation(stored) };
    },
  }),

  'PUT /tenants/{tenantId}/configuration': route({
    schemas: { params: tenantPath, body: configurationBody },
    handle: async ({ params, body, principal, headers }, { configuration, clock }: Dependencies) => {
      const decision = canConfigureTenant(principal);
      if (!decision.allowed) throw new ForbiddenError(decision.reason);
      const violations = checkConfiguration(body);
      if (violations.length > 0) throw new UnprocessableError(violations.map((v) => fieldProblem(v.path, v.code, v.message)));

      const expectedRevision = revisionFromIfMatch(headers['if-match']);
      const stored: StoredConfiguration = {
        configuration: body,
        revision: (expectedRevision ?? 0) + 1,
        updatedAt: clock.now().toISOString(),
        updatedBy: principal.userId,
      };
      await configuration.save(params.tenantId, stored, expectedRevision).catch((error: unknown) => {
        if (error instanceof AlreadyExistsError) {
          throw new PreconditionRequiredError('The tenant has a configuration: send If-Match with the ETag you read, so no change is overwritten unseen.');
        }
        throw asHttpProblem(error);
      });
      return { status: expectedRevision === undefined ? 201 : 200, headers: { etag: etagOf(stored.revision) }, body: representation(stored) };
    },
  }),
};

export const handler = httpFunction(configurationRoutes, fromEnvironment());
