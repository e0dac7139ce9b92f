/**
 * Where the term-end report's files live in the reports bucket, and its id: all derived
 * from the tenant, term, findings revision and scope, so a re-run for the same findings
 * revision names the same objects and the same record.
 */
import { createHash } from 'node:crypto';
import { scopeTag, type ReportScope } from '../../domain/reports/index.js';

/** The prefix the report function writes under and the reports API reads under (their catalog rows grant it). */
export const TERM_REPORTS_PREFIX = 'term-reports/';

/** `2026-01-24T16:00:00.000Z` → `20260124T160000Z`. */
export const revisionStamp = (asOf: string): string => new Date(asOf).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

export function reportId(tenantId: string, termId: string, asOf: string, scope: ReportScope): string {
  return createHash('sha256').update(JSON.stringify([tenantId, termId, revisionStamp(asOf), scopeTag(scope)])).digest('hex').slice(0, 32);
}

/** `term-reports/{tenant}/{term}/{revision}/{scope}.xlsx`, `…-en.xlsx` and `….json`. */
export function reportObjectKeys(tenantId: string, termId: string, asOf: string, scope: ReportScope) {
  const base = `${TERM_REPORTS_PREFIX}${tenantId}/${termId}/${revisionStamp(asOf)}/${scopeTag(scope)}`;
  return { xlsx: { zh: `${base}.xlsx`, en: `${base}-en.xlsx` }, json: `${base}.json` } as const;
}
