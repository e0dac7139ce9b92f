/**
 * A PNG's size from its header chunk (IHDR, always first, checked against its CRC), and its
 * orientation from an `eXIf` chunk, which the specification places before the image data:
 * the chunks are walked by their lengths up to the first IDAT, reading none of their bodies
 * but eXIf's.
 */
import type { BudgetedReader } from './budgeted-reader.js';
import { exifOrientation } from './exif.js';
import { byteAt, corrupt, fromShortfall, type Header, uint32 } from './header.js';

const signatureLength = 8;
const ihdrEnd = signatureLength + 8 + 13 + 4; // length, type, 13 bytes of data, CRC
const largest = 0x7fffffff; // PNG's limit for a width, a height or a chunk's length

/** Bit depths allowed per colour type (PNG specification, 11.2.2). */
const bitDepths: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

const typeName = (b: { bytes: Uint8Array; index: number }, offset: number): string =>
  String.fromCharCode(byteAt(b, offset), byteAt(b, offset + 1), byteAt(b, offset + 2), byteAt(b, offset + 3));

/** CRC-32 as PNG computes it (ISO 3309), bit by bit: it runs over 17 bytes here, no table needed. */
function crc32(bytes: Uint8Array, from: number, to: number): number {
  let crc = 0xffffffff;
  for (let i = from; i < to; i += 1) {
    crc ^= bytes[i] ?? 0;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export async function readPngHeader(reader: BudgetedReader): Promise<Header> {
  const ihdr = reader.cached(0, ihdrEnd) ?? (await reader.at(0, ihdrEnd));
  if (typeof ihdr === 'string') return fromShortfall(ihdr);
  if (uint32(ihdr, 8) !== 13 || typeName(ihdr, 12) !== 'IHDR') {
    return corrupt('the first chunk is not the image header (IHDR)', '第一个数据块不是图像头（IHDR）');
  }
  if (crc32(ihdr.bytes, ihdr.index + 12, ihdr.index + 29) !== uint32(ihdr, 29)) {
    return corrupt("the image header's checksum does not match", '图像头（IHDR）的校验和不符');
  }
  const width = uint32(ihdr, 16);
  const height = uint32(ihdr, 20);
  const [depth, colour, compression, filter, interlace] = [24, 25, 26, 27, 28].map((o) => byteAt(ihdr, o));
  if (width === 0 || height === 0 || width > largest || height > largest) {
    return corrupt(`the image header declares ${width} × ${height} pixels`, `图像头声明的尺寸为 ${width} × ${height} 像素`);
  }
  if (!bitDepths[colour ?? -1]?.includes(depth ?? -1) || compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) {
    return corrupt('the image header declares a colour type, bit depth or method PNG does not have', '图像头声明了 PNG 不存在的颜色类型、位深或方法');
  }

  let orientation: number | undefined;
  for (let position = ihdrEnd; ; ) {
    const chunk = reader.cached(position, 8) ?? (await reader.at(position, 8));
    if (typeof chunk === 'string') return fromShortfall(chunk);
    const length = uint32(chunk, 0);
    const type = typeName(chunk, 4);
    if (length > largest || !/^[A-Za-z]{4}$/u.test(type)) {
      return corrupt(`the chunk at byte ${position} is malformed`, `第 ${position} 字节处的数据块格式错误`);
    }
    if (type === 'IDAT') break;
    if (type === 'IEND') return corrupt('the image has no image data (IDAT)', '图片没有图像数据（IDAT）');
    const end = position + 8 + length + 4; // past the object's end, the next chunk's read says it is truncated
    if (type === 'eXIf' && orientation === undefined) orientation = await exifOrientation(reader, position + 8, position + 8 + length);
    position = end;
  }
  return orientation === undefined ? { kind: 'size', width, height } : { kind: 'size', width, height, orientation };
}
