/**
 * The image check the upload validator calls for the four image purposes: inspect the
 * header by range (`inspect.ts`), then judge it by the purpose's rules (`rules.ts`).
 */
import type { ByteSource, UploadProblem } from '../ports.js';
import { inspectImage, type ImageFacts } from './inspect.js';
import { judgeImage, type ImagePurpose } from './rules.js';

export { inspectImage, type ImageFacts, type ImageInspection } from './inspect.js';
export { imageLimits, imagePurposeRules, imagePurposes, judgeImage, type ImagePurpose } from './rules.js';
export { readBudget } from './budgeted-reader.js';

export interface ImageCheckContext {
  readonly purpose: ImagePurpose;
  /** The file's name as uploaded (decoded from the key), for the extension-versus-content check. */
  readonly fileName?: string;
}

export interface ImageCheck {
  /** Empty when the image is accepted. */
  readonly problems: UploadProblem[];
  /**
   * What the header says, when it could be read. Do not allocate by `width × height` unless
   * the problems hold no `IMAGE-PIXEL-FLOOD`.
   */
  readonly facts?: ImageFacts;
  /** Bytes and ranged reads spent on the object (at most `readBudget` bytes). */
  readonly bytesRead: number;
  readonly reads: number;
}

/**
 * Every problem of the image for its purpose. A failing read (storage unreachable) is not a
 * problem of the image: it rejects, so the validator's retries and dead-letter queue apply.
 */
export async function checkImage(source: ByteSource, { purpose, fileName }: ImageCheckContext): Promise<ImageCheck> {
  const inspection = await inspectImage(source);
  const problems = judgeImage(inspection, { purpose, size: source.size, ...(fileName === undefined ? {} : { fileName }) });
  const { facts, bytesRead, reads } = inspection;
  return facts ? { problems, facts, bytesRead, reads } : { problems, bytesRead, reads };
}
