/**
 * Time as the domain sees it. Nothing in domain/ reads the system clock: the current
 * instant arrives through a Clock (or an "as of" value), so rules can be replayed for
 * any day of any term.
 */

/** A calendar date in Asia/Shanghai, `YYYY-MM-DD`. */
export type LocalDate = string;

export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** China keeps UTC+8 all year (no daylight saving), so the offset is a constant. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Asia/Shanghai calendar date on which an instant falls. */
export function shanghaiDateOf(instant: Date): LocalDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant after the given Shanghai date has ended (midnight of the next day). */
export function endOfShanghaiDay(date: LocalDate): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + 24 * 60 * 60 * 1000);
}
