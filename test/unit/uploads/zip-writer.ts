/**
 * A deliberately plain zip writer for the test corpus. Libraries write honest archives;
 * the reader must also face dishonest ones (central directory sizes that lie, a part
 * built from repeated deflate blocks to reach a gigabyte in a megabyte), so the tests
 * write the archive's headers themselves (APPNOTE.TXT §4.3: local header, data, central
 * directory, end record). CRC-32s are real for honest parts; for the bomb they are not
 * computed (the reader refuses long before a CRC could matter).
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  /** the deflated bytes as stored */
  readonly compressed: Buffer;
  /** what the headers declare */
  readonly declaredSize: number;
  readonly crc: number;
}

export function honestEntry(name: string, content: string | Buffer): ZipEntry {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, compressed: deflateRawSync(data), declaredSize: data.length, crc: crc32(data) };
}

/**
 * A part of `head + unit × repeats + tail` bytes, deflated without ever holding it: each
 * piece is deflated with a full flush (which resets the compressor), so the deflated unit
 * can be repeated byte for byte, and the stream closed with an empty final block.
 */
export function repeatedEntry(name: string, head: string, unit: string, repeats: number, tail: string, declaredSize?: number): ZipEntry {
  const flushed = (s: string) => deflateRawSync(Buffer.from(s, 'utf8'), { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const unitBytes = flushed(unit);
  const pieces = [flushed(head), ...Array.from({ length: repeats }, () => unitBytes), deflateRawSync(Buffer.from(tail, 'utf8'))];
  const trueSize = Buffer.byteLength(head) + Buffer.byteLength(unit) * repeats + Buffer.byteLength(tail);
  return { name, compressed: Buffer.concat(pieces), declaredSize: declaredSize ?? trueSize, crc: 0 };
}

export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.compressed.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.compressed.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.compressed);
    centrals.push(central, name);
    offset += 30 + name.length + e.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
