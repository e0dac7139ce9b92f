/**
 * The content check of the four image purposes: the image checks of domain/uploads/images
 * (magic bytes, size, dimensions per purpose, EXIF orientation, truncation, pixel floods),
 * read by range from the uploaded object. The upload path names evidence `change-evidence`;
 * the image rules call it `information-change-evidence`.
 */
import { checkImage, type ImagePurpose } from '../../../domain/uploads/images/index.js';
import type { UploadPurpose } from '../../../domain/uploads/purposes.js';
import type { ContentCheck } from '../content-checks.js';

const imagePurposeOf: Readonly<Partial<Record<UploadPurpose, ImagePurpose>>> = {
  'withdrawal-form': 'withdrawal-form',
  'change-evidence': 'information-change-evidence',
  'graduation-photo': 'graduation-photo',
  'new-student-photo': 'new-student-photo',
};

export const imageContentCheck: ContentCheck = async (source, context) => {
  const purpose = imagePurposeOf[context.purpose];
  if (purpose === undefined) throw new Error(`no image rules for the purpose ${context.purpose}`);
  const { problems } = await checkImage(source, { purpose, fileName: context.fileName });
  return { problems };
};
