/**
 * Facts the rules turn on that arrive from other systems or offices (finance's tuition
 * figures, a class's graduation, a counselor's teaching hours): one versioned document each,
 * kept with its class or staff member, changed with If-Match, stamped with who set it when.
 */
import type { ClassInfo } from './compliance/index.js';

/** Whose fact it is: `class:<classId>` or `staff:<userId>`. */
export type FactOwner = `class:${string}` | `staff:${string}`;

export interface StoredFact<C = unknown> {
  readonly tenantId: string;
  readonly owner: FactOwner;
  /** What it is, e.g. `TUITION#2025-autumn`, `GRADUATION`. */
  readonly fact: string;
  readonly content: C;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export const factKeys = {
  tuition: (termId: string) => `TUITION#${termId}`,
  tuitionAll: 'TUITION#',
} as const;

/** Finance's figures for one class and term (seed 002 二(八) 学费催缴): billed and paid per student, in yuan. */
export interface Tuition {
  readonly students: readonly { readonly studentNumber: string; readonly billed: number; readonly paid: number }[];
}

const fen = (yuan: number) => Math.round(yuan * 100);

/**
 * CO-TUITION's figures: students billed and students fully paid (the default rate), and the
 * amounts billed and paid, in fen (paid counted up to what was billed, so one student's
 * prepayment does not cover another's debt) for tenants that rate by amount.
 */
export function tuitionFigures(termId: string, tuition: Tuition): NonNullable<ClassInfo['tuition']>[number] {
  const billed = tuition.students.filter((s) => s.billed > 0);
  return {
    termId,
    billed: billed.length,
    paid: billed.filter((s) => fen(s.paid) >= fen(s.billed)).length,
    billedAmount: billed.reduce((sum, s) => sum + fen(s.billed), 0),
    paidAmount: billed.reduce((sum, s) => sum + Math.min(fen(s.paid), fen(s.billed)), 0),
  };
}
