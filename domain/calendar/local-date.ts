/**
 * Asia/Shanghai local dates and instants without Date objects in hot paths.
 *
 * A local date travels as 'YYYY-MM-DD'; inside the engine it is a day number
 * (days since 1970-01-01), so windows, comparisons and day arithmetic are
 * integer operations. China has no DST, so instant → local date is a fixed
 * +08:00 shift.
 */

/** A calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
export type LocalDate = string;
/** Days since 1970-01-01 (the local date's ordinal). */
export type DayNumber = number;
/** An instant: ISO-8601 string with an explicit offset or 'Z', or epoch milliseconds. */
export type Instant = string | number;

const MS_PER_DAY = 86_400_000;
/** Asia/Shanghai is UTC+08:00 all year round. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export class InvalidDateError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidDateError';
  }
}

/** Howard Hinnant's days_from_civil: proleptic Gregorian, no Date object. */
export function dayFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function civilFromDay(dayNumber: DayNumber): CivilDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  // Poisons the sum so the range check fails wherever the bad character stands: -1000 was
  // outweighed by the digits before it in a year's last place ('202a' read as 1020).
  return c >= 0 && c <= 9 ? c : -100_000;
}

/**
 * 'YYYY-MM-DD' → day number, or NaN when malformed or not a real date.
 * Parsed by char codes: this runs once per record on a million records.
 */
export function tryDayOf(date: string): DayNumber {
  return date.length === 10 ? dayAt(date, 0) : Number.NaN;
}

/** The 'YYYY-MM-DD' at `at` in `s` (no substring allocated), or NaN. */
function dayAt(s: string, at: number): DayNumber {
  if (s.length < at + 10 || s.charCodeAt(at + 4) !== 45 || s.charCodeAt(at + 7) !== 45) return Number.NaN;
  const year = digit(s, at) * 1000 + digit(s, at + 1) * 100 + digit(s, at + 2) * 10 + digit(s, at + 3);
  const month = digit(s, at + 5) * 10 + digit(s, at + 6);
  const day = digit(s, at + 8) * 10 + digit(s, at + 9);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  return dayFromCivil(year, month, day);
}

/** 'YYYY-MM-DD' → day number; throws InvalidDateError when malformed. */
export function dayOf(date: LocalDate): DayNumber {
  const n = tryDayOf(date);
  if (Number.isNaN(n)) throw new InvalidDateError(`not a local date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return n;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatDay(dayNumber: DayNumber): LocalDate {
  const { year, month, day } = civilFromDay(dayNumber);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
export function isoWeekday(dayNumber: DayNumber): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

export function yearOfDay(dayNumber: DayNumber): number {
  return civilFromDay(dayNumber).year;
}

/** Same day-of-month N months later, clamped to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(dayNumber: DayNumber, months: number): DayNumber {
  const { year, month, day } = civilFromDay(dayNumber);
  const zeroBased = month - 1 + months;
  const y = year + Math.floor(zeroBased / 12);
  const m = (((zeroBased % 12) + 12) % 12) + 1;
  return dayFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}

/**
 * Instant → epoch ms. Hand-parses the usual 'YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)'
 * shape (a million records must not each cost a Date.parse); any other shape is
 * NaN, never handed to Date.parse. Strings without an offset are rejected: a naive time is
 * ambiguous and the engine never guesses a zone. Returns NaN when invalid.
 */
export function tryInstantMs(instant: Instant): number {
  if (typeof instant === 'number') return Number.isFinite(instant) ? instant : Number.NaN;
  const s = instant;
  const day = dayAt(s, 0);
  if (Number.isNaN(day) || s.length < 20 || s.charCodeAt(10) !== 84 /* T */) return Number.NaN;
  const hh = digit(s, 11) * 10 + digit(s, 12);
  const mi = digit(s, 14) * 10 + digit(s, 15);
  const ss = digit(s, 17) * 10 + digit(s, 18);
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 59) {
    return Number.NaN;
  }
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46 /* . */) {
    let scale = 100;
    i += 1;
    while (i < s.length && digit(s, i) >= 0) {
      ms += digit(s, i) * scale;
      scale /= 10;
      i += 1;
    }
    ms = Math.floor(ms);
  }
  let offsetMs: number;
  const sign = s.charCodeAt(i);
  if (sign === 90 /* Z */ && s.length === i + 1) offsetMs = 0;
  else if ((sign === 43 /* + */ || sign === 45 /* - */) && s.length === i + 6 && s.charCodeAt(i + 3) === 58) {
    const oh = digit(s, i + 1) * 10 + digit(s, i + 2);
    const om = digit(s, i + 4) * 10 + digit(s, i + 5);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return Number.NaN;
    offsetMs = (sign === 43 ? 1 : -1) * (oh * 60 + om) * 60_000;
  } else return Number.NaN;
  return day * MS_PER_DAY + ((hh * 60 + mi) * 60 + ss) * 1000 + ms - offsetMs;
}

export function instantMs(instant: Instant): number {
  const ms = tryInstantMs(instant);
  if (Number.isNaN(ms)) throw new InvalidDateError(`not an instant with offset: ${JSON.stringify(instant)}`);
  return ms;
}

/** The Asia/Shanghai local date of an instant (epoch ms). */
export function shanghaiDayOfMs(ms: number): DayNumber {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

export function shanghaiDayOf(instant: Instant): DayNumber {
  return shanghaiDayOfMs(instantMs(instant));
}

/** Epoch ms of 00:00 Asia/Shanghai on that local date. */
export function startOfDayMs(dayNumber: DayNumber): number {
  return dayNumber * MS_PER_DAY - SHANGHAI_OFFSET_MS;
}

/**
 * Epoch ms just after the local day ends (00:00 next day): "by day D" means
 * strictly before this instant, so 23:59:59.999 on D still counts.
 */
export function endOfDayMs(dayNumber: DayNumber): number {
  return startOfDayMs(dayNumber + 1);
}

/** Epoch ms → 'YYYY-MM-DDTHH:MM:SS+08:00', the form findings carry. */
export function formatShanghaiInstant(ms: number): string {
  const local = ms + SHANGHAI_OFFSET_MS;
  const day = Math.floor(local / MS_PER_DAY);
  const secOfDay = Math.floor((local - day * MS_PER_DAY) / 1000);
  const h = Math.floor(secOfDay / 3600);
  const m = Math.floor((secOfDay % 3600) / 60);
  const s = secOfDay % 60;
  return `${formatDay(day)}T${pad2(h)}:${pad2(m)}:${pad2(s)}+08:00`;
}

/** ISO-8601 week-numbering year and week of a day, e.g. 2025-12-29 → 2026-W01. */
export function isoWeekOf(dayNumber: DayNumber): { year: number; week: number } {
  const thursday = dayNumber - isoWeekday(dayNumber) + 4;
  const year = yearOfDay(thursday);
  const week = Math.floor((thursday - dayFromCivil(year, 1, 1)) / 7) + 1;
  return { year, week };
}

/** Monday of the ISO week containing the day. */
export function mondayOf(dayNumber: DayNumber): DayNumber {
  return dayNumber - isoWeekday(dayNumber) + 1;
}
