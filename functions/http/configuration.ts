/**
 * A tenant's configuration: terms, academic years, holiday calendar, thresholds.
 * Changes are conditional on the revision the client read (ETag / If-Match), and every
 * revision is kept.
 */
import { canConfigureTenant } from '../../domain/access.js';
import { checkConfiguration } from '../../domain/configuration.js';
import type { StoredConfiguration } from '../../domain/ports.js';
import { fromEnvironment, type Dependencies } from '../composition.js';
import { etagOf, putVersioned, versionFromIfMatch } from './kit/preconditions.js';
import { requireAllowed } from './kit/guards.js';
import { httpFunction, route } from './kit/http-function.js';
import { violationProblems } from './kit/request.js';
import { NotFoundError, UnprocessableError } from './kit/problem.js';
import { bilingual } from '../../domain/bilingual.js';
import { tenantPath } from './schemas/common.js';
import { configurationBody } from './schemas/configuration.js';

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
      if (stored === undefined) throw new NotFoundError(bilingual('This tenant has no configuration yet.', '本机构尚未配置。'));
      return { status: 200, headers: { etag: etagOf(stored.revision) }, body: representation(stored) };
    },
  }),

  'PUT /tenants/{tenantId}/configuration': route({
    schemas: { params: tenantPath, body: configurationBody },
    handle: async ({ params, body, principal, headers }, { configuration, clock }: Dependencies) => {
      requireAllowed(canConfigureTenant(principal));
      const violations = checkConfiguration(body);
      if (violations.length > 0) throw new UnprocessableError(violationProblems(violations));

      const expectedRevision = versionFromIfMatch(headers['if-match']);
      const stored: StoredConfiguration = {
        configuration: body,
        revision: (expectedRevision ?? 0) + 1,
        updatedAt: clock.now().toISOString(),
        updatedBy: principal.userId,
      };
      return putVersioned(expectedRevision, stored.revision, 'configuration', () => configuration.save(params.tenantId, stored, expectedRevision), representation(stored));
    },
  }),
};

export const handler = httpFunction(configurationRoutes, fromEnvironment());
