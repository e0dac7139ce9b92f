/**
 * When a finished run asks for the term-end report: for each of its terms whose report fell
 * due (one week after term end, or as the tenant set CT-SUPERVISION-SHEET's daysAfterEnd) by the run's "as of". Kept apart from the report job, so
 * the run steps (which the findings HTTP function reaches) never pull exceljs in.
 */
import { termReportDue } from '../../domain/reports/issue.js';
import type { Dependencies } from '../composition.js';

export interface TermReportMessage {
  readonly tenantId: string;
  readonly termId: string;
  /** The run's "as of": findings revisions published up to it are read. */
  readonly asOf: string;
  /** The configuration revision the run evaluated with: the report's terms and due date are read from it. */
  readonly configurationRevision?: number;
}

/** The configuration revision given (a run's), else the one in force. */
export async function configurationAt(dependencies: Dependencies, tenantId: string, revision: number | undefined) {
  return revision === undefined ? dependencies.configuration.get(tenantId) : dependencies.configuration.getRevision(tenantId, revision);
}

export async function termReportsDue(dependencies: Dependencies, tenantId: string, terms: readonly string[], asOf: string, configurationRevision?: number): Promise<TermReportMessage[]> {
  if (terms.length === 0) return [];
  const stored = await configurationAt(dependencies, tenantId, configurationRevision);
  return (stored?.configuration.terms ?? [])
    .filter((term) => terms.includes(term.id) && termReportDue(term, stored?.configuration.overrides, new Date(asOf)))
    .map((term) => ({ tenantId, termId: term.id, asOf, ...(configurationRevision !== undefined ? { configurationRevision } : {}) }));
}
