/**
 * A warning run's states as classes join it (domain/academics/warning-job.ts): done when every
 * class joined done, failed when one failed on every delivery, and reopened by issuing the
 * same document again so that its failed classes may join done. Counts worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { afterJoin, classesToSend, finished, reopened, warningRunOutcome, type ClassJoin, type ClassOutcome, type WarningRun } from '../../../domain/academics/warning-job.js';

const accepted: WarningRun = {
  tenantId: 't1',
  runId: 'issue-1',
  unitId: 'u1',
  termId: '2025-autumn',
  documentOn: '2026-03-13',
  documentRef: '教务〔2026〕8号',
  issue: true,
  settings: { passMark: 60, warningFailedCourses: 1, processingFailedCourses: 4, certificateLimit: 3 },
  classIds: ['c1', 'c2', 'c3'],
  classesDone: 0,
  failedClasses: [],
  warnedCount: 0,
  processingCount: 0,
  status: 'running',
  acceptedBy: 'registrar-1',
  acceptedAt: '2026-03-13T02:00:00.000Z',
};
const done = (classId: string, warnedCount: number, processingCount: number): ClassJoin => ({ classId, outcome: 'done', warnedCount, processingCount });
const failed = (classId: string): ClassJoin => ({ classId, outcome: 'failed', warnedCount: 0, processingCount: 0 });
/** Joins one after another, each over the outcome the class has by then; a refused join leaves the run as it was. */
function joinAll(run: WarningRun, joins: readonly ClassJoin[], outcomes = new Map<string, ClassOutcome>()): WarningRun {
  for (const join of joins) {
    const after = afterJoin(run, outcomes.get(join.classId), join);
    if (after === undefined) continue;
    outcomes.set(join.classId, join.outcome);
    run = after;
  }
  return run;
}
const figures = (run: WarningRun) => ({ status: run.status, classesDone: run.classesDone, failedClasses: run.failedClasses, warned: run.warnedCount, processing: run.processingCount });

describe('a warning run whose classes join it', () => {
  it('is done once every class joined done, each counted once however often it is delivered', () => {
    // c1 2 warned 1 processing, c1 again (refused), c2 1 + 0, c3 0 + 2 → 3 classes done, 2 + 1 + 0 = 3 warned, 1 + 0 + 2 = 3 processing.
    const run = joinAll(accepted, [done('c1', 2, 1), done('c1', 2, 1), done('c2', 1, 0)]);
    expect(figures(run)).toEqual({ status: 'running', classesDone: 2, failedClasses: [], warned: 3, processing: 1 });
    expect(warningRunOutcome(run)).toBeUndefined();
    const all = joinAll(run, [done('c3', 0, 2)], new Map([['c1', 'done'], ['c2', 'done']]));
    expect(warningRunOutcome(all)).toBe('done');
    expect(figures(finished(all, '2026-03-13T02:05:00.000Z')!)).toEqual({ status: 'done', classesDone: 3, failedClasses: [], warned: 3, processing: 3 });
  });

  it('is failed once every class joined and one failed, naming it once however often it failed', () => {
    const outcomes = new Map<string, ClassOutcome>();
    // c1 done (2 + 1), c3 failed twice (a duplicated last delivery), c2 done (1 + 0): 2 done + 1 failed = 3 of 3 joined.
    const run = joinAll(accepted, [done('c1', 2, 1), failed('c3'), failed('c3'), done('c2', 1, 0)], outcomes);
    expect(figures(run)).toEqual({ status: 'running', classesDone: 2, failedClasses: ['c3'], warned: 3, processing: 1 });
    expect(warningRunOutcome(run)).toBe('failed');
    const ended = finished(run, '2026-03-13T02:05:00.000Z')!;
    expect(ended).toMatchObject({ status: 'failed', finishedAt: '2026-03-13T02:05:00.000Z', failedClasses: ['c3'], classesDone: 2 });
    // Finished: a late delivery of c3 joins nothing, and the run cannot finish twice.
    expect(afterJoin(ended, 'failed', done('c3', 1, 1))).toBeUndefined();
    expect(finished(ended, '2026-03-13T02:06:00.000Z')).toBeUndefined();
  });

  it('never turns a class joined done into failed, nor counts it again', () => {
    const run = joinAll(accepted, [done('c1', 2, 1)]);
    expect(afterJoin(run, 'done', failed('c1'))).toBeUndefined();
    expect(afterJoin(run, 'done', done('c1', 2, 1))).toBeUndefined();
  });

  it('lets a class that failed join done while the run runs: it leaves the failed classes and adds its counts', () => {
    // c2 failed, then a late delivery of c2 succeeds (1 + 1): 1 done, none failed, 1 warned, 1 processing.
    const run = joinAll(accepted, [failed('c2'), done('c2', 1, 1)]);
    expect(figures(run)).toEqual({ status: 'running', classesDone: 1, failedClasses: [], warned: 1, processing: 1 });
  });

  it('refuses a class that is not one of the run’s', () => {
    expect(afterJoin(accepted, undefined, done('c9', 1, 0))).toBeUndefined();
  });
});

describe('a failed warning run issued again', () => {
  const outcomes = new Map<string, ClassOutcome>();
  const failedRun = finished(joinAll(accepted, [done('c1', 2, 1), failed('c3'), done('c2', 1, 0)], outcomes), '2026-03-13T02:05:00.000Z')!;

  it('runs again for its failed classes only, keeping what its done classes added', () => {
    const again = reopened(failedRun)!;
    expect(figures(again)).toEqual({ status: 'running', classesDone: 2, failedClasses: [], warned: 3, processing: 1 });
    expect(again.finishedAt).toBeUndefined();
    // c1 and c2 joined done; c3's marker says failed: only c3 is sent.
    expect(classesToSend(again, outcomes)).toEqual(['c3']);
    // Only one class outstanding: the run is not finished until it joins.
    expect(warningRunOutcome(again)).toBeUndefined();
  });

  it('ends done when the failed class joins done: 3 classes, 2 + 1 + 1 = 4 warned, 1 + 0 + 1 = 2 processing', () => {
    const again = joinAll(reopened(failedRun)!, [done('c3', 1, 1)], new Map(outcomes));
    expect(figures(finished(again, '2026-03-14T02:00:00.000Z')!)).toEqual({ status: 'done', classesDone: 3, failedClasses: [], warned: 4, processing: 2 });
  });

  it('ends failed again, naming it, when the class fails once more', () => {
    const again = joinAll(reopened(failedRun)!, [failed('c3')], new Map(outcomes));
    expect(finished(again, '2026-03-14T02:00:00.000Z')).toMatchObject({ status: 'failed', classesDone: 2, failedClasses: ['c3'] });
  });

  it('is not reopened when done, running, or a preview (a preview is previewed anew)', () => {
    const doneRun = finished(joinAll(accepted, [done('c1', 0, 0), done('c2', 0, 0), done('c3', 0, 0)]), '2026-03-13T02:05:00.000Z')!;
    expect(doneRun.status).toBe('done');
    expect(reopened(doneRun)).toBeUndefined();
    expect(reopened(accepted)).toBeUndefined();
    expect(reopened({ ...failedRun, issue: false })).toBeUndefined();
  });
});
