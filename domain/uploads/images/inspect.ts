/**
 * What an uploaded image is, from its header and its last bytes only: the format by its
 * magic bytes, the width and height, the EXIF orientation, and whether it ends as that
 * format must. Reads at most `readBudget` (64 KiB) whatever the file's size: a first read
 * of 16 KiB, one of the last 64 bytes, then 4 KiB reads only past metadata that runs
 * beyond what was read. Nothing here decodes pixels or allocates by the declared size.
 */
import type { ByteSource, UploadProblem } from '../ports.js';
import { BudgetedReader, headBytes, readBudget, tailBytes, type Bytes } from './budgeted-reader.js';
import { byteAt, type Header } from './header.js';
import { readJpegHeader } from './jpeg.js';
import { readPngHeader } from './png.js';
import { imageProblems } from './problems.js';
import { identify, signatureBytes, type ImageFormat, type OtherContent } from './signatures.js';

export interface ImageFacts {
  readonly format: ImageFormat;
  /** As stored, before any EXIF orientation is applied. */
  readonly width: number;
  readonly height: number;
  /** EXIF orientation 1–8 when the image states one (1 is upright); undefined when it states none. */
  readonly orientation?: number;
}

export interface ImageInspection {
  /** What the first bytes say the content is (undefined when they match nothing known). */
  readonly content?: ImageFormat | OtherContent;
  /** Present when the header gave a size; the problems may still refuse the image. */
  readonly facts?: ImageFacts;
  /** Structural problems: empty, not an image, corrupt, truncated, header too long. */
  readonly problems: readonly UploadProblem[];
  readonly bytesRead: number;
  readonly reads: number;
}

const pngEnd = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]; // IEND, no data, its CRC

/**
 * JPEG: the last bytes are the end-of-image marker FF D9, allowing zero or FF bytes some
 * devices pad with after it. PNG: the last 12 bytes are the IEND chunk, exactly.
 */
function endsWell(format: ImageFormat, tail: Bytes, length: number): boolean {
  if (format === 'png') return length >= pngEnd.length && pngEnd.every((v, i) => byteAt(tail, length - pngEnd.length + i) === v);
  const isEnd = (i: number) => byteAt(tail, i - 1) === 0xff && byteAt(tail, i) === 0xd9;
  const isPadding = (i: number) => byteAt(tail, i) === 0x00 || byteAt(tail, i) === 0xff;
  let last = length - 1;
  while (last >= 1 && !isEnd(last) && isPadding(last)) last -= 1;
  return last >= 1 && isEnd(last);
}

function headerProblem(header: Exclude<Header, { kind: 'size' }>): UploadProblem {
  if (header.kind === 'corrupt') return imageProblems.corrupt(header.en, header.zh);
  if (header.kind === 'truncated') return imageProblems.truncated();
  return imageProblems.headerTooLong(readBudget);
}

export async function inspectImage(source: ByteSource): Promise<ImageInspection> {
  if (source.size === 0) return { problems: [imageProblems.empty()], bytesRead: 0, reads: 0 };
  const reader = new BudgetedReader(source);
  const done = (rest: Omit<ImageInspection, 'bytesRead' | 'reads'>): ImageInspection => ({ ...rest, bytesRead: reader.bytesRead, reads: reader.reads });

  const first = await reader.at(0, Math.min(signatureBytes, source.size), headBytes);
  if (typeof first === 'string') return done({ problems: [imageProblems.truncated()] });
  const content = identify(first.bytes.subarray(first.index, first.index + signatureBytes));
  if (content === undefined) return done({ problems: [imageProblems.unrecognised()] });
  if (typeof content !== 'string') return done({ content, problems: [imageProblems.disguised(content)] });

  const tail = await reader.tail();
  const header = content === 'jpeg' ? await readJpegHeader(reader) : await readPngHeader(reader);
  const problems: UploadProblem[] = [];
  if (header.kind !== 'size') problems.push(headerProblem(header));
  const tailLength = Math.min(source.size, tailBytes);
  const complete = typeof tail !== 'string' && endsWell(content, tail, tailLength);
  if (!complete && header.kind !== 'truncated') problems.push(imageProblems.truncated());
  if (header.kind !== 'size') return done({ content, problems });
  const { width, height, orientation } = header;
  const facts: ImageFacts = orientation === undefined ? { format: content, width, height } : { format: content, width, height, orientation };
  return done({ content, facts, problems });
}
