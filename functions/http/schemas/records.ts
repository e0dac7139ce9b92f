import * as z from 'zod/mini';
import { recordKinds, submittableKinds } from '../../../domain/records/kinds.js';
import { identifier, pageQuery } from './common.js';

const reason = z.string().check(z.trim(), z.minLength(1), z.maxLength(1000));

type RecordShape<Extra extends z.core.$ZodLooseShape> = z.ZodMiniObject<
  { kind: z.ZodMiniLiteral<string>; classId: z.ZodMiniOptional<typeof identifier>; content: z.ZodMiniType<Record<string, unknown>> } & Extra
>;

/** One shape per kind, told apart by `kind`, so issues point into that kind's content. */
function recordUnion<Extra extends z.core.$ZodLooseShape>(extra: Extra) {
  return z.discriminatedUnion(
    'kind',
    submittableKinds.map((kind) =>
      z.object({ kind: z.literal(kind), classId: z.optional(identifier), content: recordKinds[kind].content as z.ZodMiniType<Record<string, unknown>>, ...extra }),
    ) as unknown as [RecordShape<Extra>],
  );
}

export const createRecordBody = recordUnion({});

/** History from another system: each record with its author and original submission time. */
export const importRecordsBody = z.object({
  records: z
    .array(recordUnion({ authorId: z.string().check(z.minLength(1), z.maxLength(128)), submittedAt: z.iso.datetime({ offset: true }) }))
    .check(z.minLength(1), z.maxLength(500)),
});

/** The content is checked against the record's own kind once the record is loaded. */
export const correctionBody = z.object({ content: z.record(z.string(), z.unknown()), reason });
export const withdrawalBody = z.object({ reason });

export const recordPath = z.object({ tenantId: identifier, recordId: z.uuid() });

export const recordQuery = z.extend(pageQuery, {
  classId: z.optional(identifier),
  authorId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  kind: z.optional(z.enum(submittableKinds as [string, ...string[]])),
  from: z.optional(z.iso.date()),
  to: z.optional(z.iso.date()),
});
