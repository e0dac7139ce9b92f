/**
 * Corrections (成绩更正, seed 003 成绩管理工作流程 2): whoever may enter a result asks for a
 * change with a reason; a registrar of the student's unit approves or refuses it. An
 * approved change keeps the old value with who asked, who approved and why.
 */
import type { Violation } from '../violation.js';
import type { CourseResult, ResultChange } from './results.js';

export interface Correction {
  readonly correctionId: string;
  readonly termId: string;
  readonly courseCode: string;
  readonly field: ResultChange['field'];
  readonly value: number;
  readonly reason: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  /** The result's version the request was made on: a result changed since is not changed again unseen. */
  readonly resultVersion: number;
  readonly state: 'pending' | 'approved' | 'refused';
  readonly decision?: { readonly by: string; readonly at: string; readonly note?: string };
}

/** A correction changes what is there: the make-up score only once one was entered, and never to the value it has. */
export function correctionViolations(result: Pick<CourseResult, 'score' | 'makeUpScore'>, field: ResultChange['field'], value: number): Violation[] {
  const current = result[field];
  if (current === undefined) return [{ path: ['field'], code: 'correction.no-make-up', message: 'there is no make-up result to correct', zh: '该课程没有补考成绩可更正' }];
  if (current === value) return [{ path: ['value'], code: 'correction.unchanged', message: `the ${field} is ${value} already`, zh: `成绩已是 ${value}` }];
  return [];
}

/** The result once an approved correction is applied: the new value, and the change kept. */
export function corrected<R extends CourseResult>(result: R, correction: Correction, approvedBy: string, at: string): R {
  const change: ResultChange = { field: correction.field, from: result[correction.field], to: correction.value, reason: correction.reason, requestedBy: correction.requestedBy, approvedBy, at };
  return { ...result, [correction.field]: correction.value, changes: [...(result.changes ?? []), change] };
}
