/**
 * Where a check puts what it finds, within a memory bound. Every problem is counted (per
 * rule and column); the first `listed` go in the result as they are; the first
 * `annotated` are kept for the annotated copy. Past that bound a problem is counted but
 * not kept, and the result says so (`annotationsComplete: false`). At ~300 bytes a kept
 * problem, the default 50,000 hold ~15 MB.
 */
import type { UploadProblem } from './ports.js';

export const DEFAULT_LISTED_PROBLEMS = 1_000;
export const DEFAULT_ANNOTATED_PROBLEMS = 50_000;

export interface ProblemCount {
  readonly rule: string;
  /** absent for problems of the whole sheet */
  readonly column?: string;
  readonly count: number;
}

export class ProblemLog {
  private readonly kept: UploadProblem[] = [];
  private readonly counts = new Map<string, { rule: string; column?: string; count: number }>();
  total = 0;

  constructor(private readonly annotated: number = DEFAULT_ANNOTATED_PROBLEMS) {}

  add(problem: UploadProblem): void {
    this.total++;
    const key = `${problem.rule}\u0000${problem.column ?? ''}`;
    const c = this.counts.get(key);
    if (c) c.count++;
    else this.counts.set(key, { rule: problem.rule, ...(problem.column !== undefined ? { column: problem.column } : {}), count: 1 });
    if (this.kept.length < this.annotated) this.kept.push(problem);
  }

  /** Kept problems in sheet order (row, then column as Excel orders them). */
  keptInOrder(): UploadProblem[] {
    const columnRank = (c: string | undefined) => (c === undefined ? '' : c.padStart(3, ' '));
    return [...this.kept].sort((a, b) => (a.row ?? Number.MAX_SAFE_INTEGER) - (b.row ?? Number.MAX_SAFE_INTEGER) || columnRank(a.column).localeCompare(columnRank(b.column)));
  }

  countsByRuleAndColumn(): ProblemCount[] {
    return [...this.counts.values()].sort((a, b) => a.rule.localeCompare(b.rule) || (a.column ?? '').localeCompare(b.column ?? ''));
  }

  get complete(): boolean {
    return this.kept.length === this.total;
  }
}

const countKey = (rule: string, column: string | undefined) => `${rule}\u0000${column ?? ''}`;
const byRuleAndColumn = (a: ProblemCount, b: ProblemCount) => a.rule.localeCompare(b.rule) || (a.column ?? '').localeCompare(b.column ?? '');

/** Several tallies as one, per rule and column, in the order `countsByRuleAndColumn` gives. */
export function mergedCounts(...tallies: readonly (readonly ProblemCount[])[]): ProblemCount[] {
  const merged = new Map<string, ProblemCount>();
  for (const c of tallies.flat()) {
    const key = countKey(c.rule, c.column);
    const before = merged.get(key);
    merged.set(key, { rule: c.rule, ...(c.column !== undefined ? { column: c.column } : {}), count: (before?.count ?? 0) + c.count });
  }
  return [...merged.values()].sort(byRuleAndColumn);
}

/** The problems of a list, counted per rule and column. */
export const countsOf = (problems: readonly UploadProblem[]): ProblemCount[] => mergedCounts(problems.map((p) => ({ rule: p.rule, ...(p.column !== undefined ? { column: p.column } : {}), count: 1 })));
