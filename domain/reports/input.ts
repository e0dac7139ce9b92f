/**
 * What the term-end report is made from: the engine's findings for one term as of one
 * instant, and the names it shows beside the ids. Nothing here is read from storage; the
 * report function gathers it and passes it in, so the same input always gives the same
 * figures and the same workbook bytes.
 */
import type { LocalDate } from '../calendar/index.js';
import type { Finding } from '../compliance/index.js';

/** The whole tenant, or one unit (a learning center, college or department) of it. */
export type ReportScope = { readonly kind: 'tenant' } | { readonly kind: 'unit'; readonly unitId: string };

export interface ReportUnit {
  readonly id: string;
  readonly name: string;
}

export interface ReportClass {
  readonly id: string;
  readonly name: string;
  readonly unitId: string;
  /** who answers for the class's findings of each rule family (the holder as of the report) */
  readonly classTeacherId?: string;
  readonly counselorId?: string;
  readonly registrarId?: string;
}

export interface ReportStaff {
  readonly id: string;
  readonly name: string;
  /** the unit the directory records them in; their own duties (staff findings) count there */
  readonly unitId?: string;
}

/** A student only as far as the report needs: findings about a student count for their class. */
export interface ReportStudent {
  readonly id: string;
  readonly classId: string;
}

export interface TermReportInput {
  readonly tenant: { readonly id: string; readonly name: string };
  readonly scope: ReportScope;
  readonly term: { readonly id: string; readonly name?: string; readonly start: LocalDate; readonly end: LocalDate };
  /** the instant the report is as of (ISO 8601 with offset); also the workbook's document timestamps */
  readonly asOf: string;
  readonly ruleSetVersion: string;
  readonly configRevision?: string;
  /** 1 for the report issued one week after term end; each re-issue after a late period closes adds one */
  readonly revision?: number;
  /** every finding of the term as the engine gave it; those outside the scope are left out */
  readonly findings: readonly Finding[];
  readonly units: readonly ReportUnit[];
  readonly classes: readonly ReportClass[];
  readonly staff: readonly ReportStaff[];
  readonly students?: readonly ReportStudent[];
}
