/**
 * What an upload's first bytes say it is. Only JPEG and PNG are images Xuewu accepts
 * (seed 003: "JPG/PNG格式"); the others are named so a refusal can say what was sent
 * instead (a PDF scan, an iPhone's HEIC photo, a program), not just "not an image".
 */

export type ImageFormat = 'jpeg' | 'png';

/** A kind of content that is not an accepted image, in both languages. */
export interface OtherContent {
  readonly en: string;
  readonly zh: string;
}

/** The longest signature below reaches byte 12 (HEIF's brand); 16 leaves room. */
export const signatureBytes = 16;

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

const startsWith = (bytes: Uint8Array, at: number, expected: readonly number[]): boolean =>
  expected.every((value, i) => bytes[at + i] === value);

const jpeg = [0xff, 0xd8, 0xff];
const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const others: readonly { at: number; signature: number[]; is: OtherContent }[] = [
  { at: 0, signature: ascii('MZ'), is: { en: 'a Windows program (MZ)', zh: 'Windows 可执行程序（MZ）' } },
  { at: 0, signature: [0x7f, ...ascii('ELF')], is: { en: 'a Linux program (ELF)', zh: 'Linux 可执行程序（ELF）' } },
  { at: 0, signature: [0xcf, 0xfa, 0xed, 0xfe], is: { en: 'a macOS program (Mach-O)', zh: 'macOS 可执行程序（Mach-O）' } },
  { at: 0, signature: [0xca, 0xfe, 0xba, 0xbe], is: { en: 'a macOS or Java program', zh: 'macOS 或 Java 程序' } },
  { at: 0, signature: ascii('#!'), is: { en: 'a script', zh: '脚本' } },
  { at: 0, signature: ascii('%PDF-'), is: { en: 'a PDF document', zh: 'PDF 文档' } },
  { at: 0, signature: [0x50, 0x4b, 0x03, 0x04], is: { en: 'a zip archive (or an Office file such as .xlsx)', zh: 'zip 压缩包（或 .xlsx 等 Office 文件）' } },
  { at: 0, signature: [0xd0, 0xcf, 0x11, 0xe0], is: { en: 'an old Office file (.doc or .xls)', zh: '旧版 Office 文件（.doc 或 .xls）' } },
  { at: 0, signature: ascii('Rar!'), is: { en: 'a RAR archive', zh: 'RAR 压缩包' } },
  { at: 0, signature: [0x1f, 0x8b], is: { en: 'a gzip archive', zh: 'gzip 压缩包' } },
  { at: 0, signature: ascii('GIF8'), is: { en: 'a GIF image', zh: 'GIF 图片' } },
  { at: 8, signature: ascii('WEBP'), is: { en: 'a WebP image', zh: 'WebP 图片' } },
  { at: 4, signature: ascii('ftypheic'), is: { en: 'a HEIC photo (as iPhones take them)', zh: 'HEIC 照片（苹果手机格式）' } },
  { at: 4, signature: ascii('ftypmif1'), is: { en: 'a HEIF photo', zh: 'HEIF 照片' } },
  { at: 4, signature: ascii('ftypavif'), is: { en: 'an AVIF image', zh: 'AVIF 图片' } },
  { at: 0, signature: [0x49, 0x49, 0x2a, 0x00], is: { en: 'a TIFF image', zh: 'TIFF 图片' } },
  { at: 0, signature: [0x4d, 0x4d, 0x00, 0x2a], is: { en: 'a TIFF image', zh: 'TIFF 图片' } },
  { at: 0, signature: [0x00, 0x00, 0x01, 0x00], is: { en: 'a Windows icon (ICO)', zh: 'Windows 图标（ICO）' } },
  { at: 0, signature: ascii('BM'), is: { en: 'a BMP image', zh: 'BMP 图片' } },
];

/** The content's kind from its first bytes: an accepted format, another known kind, or unknown. */
export function identify(first: Uint8Array): ImageFormat | OtherContent | undefined {
  if (startsWith(first, 0, jpeg)) return 'jpeg';
  if (startsWith(first, 0, png)) return 'png';
  return others.find((o) => startsWith(first, o.at, o.signature))?.is;
}

/** The format a file name claims by its extension (case-insensitive), if JPEG or PNG. */
export function claimedFormat(fileName: string): ImageFormat | undefined {
  const extension = /\.([^./\\]+)$/u.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'jpg' || extension === 'jpeg') return 'jpeg';
  if (extension === 'png') return 'png';
  return undefined;
}
