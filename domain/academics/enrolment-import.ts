/**
 * Bulk enrolment (学籍注册 of a cohort): a registrar places many students in their majors
 * at once, all or nothing. Each row is held to the rule of a single enrolment
 * (`enrolmentViolations`: a major that exists, offered by the student's site to their
 * grade), and besides: the student exists, appears once, and has no major yet. A change
 * of major stays a single, versioned change (`PUT …/programme` with If-Match): an import
 * never overwrites one.
 */
import type { Violation } from '../violation.js';
import { enrolmentViolations, type Enrolment, type Offering, type Programme } from './programmes.js';

export interface EnrolmentRow extends Enrolment {
  readonly studentNumber: string;
}

/** Where a row's student stands: their site (their class's unit) and their major if set. */
export interface StudentStanding {
  readonly siteId: string;
  readonly enrolled?: Enrolment | undefined;
}

export interface EnrolmentImportContext {
  /** undefined: no such student in the tenant. */
  readonly standingOf: (studentNumber: string) => StudentStanding | undefined;
  readonly programmes: ReadonlyMap<string, Programme>;
  /** Every term's offerings of a site. */
  readonly offeringsOf: (siteId: string) => readonly Offering[];
}

/** Every bad row's every problem, each named by `[listName, row, field]`. */
export function enrolmentImportViolations(rows: readonly EnrolmentRow[], context: EnrolmentImportContext, listName = 'enrolments'): Violation[] {
  const out: Violation[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const at = [listName, index];
    if (seen.has(row.studentNumber)) {
      out.push({ path: [...at, 'studentNumber'], code: 'enrolment.duplicate-row', message: `student ${row.studentNumber} is listed twice`, zh: `学生 ${row.studentNumber} 重复` });
      return;
    }
    seen.add(row.studentNumber);
    const standing = context.standingOf(row.studentNumber);
    if (standing === undefined) {
      out.push({ path: [...at, 'studentNumber'], code: 'unknown_reference', message: `no student ${row.studentNumber}`, zh: `没有学号为 ${row.studentNumber} 的学生` });
      return;
    }
    if (standing.enrolled !== undefined) {
      out.push({
        path: [...at, 'studentNumber'],
        code: 'enrolment.exists',
        message: `student ${row.studentNumber} is in major ${standing.enrolled.majorId} already; change it on its own (PUT …/programme with If-Match)`,
        zh: `学生 ${row.studentNumber} 已登记专业 ${standing.enrolled.majorId}；如需变更请单独修改`,
      });
      return;
    }
    const rowViolations = enrolmentViolations(row, context.programmes.get(row.majorId), context.offeringsOf(standing.siteId));
    out.push(...rowViolations.map((v) => ({ ...v, path: [...at, ...v.path] })));
  });
  return out;
}
