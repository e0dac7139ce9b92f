/**
 * Counts of findings by status, and the compliance rate the report shows for any group
 * of them (a unit, a class, a staff member, a rule, a family, the whole scope).
 */
import type { FindingStatus } from '../compliance/index.js';

export interface StatusCounts {
  readonly met: number;
  readonly missed: number;
  readonly pending: number;
  readonly notApplicable: number;
  readonly blocked: number;
  readonly total: number;
  /**
   * met / (met + missed): the share of decided findings that were met. Pending (still
   * open), not applicable (the rule does not bind here) and blocked (undecidable until
   * the tenant configures a figure or a calendar) are neither success nor failure, so
   * they stay out of both sides. null when nothing was decided.
   */
  readonly rate: number | null;
}

export function complianceRate(met: number, missed: number): number | null {
  return met + missed === 0 ? null : met / (met + missed);
}

export class StatusTally {
  private met = 0;
  private missed = 0;
  private pending = 0;
  private notApplicable = 0;
  private blocked = 0;

  add(status: FindingStatus): void {
    if (status === 'met') this.met += 1;
    else if (status === 'missed') this.missed += 1;
    else if (status === 'pending') this.pending += 1;
    else if (status === 'not-applicable') this.notApplicable += 1;
    else this.blocked += 1;
  }

  counts(): StatusCounts {
    const { met, missed, pending, notApplicable, blocked } = this;
    return { met, missed, pending, notApplicable, blocked, total: met + missed + pending + notApplicable + blocked, rate: complianceRate(met, missed) };
  }
}

/** A tally per key, created on first use. */
export class TallyMap<K> {
  private readonly tallies = new Map<K, StatusTally>();

  add(key: K, status: FindingStatus): void {
    let tally = this.tallies.get(key);
    if (!tally) this.tallies.set(key, (tally = new StatusTally()));
    tally.add(status);
  }

  has(key: K): boolean {
    return this.tallies.has(key);
  }

  counts(key: K): StatusCounts {
    return (this.tallies.get(key) ?? new StatusTally()).counts();
  }

  keys(): K[] {
    return [...this.tallies.keys()];
  }
}

/**
 * The status that speaks for several findings of one row: any miss makes it missed; else
 * anything blocked or pending keeps it open (blocked first: it needs someone to act); else
 * met if any was met; not applicable only when nothing else is.
 */
const WORST_FIRST: readonly FindingStatus[] = ['missed', 'blocked', 'pending', 'met', 'not-applicable'];

export function worstStatus(statuses: readonly FindingStatus[]): FindingStatus | null {
  for (const s of WORST_FIRST) if (statuses.includes(s)) return s;
  return null;
}
