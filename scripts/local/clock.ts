/**
 * The local runtime's clock: the system clock, or the system clock shifted by a constant
 * offset, so that a term can be replayed through the real API ("it is 10 November 2025")
 * while time keeps running (UUIDv7 record ids stay ordered, deadlines pass as they would).
 *
 * Only the local runtime installs it (`useClockInThisProcess`); no Lambda entry point does,
 * so on AWS the handlers always run on the system clock.
 */
import type { Clock } from '../../domain/time.js';

/** How a caller asks for the clock: start it at an instant, or shift it; never both. */
export interface LocalClockOptions {
  /**
   * An ISO 8601 instant with an explicit offset (`2025-11-10T09:00:00+08:00`, `…Z`): the
   * clock reads this instant when the backend is ready, and runs on from there.
   */
  readonly startAt?: string;
  /** Milliseconds added to the system clock; negative is the past. */
  readonly offsetMs?: number;
}

/** A clock running at the system clock's pace, `offsetMs` away from it. */
export interface LocalClock extends Clock {
  readonly offsetMs: number;
}

export class ClockOptionError extends Error {
  override readonly name = 'ClockOptionError';
}

const units = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;
const durationPattern = /^([+-])?((?:\d+[dhms])+)$/;

/**
 * Parses a clock offset: an optional sign, then one or more `<integer><unit>` parts with
 * the units d (days), h (hours), m (minutes) and s (seconds), largest first, each at most
 * once: `-30d`, `+2h`, `-1d12h`, `90m`, `+0s`. Answers milliseconds.
 */
export function parseClockOffset(text: string): number {
  const match = durationPattern.exec(text.trim());
  if (match === null) {
    throw new ClockOptionError(
      `"${text}" is not a clock offset: write a sign and <number><unit> parts, units d h m s, e.g. -30d, +2h, -1d12h`,
    );
  }
  const sign = match[1] === '-' ? -1 : 1;
  const order = 'dhms';
  let previous = -1;
  let total = 0;
  for (const [, digits, unit] of (match[2] ?? '').matchAll(/(\d+)([dhms])/g)) {
    const position = order.indexOf(unit!);
    if (position <= previous) {
      throw new ClockOptionError(`"${text}" is not a clock offset: give the units largest first and each once (d, h, m, s)`);
    }
    previous = position;
    total += Number(digits) * units[unit as keyof typeof units];
  }
  if (!Number.isSafeInteger(total) || total > 100 * 365 * units.d) {
    throw new ClockOptionError(`"${text}" is not a clock offset: at most 100 years either way`);
  }
  return sign * total;
}

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an instant for `startAt`: ISO 8601 date and time with `Z` or an explicit offset,
 * so it means the same instant whatever the machine's time zone.
 */
export function parseClockInstant(text: string): Date {
  const trimmed = text.trim();
  const instant = new Date(trimmed);
  // Date accepts 2025-02-30 (rolls it over); reject any field that did not survive the round trip.
  const valid = instantPattern.test(trimmed) && !Number.isNaN(instant.getTime()) && sameFields(trimmed, instant);
  if (!valid) {
    throw new ClockOptionError(
      `"${text}" is not an instant: write ISO 8601 date and time with Z or an offset, e.g. 2025-11-10T09:00:00+08:00`,
    );
  }
  return instant;
}

function sameFields(text: string, instant: Date): boolean {
  const offset = /(?:Z|([+-])(\d{2}):(\d{2}))$/.exec(text);
  const offsetMinutes = offset?.[1] === undefined ? 0 : (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
  if (Math.abs(offsetMinutes) > 18 * 60) return false;
  const local = new Date(instant.getTime() + offsetMinutes * 60_000).toISOString();
  return local.slice(0, 16) === text.slice(0, 16);
}

/** Checks the options before anything starts; throws a ClockOptionError naming the problem. */
export function validateClockOptions(options: LocalClockOptions): void {
  if (options.startAt !== undefined && options.offsetMs !== undefined) {
    throw new ClockOptionError('give either a start instant or an offset for the clock, not both');
  }
  if (options.startAt !== undefined) parseClockInstant(options.startAt);
  if (options.offsetMs !== undefined && !Number.isFinite(options.offsetMs)) {
    throw new ClockOptionError(`clock offset ${String(options.offsetMs)} is not a finite number of milliseconds`);
  }
}

/**
 * The clock the options ask for, its offset fixed now: for `startAt`, the offset is the
 * given instant minus the system time at this call, so the clock reads `startAt` now.
 */
export function localClock(options: LocalClockOptions, systemNow: number = Date.now()): LocalClock {
  validateClockOptions(options);
  const offsetMs = options.startAt !== undefined ? parseClockInstant(options.startAt).getTime() - systemNow : (options.offsetMs ?? 0);
  return { offsetMs, now: () => new Date(Date.now() + offsetMs) };
}

/** `-123d 4h 5m 6s`-style text of an offset, for the start-up banner. */
export function formatClockOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  let rest = Math.round(Math.abs(offsetMs) / 1000);
  const parts: string[] = [];
  for (const [unit, seconds] of [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]] as const) {
    const count = Math.floor(rest / seconds);
    rest -= count * seconds;
    if (count > 0) parts.push(`${count}${unit}`);
  }
  return `${sign}${parts.length > 0 ? parts.join(' ') : '0s'}`;
}
