/**
 * What follows a recorded result: the batch the file belongs to is cross-checked again.
 * Its members are found by the batch (member items in its partition, written with each
 * upload), not by a class: a unit batch's files lie under many classes and its table under
 * the unit. They are read consistently after this file's result is written, so of two
 * files validated at once the later reader sees both results; the batch is stored over
 * the version read, and a lost race is simply computed again.
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
    const members = await dependencies.uploads.membersOfBatch(upload.tenantId, batch.batchId);
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
