/**
 * Term-end reports (seed 000 §2.4): every revision of a term's reports, per tenant and per
 * unit, newest first; and a short-lived presigned download of one of a report's files.
 * Who reads which report is decided in domain/access.ts. This function reads the reports
 * bucket's `term-reports/` prefix and nothing else of it (its catalog row).
 */
import { canReadReport, mayReadReports } from '../../domain/access.js';
import { newestFirst, type IssuedReport } from '../../domain/reports/index.js';
import { fromEnvironment, type Dependencies } from '../composition.js';
import { presignedDownload } from './report-download.js';
import { bucketClient } from '../storage/s3-client.js';
import { requireAllowed } from './kit/guards.js';
import { httpFunction, route } from './kit/http-function.js';
import { notFound } from './kit/names.js';
import { downloadQuery, reportFiles, reportPath, reportsPath, reportsQuery } from './schemas/reports.js';

const listed = ({ reportId, termId, scope, revision, asOf, issuedAt, counts }: IssuedReport) => ({ reportId, termId, scope, revision, asOf, issuedAt, counts, files: [...reportFiles] });

export const reportRoutes = {
  'GET /tenants/{tenantId}/terms/{termId}/reports': route({
    schemas: { params: reportsPath, query: reportsQuery },
    handle: async ({ params, query, principal }, dependencies: Dependencies) => {
      requireAllowed(mayReadReports(principal));
      const reports = await dependencies.reports.ofTerm(params.tenantId, params.termId);
      const items = newestFirst(reports)
        .filter((report) => canReadReport(principal, report.scope).allowed)
        .filter((report) => query.unitId === undefined || (report.scope.kind === 'unit' && report.scope.unitId === query.unitId));
      return { status: 200, body: { termId: params.termId, items: items.map(listed) } };
    },
  }),

  'GET /tenants/{tenantId}/terms/{termId}/reports/{reportId}/download': route({
    schemas: { params: reportPath, query: downloadQuery },
    handle: async ({ params, query, principal }, dependencies: Dependencies) => {
      requireAllowed(mayReadReports(principal));
      // Reports are keyed by tenant: another tenant's id is as absent here as one never issued.
      const report = await dependencies.reports.get(params.tenantId, params.reportId);
      if (report === undefined || report.termId !== params.termId) throw notFound('report', params.reportId);
      requireAllowed(canReadReport(principal, report.scope));
      const download = await presignedDownload(bucketClient('reports'), report, query.file);
      return { status: 200, body: { reportId: report.reportId, file: query.file, ...download } };
    },
  }),
};

export const handler = httpFunction(reportRoutes, fromEnvironment());
