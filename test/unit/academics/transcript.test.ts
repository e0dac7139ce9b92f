/**
 * The transcript as a reader sees it (domain/academics/transcript.ts): grades per term by
 * the reader's work, every term through a grant (and then a reveal to log), credits earned
 * only to who sees every result; and its workbook, the same bytes for the same input.
 */
import { describe, expect, it } from 'vitest';
import type { Programme } from '../../../domain/academics/programmes.js';
import { defaultAcademicSettings, type CourseResult } from '../../../domain/academics/results.js';
import { rowsInTermOrder, transcriptView, type GradeAccess, type TranscriptInput } from '../../../domain/academics/transcript.js';
import { transcriptWorkbookBytes } from '../../../functions/reports/transcript-workbook.js';

const programme: Programme = {
  majorId: 'acc',
  name: '会计学',
  level: 'undergraduate',
  studentType: 'open-education',
  requiredCredits: 5,
  courses: [
    { code: 'A', name: '甲', credits: 3, programmeTerm: 1, degreeCourse: false },
    { code: 'B', name: '乙', credits: 2, programmeTerm: 2, degreeCourse: false },
  ],
};
const result = (termId: string, courseCode: string, score: number): CourseResult & { version: number } => ({ studentNumber: 's', classId: 'c', termId, courseCode, score, enteredBy: 'r', enteredAt: '2026-01-10T00:00:00.000Z', version: 1 });
/** A passed with 75 in 2025-autumn; B failed with 30 in 2026-spring: credits earned 3. */
const input: TranscriptInput = {
  student: { studentNumber: 's', name: '学生' },
  classId: 'c',
  siteId: 'u',
  enrolment: { majorId: 'acc', grade: '2025-autumn' },
  programme,
  settings: defaultAcademicSettings,
  results: [result('2026-spring', 'B', 30), result('2025-autumn', 'A', 75)],
};
const none: GradeAccess = { everyTerm: false, terms: new Set() };
const scores = (access: GradeAccess) => transcriptView(input, access).transcript.results.map((r) => [r.termId, r.score ?? null]);

describe('grades shown by term', () => {
  it('a registrar (every term) sees every score and the credits earned, 3', () => {
    const { transcript, revealedByGrant } = transcriptView(input, { everyTerm: true, terms: new Set() });
    expect(scores({ everyTerm: true, terms: new Set() })).toEqual([['2026-spring', 30], ['2025-autumn', 75]]);
    expect(transcript).toMatchObject({ creditsEarned: 3, maskedFields: [] });
    expect(revealedByGrant).toBe(false);
  });

  it('a course teacher of 2025-autumn sees that term’s score only, and no credits earned (they would tell 2026-spring’s pass)', () => {
    const access = { everyTerm: false, terms: new Set(['2025-autumn']) };
    expect(scores(access)).toEqual([['2026-spring', null], ['2025-autumn', 75]]);
    const { transcript } = transcriptView(input, access);
    expect(transcript.creditsEarned).toBeUndefined();
    expect(transcript.maskedFields).toEqual(['grades']);
    expect(transcript.results[0]).not.toHaveProperty('passed');
  });

  it('a reader without grades sees courses and credits of each course, no score, pass or total', () => {
    const { transcript } = transcriptView(input, none);
    expect(transcript.results.map((r) => Object.keys(r).sort())).toEqual([
      ['courseCode', 'courseName', 'credits', 'termId', 'version'],
      ['courseCode', 'courseName', 'credits', 'termId', 'version'],
    ]);
    expect(transcript.creditsEarned).toBeUndefined();
  });

  it('a grant reveals every term, and says so when the reader’s work would not have shown one', () => {
    expect(transcriptView(input, { ...none, grantId: 'g' })).toMatchObject({ revealedByGrant: true, transcript: { maskedFields: [], creditsEarned: 3 } });
    // A course teacher of both terms sees everything by their work: the grant reveals nothing more.
    expect(transcriptView(input, { everyTerm: false, terms: new Set(['2025-autumn', '2026-spring']), grantId: 'g' }).revealedByGrant).toBe(false);
  });

  it('with no results yet nothing is masked and nothing is revealed', () => {
    const empty = { ...input, results: [] };
    expect(transcriptView(empty, none)).toMatchObject({ revealedByGrant: false, transcript: { maskedFields: [], results: [] } });
    expect(transcriptView(empty, { ...none, grantId: 'g' }).revealedByGrant).toBe(false);
  });

  it('the workbook lists rows in time order: spring before autumn of a year, then by course code', () => {
    const rows = transcriptView({ ...input, results: [result('2026-autumn', 'A', 1), result('2026-spring', 'B', 1), result('2026-spring', 'A', 1)] }, none).transcript.results;
    expect(rowsInTermOrder(rows).map((r) => `${r.termId} ${r.courseCode}`)).toEqual(['2026-spring A', '2026-spring B', '2026-autumn A']);
  });
});

describe('the transcript workbook', () => {
  it('is the same bytes for the same transcript and request time, written two seconds apart (zip times count in 2 s steps) and in another time zone', async () => {
    const { transcript } = transcriptView(input, { everyTerm: true, terms: new Set() });
    const first = await transcriptWorkbookBytes(transcript, '2026-07-20T02:00:00.000Z');
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const zone = process.env['TZ'];
    process.env['TZ'] = 'America/Los_Angeles';
    try {
      const second = await transcriptWorkbookBytes(transcript, '2026-07-20T02:00:00.000Z');
      expect(Buffer.compare(first, second)).toBe(0);
    } finally {
      if (zone === undefined) delete process.env['TZ'];
      else process.env['TZ'] = zone;
    }
  });
});
