/**
 * Images built byte by byte for the image tests and the bench: no binary fixture is kept.
 *
 * The JPEGs are baseline, greyscale and mid-grey: every 8 × 8 block is coded as "no change
 * of DC, end of block", which with one-code Huffman tables (the code `0` for DC difference
 * category 0, the code `0` for end-of-block) is two 0 bits a block. A 480 × 640 photo is
 * 60 × 80 = 4,800 blocks, 9,600 bits, 1,200 bytes of scan data. The PNGs are 8-bit grey,
 * every row filter 0 and all zero, deflated by node:zlib. Both decode with independent
 * decoders (test/unit/uploads/images/corpus.test.ts), so the parser is tested on images.
 */
import { crc32, deflateSync } from 'node:zlib';
import type { ByteSource } from '../../domain/uploads/ports.js';

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** A JPEG segment: marker, length (which counts itself), body. */
export const segment = (marker: number, body: readonly number[] | Uint8Array): Uint8Array =>
  concat([Uint8Array.from([0xff, marker, ...u16(body.length + 2)]), Uint8Array.from(body)]);

/**
 * An APP1 `Exif` body: the TIFF header, IFD0 at `directoryAt` (8, right after the header,
 * unless asked), `entriesBefore` entries (Make, as cameras write it) before the
 * orientation (of TIFF type `valueType`, SHORT unless asked), then `padding` bytes (a
 * thumbnail's place).
 */
export function exifBody(
  orientation: number,
  { littleEndian = false, padding = 0, directoryAt = 8, entriesBefore = 0, valueType = 3 } = {},
): Uint8Array {
  const le16 = (n: number) => (littleEndian ? u16(n).reverse() : u16(n));
  const le32 = (n: number) => (littleEndian ? u32(n).reverse() : u32(n));
  const make = [...le16(0x010f), ...le16(2), ...le32(4), ...ascii('Cam'), 0]; // ASCII, 4 bytes inline
  const tiff = [
    ...(littleEndian ? ascii('II') : ascii('MM')), ...le16(42), ...le32(directoryAt),
    ...new Array<number>(directoryAt - 8).fill(0),
    ...le16(entriesBefore + 1),
    ...Array.from({ length: entriesBefore }, () => make).flat(),
    ...le16(0x0112), ...le16(valueType), ...le32(1), ...le16(orientation), 0, 0, // orientation, SHORT (3), 1 value
    ...le32(0), // no next IFD
  ];
  return Uint8Array.from([...ascii('Exif'), 0, 0, ...tiff, ...new Uint8Array(padding)]);
}

export interface JpegOptions {
  readonly width: number;
  readonly height: number;
  /** EXIF orientation, in an APP1 segment right after APP0. */
  readonly orientation?: number;
  readonly littleEndianExif?: boolean;
  /** Where the EXIF's first directory starts, from the TIFF header (8 when right after it). */
  readonly exifDirectoryAt?: number;
  /** EXIF entries before the orientation. */
  readonly exifEntriesBefore?: number;
  /** Bytes added to the EXIF segment after its directory, as a thumbnail would be (≤ 65,500). */
  readonly exifPadding?: number;
  /** An ICC profile of this many bytes, in APP2 segments of at most 65,519 bytes of profile each. */
  readonly iccBytes?: number;
  /** Segments inserted before the frame header (e.g. a malformed one). */
  readonly beforeFrame?: readonly Uint8Array[];
  /** The frame header's marker: C0 baseline (default), C2 progressive, … */
  readonly frameMarker?: number;
}

function iccSegments(total: number): Uint8Array[] {
  const perSegment = 65_519; // 65,535 − 2 (length) − 12 ("ICC_PROFILE\0") − 2 (sequence, count)
  const count = Math.ceil(total / perSegment);
  return Array.from({ length: count }, (_, i) => {
    const size = Math.min(perSegment, total - i * perSegment);
    return segment(0xe2, concat([Uint8Array.from([...ascii('ICC_PROFILE'), 0, i + 1, count]), new Uint8Array(size)]));
  });
}

/** The header of a JPEG, up to and including its start-of-scan segment. */
export function jpegHeader(options: JpegOptions): Uint8Array {
  const { width, height, orientation, exifPadding = 0, iccBytes = 0, beforeFrame = [], frameMarker = 0xc0 } = options;
  const parts: Uint8Array[] = [
    Uint8Array.from([0xff, 0xd8]),
    segment(0xe0, [...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
  ];
  if (orientation !== undefined) {
    const exif = exifBody(orientation, {
      littleEndian: options.littleEndianExif ?? false,
      padding: exifPadding,
      directoryAt: options.exifDirectoryAt ?? 8,
      entriesBefore: options.exifEntriesBefore ?? 0,
    });
    parts.push(segment(0xe1, exif));
  }
  if (iccBytes > 0) parts.push(...iccSegments(iccBytes));
  parts.push(...beforeFrame);
  parts.push(segment(0xdb, [0, ...new Array<number>(64).fill(1)])); // quantisation table 0, all ones
  parts.push(segment(frameMarker, [8, ...u16(height), ...u16(width), 1, 1, 0x11, 0])); // 8-bit, one component
  parts.push(segment(0xc4, [0x00, 1, ...new Array<number>(15).fill(0), 0x00])); // DC table 0: category 0 ↦ "0"
  parts.push(segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0x00])); // AC table 0: end of block ↦ "0"
  parts.push(segment(0xda, [1, 1, 0x00, 0, 63, 0])); // one component, tables 0/0, spectral 0–63
  return concat(parts);
}

