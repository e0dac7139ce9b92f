/**
 * A finished run asks for the term-end report when the tenant's 督学统计表 deadline has
 * passed (CT-SUPERVISION-SHEET daysAfterEnd), read from the stored configuration: the
 * report and the rule's deadline are one setting.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, createDependencies } from '../../functions/composition.js';
import { handler as configurationHandler } from '../../functions/http/configuration.js';
import { handler as rosterHandler } from '../../functions/http/roster.js';
import { termReportsDue } from '../../functions/jobs/term-report-trigger.js';
import { invoke, uniqueTenant } from '../support/events.js';
import { principals } from '../support/fixtures.js';

const tenantId = uniqueTenant('report-due');
const admin = principals(tenantId, 'u1').admin;
const dependencies = createDependencies(configFromEnv());

beforeAll(async () => {
  expect((await invoke(rosterHandler, { routeKey: 'PUT /tenants/{tenantId}', pathParameters: { tenantId }, principal: admin, body: { name: '弘成教育', kind: 'headquarters' } })).status).toBe(201);
  const configuration = {
    academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }],
    terms: [{ id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' }],
    overrides: [{ ruleId: 'CT-SUPERVISION-SHEET', param: 'daysAfterEnd', value: 10, effectiveFrom: '2025-08-01' }],
  };
  const put = await invoke(configurationHandler, { routeKey: 'PUT /tenants/{tenantId}/configuration', pathParameters: { tenantId }, principal: admin, body: configuration });
  expect(put.status, JSON.stringify(put.body)).toBe(201);
});

describe('the term-end report of a tenant that gives the 督学统计表 ten days', () => {
  it('is not asked for one week after term end, and is at the end of the tenth day', async () => {
    // Term ends Friday 16 January; the seed's week would be due at 24 January 00:00 +08:00 (23 January 16:00 Z).
    expect(await termReportsDue(dependencies, tenantId, ['2025-autumn'], '2026-01-23T16:00:00.000Z')).toEqual([]);
    // Ten days: Monday 26 January, ending at 27 January 00:00 +08:00 = 26 January 16:00 Z; a millisecond before, not yet.
    expect(await termReportsDue(dependencies, tenantId, ['2025-autumn'], '2026-01-26T15:59:59.999Z')).toEqual([]);
    expect(await termReportsDue(dependencies, tenantId, ['2025-autumn'], '2026-01-26T16:00:00.000Z')).toEqual([{ tenantId, termId: '2025-autumn', asOf: '2026-01-26T16:00:00.000Z' }]);
  });
});
