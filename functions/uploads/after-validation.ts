/**
 * What follows a recorded result: the batch the file belongs to is cross-checked again.
 * Every member is read consistently after this file's result is written, so of two files
 * validated at once the later reader sees both results; the batch is stored over the
 * version read, and a lost race is simply computed again.
 */
import { StaleRevisionError } from '../../domain/errors.js';
import { crossCheck } from '../../domain/uploads/batches.js';
import type { Upload } from '../../domain/uploads/upload.js';
import type { Dependencies } from '../composition.js';

const attempts = 5;

export async function afterValidation(dependencies: Dependencies, upload: Upload): Promise<void> {
  if (upload.batchId === undefined) return;
  for (let attempt = 1; ; attempt++) {
    const batch = await dependencies.uploads.getBatch(upload.tenantId, upload.batchId);
    if (batch === undefined) return;
    const listed = (await dependencies.uploads.allOfClass(upload.tenantId, batch.classId)).filter((u) => u.batchId === batch.batchId);
    const ids = new Set([...listed.map((u) => u.uploadId), upload.uploadId]);
    const members = (await Promise.all([...ids].map((id) => dependencies.uploads.get(upload.tenantId, id)))).filter((u): u is Upload => u !== undefined);
    const checked = crossCheck(batch, members, dependencies.clock.now());
    if (checked === undefined) return;
    try {
      await dependencies.uploads.putBatch({ ...batch, version: batch.version + 1, crossCheck: checked });
      return;
    } catch (error) {
      if (!(error instanceof StaleRevisionError) || attempt >= attempts) throw error;
    }
  }
}
