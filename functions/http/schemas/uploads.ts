/** Requests of the upload routes. */
import * as z from 'zod/mini';
import { imageTypes, uploadPurposes, xlsxType } from '../../../domain/uploads/purposes.js';
import { batchKinds, maxBatchStudents } from '../../../domain/uploads/batches.js';
import { studentList } from '../../../domain/records/fields.js';
import { identifier, pageQuery, termId } from './common.js';

/**
 * Names are bounded here only loosely (2,048 characters): what a name may hold, and that
 * it fits a 1,024-byte key, is the purpose's naming rule (domain/uploads/naming.ts), whose
 * 422 says which rule it broke.
 */
const name = z.string().check(z.minLength(1), z.maxLength(2048));

export const uploadRequestBody = z.strictObject({
  purpose: z.enum(uploadPurposes),
  /** The class uploaded for; or `unitId` alone, for a registry table (免考信息表, 学生基本信息修改情况统计表) of the whole unit: exactly one of the two. */
  classId: z.optional(identifier),
  unitId: z.optional(identifier),
  termId: z.optional(termId),
  fileName: name,
  folder: z.optional(name),
  /** Bytes; at most 1 GiB here, the purpose's own limit by rule (422). */
  size: z.int().check(z.minimum(1), z.maximum(1024 ** 3)),
  contentType: z.enum([...imageTypes, xlsxType]),
  /** The batch the file belongs to (declared first). */
  batchId: z.optional(z.uuid()),
});

export const batchBody = z.strictObject({
  kind: z.enum(batchKinds),
  /** The class the batch is for; or `unitId`, for an information-change batch of the whole unit: exactly one of the two. */
  classId: z.optional(identifier),
  unitId: z.optional(identifier),
  /** The students the batch's list covers: one row each. */
  studentNumbers: studentList(1, maxBatchStudents),
});
export const batchPath = z.object({ tenantId: identifier, batchId: z.uuid() });

export const uploadPath = z.object({ tenantId: identifier, uploadId: z.uuid() });
export const classUploadsQuery = pageQuery;
export const downloadQuery = z.strictObject({ copy: z._default(z.enum(['verdict', 'annotated']), 'verdict') });
