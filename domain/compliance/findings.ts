/**
 * A finding is one rule × one subject × one period. Its key is deterministic, so
 * a re-run of the same job replaces the previous finding instead of adding one.
 */
import type { LocalDate } from '../calendar/index.js';

export type FindingStatus = 'met' | 'missed' | 'pending' | 'not-applicable' | 'blocked';
export type SubjectKind = 'staff' | 'class' | 'student';

export interface Subject {
  readonly kind: SubjectKind;
  readonly id: string;
}

/**
 * - count: records of a kind in the window ≥ required
 * - person-times: students talked to, counted per record (人次) ≥ required
 * - all-covered: every member of a set (students, parents, course teachers) covered
 * - rate: actual ratio strictly above required (缴费率高于90%)
 * - maximum: actual ≤ required (教学任务不超过54学时)
 */
export type MeasureKind = 'count' | 'person-times' | 'all-covered' | 'rate' | 'maximum';

export interface FindingPeriod {
  /** e.g. '2025A', '2025A/W2025-37', 'month:2025-09', 'activity:<record id>' */
  readonly key: string;
  /** first day evidence may fall on */
  readonly from: LocalDate;
  /**
   * last day evidence may fall on. A deadline N working days after an event that reaches into
   * a year with no holiday calendar is not known exactly: then `to` is the earliest it can be,
   * evidence up to it is in time whatever that year holds, and `reason` says
   * "deadline not before <to>: no holiday calendar loaded for <year>".
   */
  readonly to: LocalDate;
  /** evidence must have been submitted strictly before this instant (+08:00); the end of `to` for a working-day deadline */
  readonly dueBy: string;
}

export interface Finding {
  readonly key: string;
  readonly ruleId: string;
  readonly ruleSetVersion: string;
  readonly configRevision?: string;
  readonly subject: Subject;
  readonly period: FindingPeriod;
  readonly measure: MeasureKind;
  /** minimum (or maximum, for `maximum`; ratio for `rate`; set size for `all-covered`) */
  readonly required: number;
  readonly actual: number;
  readonly status: FindingStatus;
  /** pending only: how many more are needed (headroom for `maximum`) */
  readonly remaining?: number;
  /**
   * pending only: working days from "as of" to `period.to` (to the deadline itself when `to` is
   * only its earliest day); null when counting them needs a year with no calendar
   */
  readonly workingDaysLeft?: number | null;
  /** all-covered: members not yet covered, sorted */
  readonly missingIds?: readonly string[];
  /** ids of the records that counted, sorted */
  readonly evidenceIds: readonly string[];
  /** the parameters in force at the period's start, as applied */
  readonly params: Readonly<Record<string, number>>;
  /** why a finding is not-applicable or blocked, a note on rejected evidence, or that the deadline is only known as its earliest day */
  readonly reason?: string;
}

export function findingKey(ruleId: string, subject: Subject, periodKey: string): string {
  return `${ruleId}#${subject.kind}:${subject.id}#${periodKey}`;
}

/** Plain code-unit order: stable across runtimes and locales, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
