/**
 * Which terms' grades a reader sees by their work (gradeTermsSeen), who collects a
 * transcript export (canCollectTranscriptExport), and bulk enrolment's rows
 * (enrolmentImportViolations): domain rules, no storage.
 */
import { describe, expect, it } from 'vitest';
import { canCollectTranscriptExport, gradeTermsSeen, canImportEnrolments, type Principal } from '../../../domain/access.js';
import { enrolmentImportViolations } from '../../../domain/academics/enrolment-import.js';
import type { Programme } from '../../../domain/academics/programmes.js';
import { servedClass as schoolClass } from '../../support/fixtures.js';

const as = (roles: Principal['roles'], userId = 'someone', unitId?: string): Principal => ({ userId, tenantId: 't1', roles, ...(unitId ? { unitId } : {}) });

describe('grades by term', () => {
  it('a registrar of the class’s unit sees every term; one of another unit none', () => {
    expect(gradeTermsSeen(as(['registrar'], 'r', schoolClass.unitId), schoolClass, []).everyTerm).toBe(true);
    expect(gradeTermsSeen(as(['registrar'], 'r', 'elsewhere'), schoolClass, [])).toEqual({ everyTerm: false, terms: new Set() });
  });

  it('a course teacher sees the terms they teach the class only', () => {
    expect(gradeTermsSeen(as(['course-teacher'], 'ct'), schoolClass, ['2025-autumn'])).toEqual({ everyTerm: false, terms: new Set(['2025-autumn']) });
  });

  it('taught terms count for the course-teacher role only', () => {
    expect(gradeTermsSeen(as(['class-teacher'], 'ct'), schoolClass, ['2025-autumn']).terms.size).toBe(0);
  });

  it('an export is collected by who asked, while they still read the results', () => {
    expect(canCollectTranscriptExport(as(['registrar'], 'r'), 'r', true).allowed).toBe(true);
    expect(canCollectTranscriptExport(as(['registrar'], 'r'), 'r', false).allowed).toBe(false);
    expect(canCollectTranscriptExport(as(['registrar'], 'r2'), 'r', true).allowed).toBe(false);
  });

  it('enrolments are imported by the tenant admin and registrars', () => {
    expect(canImportEnrolments(as(['tenant-admin'])).allowed).toBe(true);
    expect(canImportEnrolments(as(['registrar'])).allowed).toBe(true);
    expect(canImportEnrolments(as(['center-director'])).allowed).toBe(false);
  });
});

describe('bulk enrolment rows', () => {
  const programme: Programme = { majorId: 'acc', name: '会计学', level: 'undergraduate', studentType: 'open-education', requiredCredits: 1, courses: [] };
  const context = {
    standingOf: (n: string) => (n === 'new' || n === 'twice' ? { siteId: 'u1' } : n === 'placed' ? { siteId: 'u1', enrolled: { majorId: 'acc', grade: '2025-autumn' } } : undefined),
    programmes: new Map([['acc', programme]]),
    offeringsOf: (site: string) => (site === 'u1' ? [{ grade: '2025-autumn', majorIds: ['acc'] }] : []),
  };
  const codes = (rows: { studentNumber: string; majorId: string; grade: string }[]) => enrolmentImportViolations(rows, context).map((v) => `${v.path.join('/')} ${v.code}`);

  it('a good row gives nothing; each rule names its row and field', () => {
    expect(codes([{ studentNumber: 'new', majorId: 'acc', grade: '2025-autumn' }])).toEqual([]);
    expect(
      codes([
        { studentNumber: 'twice', majorId: 'acc', grade: '2025-autumn' },
        { studentNumber: 'twice', majorId: 'acc', grade: '2025-autumn' },
        { studentNumber: 'ghost', majorId: 'acc', grade: '2025-autumn' },
        { studentNumber: 'placed', majorId: 'acc', grade: '2025-autumn' },
        { studentNumber: 'new', majorId: 'acc', grade: '2026-spring' },
      ]),
    ).toEqual(['enrolments/1/studentNumber enrolment.duplicate-row', 'enrolments/2/studentNumber unknown_reference', 'enrolments/3/studentNumber enrolment.exists', 'enrolments/4/majorId enrolment.not-offered']);
  });
});
