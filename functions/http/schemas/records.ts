import * as z from 'zod/mini';
import { submittableKinds } from '../../../domain/records/kinds.js';
import { identifier, instant, localDate, pageQuery, reason, staffId } from './common.js';

const kind = z.enum(submittableKinds as [string, ...string[]]);
/** Checked against its kind's own (strict) schema in the same pass, as a body part (see records.ts). */
const content = z.record(z.string(), z.unknown());

/**
 * A submission: the kind, the class it belongs to, and the kind's content. The content's
 * schema is chosen by the kind the body names, so a function builds only the schemas of
 * the kinds it actually receives (the OpenAPI document shows one shape per kind).
 */
export const createRecordBody = z.strictObject({ kind, classId: z.optional(identifier), content });

export const importRecordRow = {
  authorId: staffId,
  submittedAt: instant,
};

/** At most 500 rows an import: each is checked before any is written. */
export const maxImportRows = 500;
/** An import's body may reach 5 MiB (other bodies 1 MiB), below Lambda's 6 MB request payload. */
export const maxImportBodyBytes = 5 * 1024 * 1024;

/** History from another system: each record with its author and original submission time. */
export const importRecordsBody = z.strictObject({
  /** The client's name for this batch; sending the same batch again completes it, never duplicates it. */
  importKey: identifier,
  records: z.array(z.strictObject({ kind, classId: z.optional(identifier), content, ...importRecordRow })).check(z.minLength(1), z.maxLength(maxImportRows)),
});

/** The content is checked against the record's own kind once the record is loaded. */
export const correctionBody = z.strictObject({ content, reason });
export const withdrawalBody = z.strictObject({ reason });
/** Approval and publication say nothing but "yes": no body, or an empty JSON object. */
export const emptyBody = z.optional(z.strictObject({}));

export const recordPath = z.object({ tenantId: identifier, recordId: z.uuid() });

export const recordQuery = z.extend(pageQuery, {
  classId: z.optional(identifier),
  authorId: z.optional(staffId),
  kind: z.optional(kind),
  from: z.optional(localDate),
  to: z.optional(localDate),
});
