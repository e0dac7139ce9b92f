/**
 * What a cell holds, typed, and the few conversions the reader needs: column letters,
 * and Excel's date serials in its two systems. A workbook saved with the 1900 system
 * counts days from 1899-12-31 and keeps Lotus 1-2-3's phantom 1900-02-29 (serial 60);
 * the 1904 system (old Mac Excel) counts from 1904-01-01.
 */
import type { SheetCell, SheetRow } from '../../../domain/uploads/spreadsheet.js';

export type { CellType } from '../../../domain/uploads/spreadsheet.js';
export type XlsxCell = SheetCell;
export type XlsxRow = SheetRow;

/** 1-based column number of `A`…`XFD`; 0 when not column letters within Excel's 16,384. */
export function columnNumber(letters: string): number {
  if (letters.length === 0 || letters.length > 3) return 0;
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    if (c < 65 || c > 90) return 0;
    n = n * 26 + (c - 64);
  }
  return n <= 16_384 ? n : 0;
}

export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 31);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** Latest date Excel can show: 9999-12-31. */
const LAST_SERIAL_1900 = 2_958_465;

/**
 * The calendar date (and time) of a date serial, or null when the serial names no real
 * day (negative, beyond 9999, or the 1900 system's phantom 29 February).
 */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  let ms: number;
  if (date1904) {
    ms = EPOCH_1904 + serial * DAY_MS;
  } else {
    if (serial >= 60 && serial < 61) return null;
    if (serial > LAST_SERIAL_1900 + 1) return null;
    // From 61 on, every serial is one day ahead because of the phantom day.
    ms = EPOCH_1900 + (serial >= 61 ? serial - 1 : serial) * DAY_MS;
  }
  const rounded = Math.round(ms / 1000) * 1000;
  if (rounded >= Date.UTC(10_000, 0, 1)) return null;
  const iso = new Date(rounded).toISOString();
  return rounded % DAY_MS === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** Number formats Excel builds in whose display is a date or time (zh-CN's 27–36, 50–58 included). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isBuiltInDateFormat(id: number): boolean {
  return BUILT_IN_DATE_FORMATS.has(id);
}

/**
 * Does a custom number format code show a date? Quoted text, escaped characters and
 * bracketed parts (colours, conditions, locales, elapsed [h]) are skipped; what remains is
 * a date when it has a year, month, day, hour or second code (`m` alone is a month or
 * minute either way a date-time).
 */
export function isDateFormatCode(code: string): boolean {
  if (code.toLowerCase() === 'general') return false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i] as string;
    if (c === '"') {
      const end = code.indexOf('"', i + 1);
      if (end < 0) return false;
      i = end;
    } else if (c === '\\' || c === '_' || c === '*') {
      i++;
    } else if (c === '[') {
      const end = code.indexOf(']', i + 1);
      if (end < 0) return false;
      i = end;
    } else if (c === ';') {
      return false; // only the first section decides how a positive number shows
    } else if ('yYmMdDhHsS'.includes(c)) {
      return true;
    }
  }
  return false;
}
