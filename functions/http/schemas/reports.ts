/** Requests of the term-end report routes. */
import * as z from 'zod/mini';
import { bilingual } from '../../../domain/bilingual.js';
import { identifier, termId } from './common.js';

export const reportsPath = z.object({ tenantId: identifier, termId });
/** `?unitId=`: one unit's reports only (the tenant-wide report is not a unit's). */
export const reportsQuery = z.strictObject({ unitId: z.optional(identifier) });

/** A report's id as the listing hands it out (32 hex digits, derived from tenant, term, revision and scope). */
export const reportPath = z.object({
  tenantId: identifier,
  termId,
  reportId: z.string().check(z.regex(/^[0-9a-f]{32}$/, bilingual('a report id as the listing handed it out', '报告编号须为列表返回的编号'))),
});

/** Which of the report's three files: the Chinese or English workbook, or the JSON twin. */
export const reportFiles = ['xlsx-zh', 'xlsx-en', 'json'] as const;
export type ReportFile = (typeof reportFiles)[number];
export const downloadQuery = z.strictObject({ file: z.enum(reportFiles) });
