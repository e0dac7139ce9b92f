/**
 * A compliance run's bookkeeping: who or what started it, as of when, for which terms and
 * periods, how many units are done, counts by status, and its outcome. The storage adapter
 * joins the units with a conditional counter; these functions say what the figures mean.
 */
import type { FindingStatus } from '../compliance/index.js';
import type { ClosedPeriod } from './closed-periods.js';

export type RunStarter = { readonly kind: 'schedule' } | { readonly kind: 'user'; readonly userId: string };
export type RunStatus = 'accepted' | 'running' | 'succeeded' | 'failed';

export const findingStatuses = ['met', 'missed', 'pending', 'not-applicable', 'blocked'] as const satisfies readonly FindingStatus[];
export type StatusCounts = Readonly<Record<FindingStatus, number>>;
export const noCounts: StatusCounts = { met: 0, missed: 0, pending: 0, 'not-applicable': 0, blocked: 0 };

export interface Run {
  readonly tenantId: string;
  readonly runId: string;
  readonly startedBy: RunStarter;
  /** The instant evaluated as of (ISO 8601, UTC): the revision its findings carry. */
  readonly asOf: string;
  /** A daily run keeps the periods closed after this instant (its last successful run's); unset: every closed period. */
  readonly after?: string;
  /** An on-demand run names its term; a daily run covers every term that closed periods in its window. */
  readonly termId?: string;
  readonly status: RunStatus;
  readonly acceptedAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  readonly terms?: readonly string[];
  /** The calendar periods that closed in the window (deadlines from events are among the findings). */
  readonly periods?: readonly ClosedPeriod[];
  readonly unitsTotal?: number;
  readonly unitsDone: number;
  readonly unitsFailed: number;
  readonly failedUnits?: readonly string[];
  readonly counts: StatusCounts;
  readonly configurationRevision?: number;
  readonly ruleSetVersion?: string;
}

/** The daily run of one scheduled instant has one id, so a duplicated or retried delivery is the same run. */
export const dailyRunId = (scheduledTime: Date): string => `daily-${scheduledTime.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}`;

export function countByStatus(findings: readonly { readonly status: FindingStatus }[]): StatusCounts {
  const counts: Record<FindingStatus, number> = { ...noCounts };
  for (const finding of findings) counts[finding.status]++;
  return counts;
}

/** Every unit has answered: succeeded when none failed. Undefined while units are outstanding. */
export function outcomeOf(run: Pick<Run, 'unitsTotal' | 'unitsDone' | 'unitsFailed'>): 'succeeded' | 'failed' | undefined {
  if (run.unitsTotal === undefined || run.unitsDone + run.unitsFailed < run.unitsTotal) return undefined;
  return run.unitsFailed === 0 ? 'succeeded' : 'failed';
}