/** Scan data for the mid-grey image: two 0 bits a block, the last byte padded with 1 bits. */
export function jpegScan(width: number, height: number): Uint8Array {
  const bits = 2 * Math.ceil(width / 8) * Math.ceil(height / 8);
  const scan = new Uint8Array(Math.ceil(bits / 8));
  const used = bits % 8;
  if (used > 0) scan[scan.length - 1] = 0xff >> used;
  return scan;
}

export const jpegEnd = Uint8Array.from([0xff, 0xd9]);

export const jpeg = (options: JpegOptions): Uint8Array =>
  concat([jpegHeader(options), jpegScan(options.width, options.height), jpegEnd]);

export function pngChunk(type: string, data: readonly number[] | Uint8Array): Uint8Array {
  const typeAndData = concat([Uint8Array.from(ascii(type)), Uint8Array.from(data)]);
  return concat([Uint8Array.from(u32(data.length)), typeAndData, Uint8Array.from(u32(crc32(typeAndData)))]);
}

export const pngSignature = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const pngEnd = pngChunk('IEND', []);

export interface PngOptions {
  readonly width: number;
  readonly height: number;
  /** EXIF orientation, in an `eXIf` chunk before the image data. */
  readonly orientation?: number;
  /** A text chunk of this many bytes before the image data, as some editors write. */
  readonly textBytes?: number;
  /** Replaces the zero rows (a pixel flood cannot carry its rows). */
  readonly imageData?: Uint8Array;
}

export const pngIhdr = (width: number, height: number, depth = 8, colour = 0): Uint8Array =>
  pngChunk('IHDR', [...u32(width), ...u32(height), depth, colour, 0, 0, 0]);

export function png(options: PngOptions): Uint8Array {
  const { width, height, orientation, textBytes = 0 } = options;
  const parts = [pngSignature, pngIhdr(width, height)];
  if (orientation !== undefined) parts.push(pngChunk('eXIf', exifBody(orientation).subarray(6)));
  if (textBytes > 0) parts.push(pngChunk('tEXt', concat([Uint8Array.from([...ascii('Comment'), 0]), new Uint8Array(textBytes).fill(0x61)])));
  parts.push(pngChunk('IDAT', options.imageData ?? deflateSync(new Uint8Array((width + 1) * height))));
  parts.push(pngEnd);
  return concat(parts);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A `ByteSource` over bytes in memory that logs every read, to check the read budget. */
export class CountingSource implements ByteSource {
  readonly reads: { start: number; end: number }[] = [];
  constructor(private readonly bytes: Uint8Array) {}
  get size(): number {
    return this.bytes.length;
  }
  get bytesRead(): number {
    return this.reads.reduce((n, r) => n + (r.end - r.start), 0);
  }
  async read(start: number, end: number): Promise<Uint8Array> {
    const clamped = Math.min(end, this.bytes.length);
    this.reads.push({ start, end: clamped });
    return this.bytes.subarray(start, clamped);
  }
}

/**
 * A large object without its memory: `head`, then `fill` bytes up to `size − tail.length`,
 * then `tail`. A JPEG of any size is its header, scan bytes and FF D9; zero bytes are
 * valid scan data here (each is four blocks).
 */
export class PaddedSource implements ByteSource {
  readonly reads: { start: number; end: number }[] = [];
  constructor(
    private readonly head: Uint8Array,
    readonly size: number,
    private readonly tail: Uint8Array,
    private readonly fill = 0,
  ) {}
  get bytesRead(): number {
    return this.reads.reduce((n, r) => n + (r.end - r.start), 0);
  }
  async read(start: number, end: number): Promise<Uint8Array> {
    const to = Math.min(end, this.size);
    this.reads.push({ start, end: to });
    const out = new Uint8Array(Math.max(0, to - start)).fill(this.fill);
    const headEnd = Math.min(to, this.head.length);
    if (start < headEnd) out.set(this.head.subarray(start, headEnd), 0);
    const tailStart = this.size - this.tail.length;
    const from = Math.max(start, tailStart);
    if (from < to) out.set(this.tail.subarray(from - tailStart, to - tailStart), from - start);
    return out;
  }
}
