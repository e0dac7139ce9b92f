/** A term-end report recorded as the report job records one, for tests of who reads it (its files need not exist to sign a URL). */
import type { ReportScope } from '../../domain/reports/index.js';
import { configFromEnv, createDependencies } from '../../functions/composition.js';
import { reportId as reportIdOf, reportObjectKeys } from '../../functions/reports/report-keys.js';

export async function recordReport(tenantId: string, termId: string, scope: ReportScope, asOf = '2026-01-30T16:00:00.000Z'): Promise<string> {
  const reportId = reportIdOf(tenantId, termId, asOf, scope);
  const counts = { met: 1, missed: 1, pending: 0, notApplicable: 0, blocked: 0, total: 2, rate: 0.5 };
  const report = { tenantId, termId, reportId, scope, revision: 1, asOf, issuedAt: asOf, objects: reportObjectKeys(tenantId, termId, asOf, scope), counts };
  await createDependencies(configFromEnv()).reports.record(report);
  return reportId;
}
