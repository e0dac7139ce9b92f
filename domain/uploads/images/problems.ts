/**
 * Every problem an image can have, each under its own rule code and with its reason in
 * English and Chinese. Messages name what to fix; they never repeat the file's name
 * (it carries a student's number and name).
 */
import { bilingual } from '../../bilingual.js';
import type { UploadProblem } from '../ports.js';
import type { ImageFormat, OtherContent } from './signatures.js';

const formatName: Record<ImageFormat, { en: string; zh: string }> = {
  jpeg: { en: 'a JPEG image', zh: 'JPEG 图片' },
  png: { en: 'a PNG image', zh: 'PNG 图片' },
};

/** A space before a Latin word after Chinese text ("内容是 PDF 文档"), none before Chinese. */
const spaced = (zh: string): string => (/^[\x20-\x7e]/u.test(zh) ? ` ${zh}` : zh);

const problem = (rule: string, en: string, zh: string): UploadProblem => ({ rule, message: bilingual(en, zh) });

const megabytes = (bytes: number): string => String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/gu, ',');

export const imageProblems = {
  empty: () => problem('IMAGE-EMPTY', 'The file is empty (0 bytes).', '文件为空（0 字节）。'),

  /** The content is something else than an image, or the other of JPEG and PNG than the name says. */
  disguised: (content: OtherContent | ImageFormat, claimed?: ImageFormat) => {
    const is = typeof content === 'string' ? formatName[content] : content;
    if (claimed && typeof content === 'string') {
      const extension = claimed === 'jpeg' ? '.jpg' : '.png';
      return problem(
        'IMAGE-DISGUISED',
        `The file is named ${extension} but its content is ${is.en}: save it as ${extension} or name it after what it is.`,
        `文件名为 ${extension}，但内容是${spaced(is.zh)}：请另存为 ${extension} 格式，或按实际格式命名。`,
      );
    }
    return problem(
      'IMAGE-DISGUISED',
      `The file's content is ${is.en}, not a JPEG or PNG image.`,
      `文件内容是${spaced(is.zh)}，不是 JPG 或 PNG 图片。`,
    );
  },

  unrecognised: () =>
    problem(
      'IMAGE-UNRECOGNISED',
      'The file does not begin as a JPEG or PNG image does: upload a JPG or PNG scan.',
      '文件开头不是 JPG 或 PNG 图片的格式：请上传 JPG 或 PNG 格式的扫描件。',
    ),

  corrupt: (whereEn: string, whereZh: string) =>
    problem('IMAGE-CORRUPT', `The image is damaged: ${whereEn}. Scan or export it again.`, `图片已损坏：${whereZh}。请重新扫描或导出。`),

  truncated: () =>
    problem(
      'IMAGE-TRUNCATED',
      'The image is incomplete: its end marker is missing, so the upload or the copy was cut short (or data was appended after the image). Upload the whole file again.',
      '图片不完整：缺少结束标记，文件在上传或复制时被截断（或图片后附加了其他数据）。请重新上传完整文件。',
    ),

  headerTooLong: (budget: number) =>
    problem(
      'IMAGE-HEADER-TOO-LONG',
      `The image's embedded metadata (EXIF, colour profiles) is so long that its size was not found within ${budget / 1024} KiB of reading: save it again without the extra metadata.`,
      `读取 ${budget / 1024} KiB 后仍未越过图片内嵌的元数据找到尺寸信息：请去除多余的元数据（EXIF、颜色配置文件）后重新保存。`,
    ),

  tooLarge: (size: number, limit: number) =>
    problem(
      'IMAGE-TOO-LARGE',
      `The file is ${megabytes(size)} MB (${grouped(size)} bytes); at most ${megabytes(limit)} MB (${grouped(limit)} bytes) is accepted.`,
      `文件大小为 ${megabytes(size)} MB（${grouped(size)} 字节），超过 ${megabytes(limit)} MB（${grouped(limit)} 字节）的上限。`,
    ),

  pixelFlood: (width: number, height: number, limit: number) =>
    problem(
      'IMAGE-PIXEL-FLOOD',
      `The image declares ${width} × ${height} pixels, more than the ${limit / 1_000_000} million any scan or photo needs; it is refused unopened.`,
      `图片声明的尺寸为 ${width} × ${height} 像素，超过任何扫描件或照片所需的 ${limit / 100_000_000} 亿像素，不予打开。`,
    ),

  tooSmall: (width: number, height: number, min: number) =>
    problem(
      'IMAGE-TOO-SMALL',
      `The image is ${width} × ${height} pixels; at least ${min} × ${min} is required.`,
      `图片为 ${width} × ${height} 像素，分辨率须在 ${min} × ${min} 以上。`,
    ),

  rotated: (orientation: number) =>
    problem(
      'IMAGE-ROTATED',
      `The image is stored turned or mirrored (EXIF orientation ${orientation}): rotate it upright (a form with its heading at the top) and save it again.`,
      `图片保存为旋转或镜像状态（EXIF 方向 ${orientation}）：请旋转至正向（表格须表头朝上）后重新保存。`,
    ),

  graduationPhotoSize: (width: number, height: number) =>
    problem(
      'GRAD-PHOTO-480x640',
      `A graduation photo must be exactly 480 pixels wide and 640 high; this one is ${width} × ${height}.`,
      `毕业生照片须为宽 480、高 640 像素（640*480）；此照片为 ${width} × ${height}。`,
    ),

  graduationPhotoLandscape: (width: number, height: number) =>
    problem(
      'GRAD-PHOTO-LANDSCAPE',
      `A graduation photo must be upright (portrait, 480 wide × 640 high), not landscape; this one is ${width} × ${height}.`,
      `毕业生照片不得横向，须为竖向（宽 480、高 640 像素）；此照片为 ${width} × ${height}。`,
    ),

  newStudentPhotoLandscape: (width: number, height: number) =>
    problem(
      'NEW-PHOTO-LANDSCAPE',
      `A new student's photo must be upright (portrait), not landscape; this one is ${width} × ${height}.`,
      `新生照片不得横向，须为竖向；此照片为 ${width} × ${height}。`,
    ),
} as const;
