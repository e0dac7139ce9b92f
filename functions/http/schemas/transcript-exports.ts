/** The transcript-export routes' paths and answers, as zod schemas for the handlers, the OpenAPI document and the tests. */
import * as z from 'zod/mini';
import { identifier, studentNumber } from './common.js';

export const exportsPath = z.object({ tenantId: identifier, studentNumber });
export const exportPath = z.object({ tenantId: identifier, studentNumber, exportId: z.uuid() });

const states = ['pending', 'ready', 'expired'] as const;

/**
 * An export as its requester sees it; `download` once it is ready, a URL valid for five
 * minutes, until `downloadableUntil` (six days after it was ready); `expired` after that.
 */
export const transcriptExport = z.strictObject({
  exportId: z.uuid(),
  studentNumber: z.string(),
  status: z.enum(states),
  requestedAt: z.iso.datetime(),
  readyAt: z.optional(z.iso.datetime()),
  downloadableUntil: z.optional(z.iso.datetime()),
  maskedFields: z.array(z.literal('grades')),
  download: z.optional(z.strictObject({ url: z.url(), expiresAt: z.iso.datetime(), fileName: z.string(), contentType: z.string() })),
});
