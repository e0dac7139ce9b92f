/**
 * The rules of a warning run's states (domain/academics/warning-job.ts) that the job and the
 * route follow: a class joins until it has joined done; the run ends done when every class
 * joined done, failed when every class joined and one failed; a failed issued run is
 * reopened by issuing the same document again, sending its classes not done. The writes
 * themselves (conditional, transactional) are tested on DynamoDB Local in
 * test/integration/warning-run-failed.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { classesToSend, mayJoin, mayReopen, warningRunOutcome, type ClassOutcome } from '../../../domain/academics/warning-job.js';

const classIds = ['c1', 'c2', 'c3'];

describe('WARNING-RUN-JOIN: a class joins until it has joined done', () => {
  it('a class not joined, or joined failed (a late delivery, or a reopened run), may join; one joined done never again', () => {
    expect([mayJoin(undefined), mayJoin('failed'), mayJoin('done')]).toEqual([true, true, false]);
  });
});

describe('WARNING-RUN-OUTCOME: how a run ends once every class has joined', () => {
  it('is undecided while classes are outstanding: 2 done + 0 failed < 3 classes', () => {
    expect(warningRunOutcome({ classIds, classesDone: 2, failedClasses: [] })).toBeUndefined();
  });

  it('is done when all 3 joined done, failed when 2 done + 1 failed make 3', () => {
    expect(warningRunOutcome({ classIds, classesDone: 3, failedClasses: [] })).toBe('done');
    expect(warningRunOutcome({ classIds, classesDone: 2, failedClasses: ['c3'] })).toBe('failed');
  });
});

describe('WARNING-RUN-REOPEN: issuing the same document again', () => {
  it('reopens a failed issued run only: not a done or running one, nor a failed preview', () => {
    expect(mayReopen({ status: 'failed', issue: true })).toBe(true);
    expect([mayReopen({ status: 'done', issue: true }), mayReopen({ status: 'running', issue: true }), mayReopen({ status: 'failed', issue: false })]).toEqual([false, false, false]);
  });

  it('sends every class not joined done: c1 done, c2 failed, c3 never joined → c2 and c3', () => {
    const outcomes = new Map<string, ClassOutcome>([
      ['c1', 'done'],
      ['c2', 'failed'],
    ]);
    expect(classesToSend({ classIds }, outcomes)).toEqual(['c2', 'c3']);
  });
});
