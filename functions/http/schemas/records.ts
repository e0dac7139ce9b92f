import * as z from 'zod/mini';
import { submittableKinds } from '../../../domain/records/kinds.js';
import { identifier, pageQuery } from './common.js';

const reason = z.string().check(z.trim(), z.minLength(1), z.maxLength(1000));
const kind = z.enum(submittableKinds as [string, ...string[]]);
/** Checked against its kind's own schema in the same pass, as a body part (see records.ts). */
const content = z.record(z.string(), z.unknown());

/**
 * A submission: the kind, the class it belongs to, and the kind's content. The content's
 * schema is chosen by the kind the body names, so a function builds only the schemas of
 * the kinds it actually receives (the OpenAPI document shows one shape per kind).
 */
export const createRecordBody = z.object({ kind, classId: z.optional(identifier), content });

export const importRecordRow = {
  authorId: z.string().check(z.minLength(1), z.maxLength(128)),
  submittedAt: z.iso.datetime({ offset: true }),
};

/** History from another system: each record with its author and original submission time. */
export const importRecordsBody = z.object({
  /** The client's name for this batch; sending the same batch again completes it, never duplicates it. */
  importKey: identifier,
  records: z.array(z.object({ kind, classId: z.optional(identifier), content, ...importRecordRow })).check(z.minLength(1), z.maxLength(500)),
});

/** The content is checked against the record's own kind once the record is loaded. */
export const correctionBody = z.object({ content, reason });
export const withdrawalBody = z.object({ reason });

export const recordPath = z.object({ tenantId: identifier, recordId: z.uuid() });

export const recordQuery = z.extend(pageQuery, {
  classId: z.optional(identifier),
  authorId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  kind: z.optional(kind),
  from: z.optional(z.iso.date()),
  to: z.optional(z.iso.date()),
});
