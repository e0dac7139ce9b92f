/**
 * What the findings API shows: for each finding, its latest published revision; and
 * summaries per unit, class, staff member or rule with counts per status and the
 * compliance rate, met ÷ (met + missed), the share of decided findings that were met.
 */
import type { FindingStatus } from '../compliance/index.js';
import { countByStatus, type StatusCounts } from './run.js';
import type { StoredFinding } from './unit-findings.js';

/**
 * The findings as they stand: for each finding key, the one of the latest revision that
 * was published (a run that did not complete publishes nothing). Sorted by key.
 */
export function latestPublished(findings: readonly StoredFinding[], published: ReadonlySet<string>): StoredFinding[] {
  const latest = new Map<string, StoredFinding>();
  for (const finding of findings) {
    if (!published.has(finding.asOf)) continue;
    const kept = latest.get(finding.key);
    if (kept === undefined || kept.asOf < finding.asOf) latest.set(finding.key, finding);
  }
  return [...latest.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export type SummaryDimension = 'unit' | 'class' | 'staff' | 'rule';

export interface SummaryRow {
  readonly key: string;
  readonly counts: StatusCounts;
  readonly total: number;
  /** met ÷ (met + missed), rounded to 4 decimals; null when nothing is decided yet. */
  readonly complianceRate: number | null;
}

export function complianceRate(counts: Readonly<Record<FindingStatus, number>>): number | null {
  const decided = counts.met + counts.missed;
  return decided === 0 ? null : Math.round((counts.met / decided) * 10_000) / 10_000;
}

const keysOf = (finding: StoredFinding, by: SummaryDimension): readonly string[] => {
  switch (by) {
    case 'unit':
      return [finding.unitId];
    case 'class':
      return finding.classId === undefined ? [] : [finding.classId];
    case 'staff':
      return finding.staffIds;
    case 'rule':
      return [finding.ruleId];
  }
};

export function summarise(findings: readonly StoredFinding[], by: SummaryDimension): SummaryRow[] {
  const groups = new Map<string, StoredFinding[]>();
  for (const finding of findings) for (const key of keysOf(finding, by)) groups.set(key, [...(groups.get(key) ?? []), finding]);
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => {
      const counts = countByStatus(group);
      return { key, counts, total: group.length, complianceRate: complianceRate(counts) };
    });
}
