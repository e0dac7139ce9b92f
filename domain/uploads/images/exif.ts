/**
 * The EXIF orientation tag (0x0112) from a TIFF structure embedded in an image (a JPEG's
 * APP1 `Exif` segment, a PNG's `eXIf` chunk). Only the first directory (IFD0) holds it.
 * Broken EXIF is not a broken image, and viewers then show the pixels as stored: it reads
 * as "no orientation stated", never as a refusal.
 */
import type { BudgetedReader } from './budgeted-reader.js';
import { uint16, uint32 } from './header.js';

const orientationTag = 0x0112;
const typeShort = 3;
const entryBytes = 12;

/** The orientation (1–8) stated by the TIFF data between `start` and `end`, if any. */
export async function exifOrientation(reader: BudgetedReader, start: number, end: number): Promise<number | undefined> {
  if (start + 8 > end) return undefined;
  const header = reader.cached(start, 8) ?? (await reader.at(start, 8));
  if (typeof header === 'string') return undefined;
  const order = uint16(header, 0);
  const littleEndian = order === 0x4949; // "II"; "MM" is big-endian
  if (!littleEndian && order !== 0x4d4d) return undefined;
  if (uint16(header, 2, littleEndian) !== 42) return undefined;
  const directory = start + uint32(header, 4, littleEndian);
  if (directory + 2 > end) return undefined;
  const count = reader.cached(directory, 2) ?? (await reader.at(directory, 2));
  if (typeof count === 'string') return undefined;
  const entries = uint16(count, 0, littleEndian);
  for (let i = 0; i < entries; i += 1) {
    const at = directory + 2 + i * entryBytes;
    if (at + entryBytes > end) return undefined;
    const entry = reader.cached(at, entryBytes) ?? (await reader.at(at, entryBytes));
    if (typeof entry === 'string') return undefined;
    if (uint16(entry, 0, littleEndian) !== orientationTag) continue;
    if (uint16(entry, 2, littleEndian) !== typeShort || uint32(entry, 4, littleEndian) !== 1) return undefined;
    const value = uint16(entry, 8, littleEndian);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}
