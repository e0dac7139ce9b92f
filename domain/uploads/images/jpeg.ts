/**
 * A JPEG's size and orientation from its header (ITU-T T.81, Annex B): walk the segments
 * after the start-of-image marker until the start-of-frame (SOFn), whose fields are the
 * height and width. Metadata segments (APPn: EXIF, ICC profiles, XMP) are skipped by their
 * length, so one that runs past what was read costs one small read where it ends, not a
 * read of its body; the first APP1 `Exif` segment is read for the orientation.
 */
import type { BudgetedReader } from './budgeted-reader.js';
import { exifOrientation } from './exif.js';
import { byteAt, corrupt, fromShortfall, type Header, uint16 } from './header.js';

const startOfImage = 0xd8;
const endOfImage = 0xd9;
const startOfScan = 0xda;
const app1 = 0xe1;
const temporary = 0x01; // TEM: a marker without a length, allowed anywhere

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

const exifIdentifier = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"

const at = (position: number) => `at byte ${position}`;
const zhAt = (position: number) => `第 ${position} 字节处`;

export async function readJpegHeader(reader: BudgetedReader): Promise<Header> {
  let position = 2; // after FF D8
  let orientation: number | undefined;
  let exifRead = false;
  for (;;) {
    // A marker is FF and a code; any number of FF fill bytes may precede the code.
    let marker = reader.cached(position, 2) ?? (await reader.at(position, 2));
    if (typeof marker === 'string') return fromShortfall(marker);
    if (byteAt(marker, 0) !== 0xff) {
      return corrupt(`a segment marker was expected ${at(position)}`, `${zhAt(position)}应为段标记`);
    }
    while (byteAt(marker, 1) === 0xff) {
      position += 1;
      marker = reader.cached(position, 2) ?? (await reader.at(position, 2));
      if (typeof marker === 'string') return fromShortfall(marker);
    }
    const code = byteAt(marker, 1);
    if (code === temporary) {
      position += 2;
      continue;
    }
    if (code === 0x00 || code === startOfImage || code === endOfImage || code === startOfScan || (code >= 0xd0 && code <= 0xd7)) {
      return corrupt(
        `marker FF ${code.toString(16).toUpperCase().padStart(2, '0')} ${at(position)} comes before the frame header that gives the image's size`,
        `${zhAt(position)}的标记 FF ${code.toString(16).toUpperCase().padStart(2, '0')} 出现在给出图片尺寸的帧头之前`,
      );
    }
    const segment = reader.cached(position, 4) ?? (await reader.at(position, 4));
    if (typeof segment === 'string') return fromShortfall(segment);
    const length = uint16(segment, 2);
    if (length < 2) return corrupt(`a segment ${at(position)} declares a length of ${length}`, `${zhAt(position)}的段长度为 ${length}`);
    const end = position + 2 + length; // past the object's end, the next marker's read says it is truncated

    if (isStartOfFrame(code)) {
      const frame = reader.cached(position, 10) ?? (await reader.at(position, 10));
      if (typeof frame === 'string') return fromShortfall(frame);
      const height = uint16(frame, 5);
      const width = uint16(frame, 7);
      const components = byteAt(frame, 9);
      if (length !== 8 + 3 * components || components < 1 || components > 4) {
        return corrupt(`the frame header ${at(position)} is malformed`, `${zhAt(position)}的帧头格式错误`);
      }
      // A height of 0 defers it to a DNL marker after the first scan, which no scanner or camera writes.
      if (width === 0 || height === 0) {
        return corrupt(`the frame header declares ${width} × ${height} pixels`, `帧头声明的尺寸为 ${width} × ${height} 像素`);
      }
      return orientation === undefined ? { kind: 'size', width, height } : { kind: 'size', width, height, orientation };
    }

    if (code === app1 && !exifRead && length >= 2 + exifIdentifier.length + 8) {
      const identifier = reader.cached(position + 4, 6) ?? (await reader.at(position + 4, 6));
      if (typeof identifier === 'string') return fromShortfall(identifier);
      if (exifIdentifier.every((value, i) => byteAt(identifier, i) === value)) {
        exifRead = true;
        orientation = await exifOrientation(reader, position + 10, end);
      }
    }
    position = end;
  }
}
