/** The kept pages of a warning run's list: a class's entries cut into pages, nothing lost, nothing repeated. */
import { describe, expect, it } from 'vitest';
import { pagesOfClass } from '../../../domain/academics/warning-job.js';

const listed = (studentNumber: string, failedCourses: string[]) => ({ studentNumber, classId: 'c1', failedCourses });
const total = (studentNumber: string, count: number) => ({ studentNumber, classId: 'c1', count });

describe('the kept pages of a class', () => {
  it('cut warned, then processing, then failed totals into pages of at most the page size, numbered from 0', () => {
    // 2 warned + 1 processing + 3 totals = 6 entries; pages of 4 → [w a, w b, p b, t a] and [t b, t c].
    const pages = pagesOfClass('c1', { warned: [listed('a', ['K1']), listed('b', ['K1', 'K2'])], processing: [listed('b', ['K1', 'K2', 'K3', 'K4'])], failedTotals: [total('a', 1), total('b', 4), total('c', 0)] }, 4);
    expect(pages).toEqual([
      { classId: 'c1', page: 0, warned: [listed('a', ['K1']), listed('b', ['K1', 'K2'])], processing: [listed('b', ['K1', 'K2', 'K3', 'K4'])], failedTotals: [total('a', 1)] },
      { classId: 'c1', page: 1, warned: [], processing: [], failedTotals: [total('b', 4), total('c', 0)] },
    ]);
  });

  it('keeps no page for a class with nobody in it, and one page when everything fits', () => {
    expect(pagesOfClass('c1', { warned: [], processing: [], failedTotals: [] }, 200)).toEqual([]);
    expect(pagesOfClass('c1', { warned: [], processing: [], failedTotals: [total('a', 0)] }, 200)).toHaveLength(1);
  });

  it('refuses a page size that is not a positive whole number', () => {
    expect(() => pagesOfClass('c1', { warned: [], processing: [], failedTotals: [] }, 0)).toThrow(RangeError);
    expect(() => pagesOfClass('c1', { warned: [], processing: [], failedTotals: [] }, 2.5)).toThrow(RangeError);
  });
});
