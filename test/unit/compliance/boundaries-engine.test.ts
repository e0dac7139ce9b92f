/**
 * The engine's shared machinery at its edges: thresholds in force on a given day, when a
 * period opens and closes, which records are visible "as of", which classes are checked,
 * and the shared window counting. Weeks below are ISO weeks of 2025A (Mon 2025-09-01 on).
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type EngineRecord, type RuleDefinition } from '../../../domain/compliance/index.js';
import { classSubject, countPerWindow } from '../../../domain/compliance/rules/helpers.js';
import { AFTER_2025A, all, find, input, klass, rec, run, students, tenant } from './fixtures.js';

const c1 = klass('c1');
const check = (day: string, over: Partial<EngineRecord> = {}) => rec('class-check', day, 'co-c1', { classId: 'c1', ...over });
const minOverride = (value: number, effectiveFrom: string) => ({ ruleId: 'CO-CLASS-CHECK', param: 'min', value, effectiveFrom });

describe('thresholds in force (tenant overrides)', () => {
  it('CO-CLASS-CHECK: an override takes effect on its effectiveFrom day (Mon 9/15 opens W38 with min 2)', () => {
    const ev = run({ asOf: AFTER_2025A, classes: [c1], config: tenant({ overrides: [minOverride(2, '2025-09-15')] }), records: [check('2025-09-16')] });
    expect(find(ev, 'CO-CLASS-CHECK', 'c1', '2025A/W2025-38')).toMatchObject({ status: 'missed', required: 2, actual: 1 });
    expect(find(ev, 'CO-CLASS-CHECK', 'c1', '2025A/W2025-37')).toMatchObject({ required: 1, params: { min: 1 } });
  });

  it('CO-CLASS-CHECK: of two overrides the latest in force wins, in whatever order they are configured', () => {
    const overrides = [minOverride(3, '2025-10-13'), minOverride(2, '2025-09-15')];
    for (const list of [overrides, [...overrides].reverse()]) {
      const ev = run({ asOf: AFTER_2025A, classes: [c1], config: tenant({ overrides: list }) });
      expect(find(ev, 'CO-CLASS-CHECK', 'c1', '2025A/W2025-37').required).toBe(1);
      expect(find(ev, 'CO-CLASS-CHECK', 'c1', '2025A/W2025-38').required).toBe(2);
      expect(find(ev, 'CO-CLASS-CHECK', 'c1', '2025A/W2025-42').required).toBe(3);
    }
  });

  it('ignores an override of an unknown rule, or one that is not a number, with a warning each', () => {
    const config = tenant({
      overrides: [
        { ruleId: 'XX-NOPE', param: 'min', value: 2, effectiveFrom: '2025-01-01' },
        { ruleId: 'CO-MEETING', param: 'min', value: Number.NaN, effectiveFrom: '2025-01-01' },
      ],
    });
    const ev = run({ asOf: AFTER_2025A, classes: [c1], config });
    expect(ev.warnings).toEqual([
      'ignored override CO-MEETING.min: unknown rule or parameter, or not a number',
      'ignored override XX-NOPE.min: unknown rule or parameter, or not a number',
    ]);
    expect(find(ev, 'CO-MEETING', 'c1').required).toBe(4);
  });

  it('a rule asking for a parameter it does not declare is a programming error, named', () => {
    const broken: RuleDefinition = { ...probeRule, evaluate: (ctx, rule) => void ctx.param(rule, 'missing', ctx.term.start) };
    expect(() => evaluate(input({ asOf: AFTER_2025A, classes: [c1] }), [broken])).toThrow('XX-PROBE has no parameter missing');
  });
});

/** A rule that emits one finding per call, to look at `emit` without a seed rule around it. */
const probeRule: RuleDefinition = {
  id: 'XX-PROBE',
  title: 'probe',
  source: { file: 'none', section: '-', quote: '-' },
  role: 'counselor',
  audience: 'all',
  subject: 'staff',
  period: 'test',
  measure: 'count',
  params: { min: 1 },
  evaluate: () => undefined,
};

describe('a per-window minimum the seed leaves open', () => {
  it('is blocked in every window, naming the parameter, until the tenant sets it', () => {
    const open: RuleDefinition = {
      ...probeRule,
      params: { min: null },
      evaluate: (ctx, rule) => countPerWindow(ctx, rule, { granularity: 'month', subject: classSubject('c1'), idxs: ctx.index.ofClass('class-check', 'c1') }),
    };
    const ev = evaluate(input({ asOf: AFTER_2025A, classes: [c1], records: [check('2025-09-10')] }), [open]);
    expect(ev.findings.map((f) => f.status)).toEqual(['blocked', 'blocked', 'blocked', 'blocked', 'blocked']);
    expect(ev.findings[0]).toMatchObject({ required: 0, actual: 1, reason: 'not configured: XX-PROBE.min (the seed gives no figure)' });
    const set = evaluate(input({ asOf: AFTER_2025A, classes: [c1], records: [check('2025-09-10')], config: tenant({ overrides: [{ ruleId: 'XX-PROBE', param: 'min', value: 1, effectiveFrom: '2025-01-01' }] }) }), [{ ...open }]);
    expect(set.findings.map((f) => f.status)).toEqual(['met', 'missed', 'missed', 'missed', 'missed']);
  });
});

describe('when a period opens and closes', () => {
  it('CO-CLASS-CHECK: a week is listed from its first day (as of Mon 9/15 08:00, W38 is pending)', () => {
    const ev = run({ asOf: '2025-09-15T08:00:00+08:00', classes: [c1] });
    expect(all(ev, 'CO-CLASS-CHECK', 'c1').map((f) => `${f.period.key} ${f.status}`)).toEqual([
      '2025A/W2025-36 missed',
      '2025A/W2025-37 missed',
      '2025A/W2025-38 pending',
    ]);
  });

  it('CO-CLASS-CHECK: a week closes at 00:00 after its Sunday: as of that instant it is missed, a second earlier pending', () => {
    expect(find(run({ asOf: '2025-09-15T00:00:00+08:00', classes: [c1] }), 'CO-CLASS-CHECK', 'c1', '2025A/W2025-37').status).toBe('missed');
    const open = find(run({ asOf: '2025-09-14T23:59:59+08:00', classes: [c1] }), 'CO-CLASS-CHECK', 'c1', '2025A/W2025-37');
    // Sunday 9/14 is the week's last day and no working day: one to go, none left to do it in.
    expect(open).toMatchObject({ status: 'pending', remaining: 1, workingDaysLeft: 0 });
  });

  it('CO-CLASS-CHECK: a check submitted 23:59:59 on Sunday counts for its week, one submitted at 00:00 Monday does not', () => {
    const inTime = check('2025-09-14', { submittedAt: '2025-09-14T23:59:59+08:00' });
    const late = check('2025-09-14', { submittedAt: '2025-09-15T00:00:00+08:00' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [inTime] }), 'CO-CLASS-CHECK', 'c1', '2025A/W2025-37').status).toBe('met');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [late] }), 'CO-CLASS-CHECK', 'c1', '2025A/W2025-37').status).toBe('missed');
  });

  it('CO-CLASS-CHECK: checks before the term’s first day or after its last day count in no week', () => {
    const ev = run({ asOf: AFTER_2025A, classes: [c1], records: [check('2025-08-31'), check('2026-01-19')] });
    expect(all(ev, 'CO-CLASS-CHECK', 'c1').filter((f) => f.status === 'met')).toEqual([]);
    const edges = run({ asOf: AFTER_2025A, classes: [c1], records: [check('2025-09-01'), check('2026-01-18')] });
    expect(find(edges, 'CO-CLASS-CHECK', 'c1', '2025A/W2025-36').status).toBe('met');
    expect(find(edges, 'CO-CLASS-CHECK', 'c1', '2025A/W2026-03').status).toBe('met');
  });

  it('CO-CLASS-CHECK: pending shows working days left from "as of" to the week’s end (Wed 9/10 → 9/10..9/12 = 3)', () => {
    const f = find(run({ asOf: '2025-09-10T09:00:00+08:00', classes: [c1] }), 'CO-CLASS-CHECK', 'c1', '2025A/W2025-37');
    expect(f).toMatchObject({ status: 'pending', remaining: 1, workingDaysLeft: 3 });
    expect(Object.keys(f)).not.toContain('reason');
  });

  it('CO-TEACHING-LOAD: a maximum exceeded mid-term is missed at once; within it, pending with the headroom', () => {
    const hours = (h: number) => rec('teaching-hours', '2025-10-10', 'co-c1', { hours: h });
    const over = find(run({ asOf: '2025-11-01T00:00:00+08:00', classes: [c1], records: [hours(55)] }), 'CO-TEACHING-LOAD', 'co-c1');
    expect(over).toMatchObject({ status: 'missed', actual: 55 });
    expect(over.remaining).toBeUndefined();
    const at = find(run({ asOf: '2025-11-01T00:00:00+08:00', classes: [c1], records: [hours(54)] }), 'CO-TEACHING-LOAD', 'co-c1');
    expect(at).toMatchObject({ status: 'pending', remaining: 0 });
    const none = find(run({ asOf: '2025-11-01T00:00:00+08:00', classes: [c1], records: [rec('teaching-hours', '2025-10-10', 'co-c1')] }), 'CO-TEACHING-LOAD', 'co-c1');
    expect(none).toMatchObject({ status: 'pending', actual: 0, remaining: 54 });
  });

  it('CO-TUITION: a rate below the bar while the term runs is pending with the gap (0.9 − 0.5 = 0.4)', () => {
    const half = klass('c1', { tuition: [{ termId: '2025A', billed: 40, paid: 20 }] });
    expect(find(run({ asOf: '2025-11-01T00:00:00+08:00', classes: [half] }), 'CO-TUITION', 'c1')).toMatchObject({ status: 'pending', actual: 0.5, remaining: 0.4 });
  });

  it('a finding carries the tenant’s configuration revision only when there is one', () => {
    const withRevision = run({ asOf: AFTER_2025A, classes: [c1], config: tenant({ revision: 'rev-7' }) });
    expect(find(withRevision, 'CO-MEETING', 'c1').configRevision).toBe('rev-7');
    expect('configRevision' in find(run({ asOf: AFTER_2025A, classes: [c1] }), 'CO-MEETING', 'c1')).toBe(false);
  });

  it('evidence ids are listed in id order whatever the order the records come in', () => {
    const a = rec('class-meeting', '2025-09-10', 'co-c1', { classId: 'c1' });
    const b = rec('class-meeting', '2025-10-10', 'co-c1', { classId: 'c1' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [b, a] }), 'CO-MEETING', 'c1').evidenceIds).toEqual([a.id, b.id]);
  });
});

describe('windows with too few working days (minWorkingDaysPerWindow)', () => {
  // W2025-40 is Mon 9/29..Sun 10/5: 9/29 and 9/30 are working days, 10/1–10/5 National Day.
  it('CO-CLASS-CHECK: a minimum of 3 working days excuses the National Day week, naming its 2 days', () => {
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], config: tenant({ minWorkingDaysPerWindow: 3 }) }), 'CO-CLASS-CHECK', 'c1', '2025A/W2025-40');
    expect(f).toMatchObject({ status: 'not-applicable', reason: '2 working day(s) in 2025-09-29..2025-10-05' });
  });

  it('CO-CLASS-CHECK: a minimum of exactly 2 working days still checks that week', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], config: tenant({ minWorkingDaysPerWindow: 2 }) }), 'CO-CLASS-CHECK', 'c1', '2025A/W2025-40').status).toBe('missed');
  });
});

describe('which records are visible "as of"', () => {
  it('CO-MEETING: a record submitted at exactly the "as of" instant is visible', () => {
    const m = rec('class-meeting', '2025-10-10', 'co-c1', { classId: 'c1', submittedAt: '2025-10-10T20:00:00+08:00' });
    expect(find(run({ asOf: '2025-10-10T20:00:00+08:00', classes: [c1], records: [m] }), 'CO-MEETING', 'c1').actual).toBe(1);
    expect(find(run({ asOf: '2025-10-10T19:59:59+08:00', classes: [c1], records: [m] }), 'CO-MEETING', 'c1').actual).toBe(0);
  });

  it('rejects records of an unknown kind or with a bad instant, naming why, in id order', () => {
    const unknownKind = { ...rec('talk', '2025-10-10', 'co-c1'), kind: 'gossip' } as unknown as EngineRecord;
    const badInstant = rec('talk', '2025-10-10', 'co-c1', { submittedAt: '2025-10-10T20:00:00' });
    const ev = run({ asOf: AFTER_2025A, classes: [c1], records: [unknownKind, badInstant].reverse() });
    expect(ev.rejectedRecords).toEqual([
      { id: unknownKind.id, reason: 'unknown kind gossip' },
      { id: badInstant.id, reason: 'invalid occurredOn or submittedAt' },
    ]);
  });

  it('CO-MEETING: a meeting recorded without a class counts for no class, though its author is the counselor', () => {
    const classless = rec('class-meeting', '2025-10-10', 'co-c1');
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [classless] }), 'CO-MEETING', 'c1').actual).toBe(0);
  });

  it('CO-LECTURE: observations are the author’s, whichever class they name', () => {
    const ev = run({ asOf: AFTER_2025A, classes: [c1], records: [rec('lecture-observation', '2025-10-10', 'co-c1', { classId: 'elsewhere' })] });
    expect(find(ev, 'CO-LECTURE', 'co-c1', '2025A/2025-10').status).toBe('met');
  });
});

describe('which classes are checked in a term', () => {
  it('skips a class whose first term is unknown, with a warning; takes one that entered before every configured term as returning', () => {
    const unknown = klass('u1', { firstTermId: '2019A' });
    const old = klass('o1', { firstTermId: '2019A', enteredBeforeConfiguredTerms: true });
    const ev = run({ asOf: AFTER_2025A, classes: [unknown, old] });
    expect(ev.warnings).toEqual(['class u1: unknown first term 2019A; skipped']);
    expect(all(ev, 'CO-MEETING', 'u1')).toHaveLength(0);
    expect(find(ev, 'CT-MEETING-OLD', 'o1').status).toBe('missed');
    expect(find(ev, 'CT-COMMITTEE', 'o1').status).toBe('not-applicable');
  });

  it('a class whose first term is the next one is not checked yet; one starting this term is new', () => {
    const ev = run({ asOf: AFTER_2025A, classes: [klass('s1', { firstTermId: '2026S' }), klass('n1', { firstTermId: '2025A' })] });
    expect(all(ev, 'CO-MEETING', 's1')).toHaveLength(0);
    expect(find(ev, 'CT-MEETING-NEW', 'n1').required).toBe(3);
  });

  it('a class graduating the day before the term starts is not checked; one graduating on its first day is', () => {
    const gone = klass('g0', { graduation: { graduatesOn: '2025-08-31' } });
    const lastDay = klass('g1', { graduation: { graduatesOn: '2025-09-01' } });
    const ev = run({ asOf: AFTER_2025A, classes: [gone, lastDay] });
    expect(all(ev, 'CO-MEETING', 'g0')).toHaveLength(0);
    expect(all(ev, 'CO-MEETING', 'g1')).toHaveLength(1);
  });

  it('CO-TALK-RATIO: a headcount given apart from the listed students sets the figure (45 → 15)', () => {
    const big = klass('c1', { headcount: 45 });
    expect(find(run({ asOf: AFTER_2025A, classes: [big] }), 'CO-TALK-RATIO', 'c1').required).toBe(15);
  });

  it('CT-COMMITTEE: a class that entered before every configured term is dated from the earliest term start (2025-02-17)', () => {
    // Changes in force from 2/17 apply to it, one from 2/18 does not.
    const config = tenant({
      overrides: [
        { ruleId: 'CT-COMMITTEE', param: 'withinWorkingDays', value: 5, effectiveFrom: '2025-02-17' },
        { ruleId: 'CT-COMMITTEE', param: 'withinWorkingDays', value: 7, effectiveFrom: '2025-02-18' },
      ],
    });
    const ev = run({ asOf: AFTER_2025A, classes: [klass('o1', { firstTermId: '2019A', enteredBeforeConfiguredTerms: true })], config });
    expect(find(ev, 'CT-COMMITTEE', 'o1')).toMatchObject({ status: 'not-applicable', params: { withinWorkingDays: 5 } });
  });

  it('a class without a class teacher gives no class-teacher findings, and no staff finding for nobody', () => {
    const ev = run({ asOf: AFTER_2025A, classes: [klass('c1', { classTeacherId: undefined })] });
    expect(ev.findings.filter((f) => f.ruleId.startsWith('CT-'))).toEqual([]);
  });
});

describe('documents belong to a term by `covers`, else by their date', () => {
  it('CT-SUMMARY-TERM: a summary dated on the term’s first day without `covers` is the term’s report', () => {
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], records: [rec('term-summary', '2025-09-01', 'ct-c1')] }), 'CT-SUMMARY-TERM', 'ct-c1');
    expect(f.status).toBe('met');
    const before = find(run({ asOf: AFTER_2025A, classes: [c1], records: [rec('term-summary', '2025-08-31', 'ct-c1')] }), 'CT-SUMMARY-TERM', 'ct-c1');
    expect(before.status).toBe('missed');
  });

  it('CO-SUMMARY-TERM: a summary that covers another term does not count', () => {
    const other = rec('term-summary', '2026-01-10', 'co-c1', { covers: '2026S' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [other] }), 'CO-SUMMARY-TERM', 'co-c1').status).toBe('missed');
  });
});

describe('invalid input', () => {
  it('an "as of" without an offset, or a term ending before it starts, is refused as input', () => {
    expect(() => evaluate({ ...input({ asOf: AFTER_2025A, classes: [] }), asOf: '2026-02-20T12:00:00' })).toThrow(/^invalid evaluation input: not an instant/);
    try {
      evaluate({ ...input({ asOf: AFTER_2025A, classes: [] }), asOf: '2026-02-20T12:00:00' });
    } catch (e) {
      expect(e).toMatchObject({ name: 'EvaluationInputError', cause: { name: 'InvalidDateError' } });
    }
    expect.assertions(3);
    const backwards = tenant({ terms: [{ id: '2025A', start: '2025-09-01', end: '2025-08-01', academicYearId: '2025-2026' }] });
    expect(() => run({ asOf: AFTER_2025A, classes: [], config: backwards })).toThrow('invalid evaluation input: term 2025A ends before it starts');
  });

  it('CO-PARENT-ALL: a term whose academic year is not configured is blocked, naming the year', () => {
    const noYear = tenant({ academicYears: [] });
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], config: noYear }), 'CO-PARENT-ALL', 'c1');
    expect(f).toMatchObject({ status: 'blocked', required: 31, reason: 'academic year 2025-2026 not configured' });
  });
});

describe('hand-overs: records of a former holder count within the days they held the class', () => {
  const handedOver = klass('c1', { counselorId: 'co-new', formerHolders: [{ role: 'counselor', userId: 'co-old', from: '2025-09-05', to: '2025-10-31' }] });
  const meeting = (day: string, author: string) => rec('class-meeting', day, author, { classId: 'c1' });

  it('CO-MEETING: the former counselor’s meetings on the first and last day they held the class count, the days around do not', () => {
    const inside = [meeting('2025-09-05', 'co-old'), meeting('2025-10-31', 'co-old')];
    expect(find(run({ asOf: AFTER_2025A, classes: [handedOver], records: inside }), 'CO-MEETING', 'c1').actual).toBe(2);
    const outside = [meeting('2025-09-04', 'co-old'), meeting('2025-11-01', 'co-old')];
    expect(find(run({ asOf: AFTER_2025A, classes: [handedOver], records: outside }), 'CO-MEETING', 'c1').actual).toBe(0);
  });

  it('CO-MEETING: after a hand-over, a meeting recorded by neither the counselor nor the former one does not count', () => {
    expect(find(run({ asOf: AFTER_2025A, classes: [handedOver], records: [meeting('2025-10-10', 'ct-c1')] }), 'CO-MEETING', 'c1').actual).toBe(0);
    expect(find(run({ asOf: AFTER_2025A, classes: [handedOver], records: [meeting('2025-12-10', 'co-new')] }), 'CO-MEETING', 'c1').actual).toBe(1);
  });

  it('CO-CLASS-CHECK: a check recorded by the class teacher is not the counselor’s', () => {
    const byTeacher = rec('class-check', '2025-09-10', 'ct-c1', { classId: 'c1' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [byTeacher] }), 'CO-CLASS-CHECK', 'c1', '2025A/W2025-37').status).toBe('missed');
  });

  it('CO-MEETING: a class teacher who once held the class is no former counselor', () => {
    const teacherBefore = klass('c1', { counselorId: 'co-new', formerHolders: [{ role: 'class-teacher', userId: 'co-old', from: '2025-09-01', to: '2025-12-31' }] });
    expect(find(run({ asOf: AFTER_2025A, classes: [teacherBefore], records: [meeting('2025-10-10', 'co-old')] }), 'CO-MEETING', 'c1').actual).toBe(0);
  });
});

describe('CO-TALK-RATIO person-times', () => {
  it('CO-TALK-RATIO: a talk naming no student is one person-time', () => {
    const talk = rec('talk', '2025-10-10', 'co-c1', { classId: 'c1' });
    expect(find(run({ asOf: AFTER_2025A, classes: [c1], records: [talk] }), 'CO-TALK-RATIO', 'c1').actual).toBe(1);
  });

  it('CO-TALK-RATIO: a ratio of 0.3 on 30 students is exactly 9, not 10 (float noise)', () => {
    const config = tenant({ overrides: [{ ruleId: 'CO-TALK-RATIO', param: 'ratio', value: 0.3, effectiveFrom: '2025-01-01' }] });
    expect(find(run({ asOf: AFTER_2025A, classes: [klass('c1', { studentIds: students('c1', 30) })], config }), 'CO-TALK-RATIO', 'c1').required).toBe(9);
  });
});

describe('pending findings: working days left, and why they are unknown', () => {
  it('CT-PLAN-MONTH: on the last day of a month that is a working day (Tue 9/30), one working day is left', () => {
    const f = find(run({ asOf: '2025-09-30T10:00:00+08:00', classes: [c1] }), 'CT-PLAN-MONTH', 'ct-c1', 'month:2025-09');
    expect(f).toMatchObject({ status: 'pending', remaining: 1, workingDaysLeft: 1 });
  });

  it('CT-MEETING-NEW: without the 2026 calendar the rule’s own reason and the unknown working days are both given', () => {
    const config = tenant({ holidays: { useDefaults: false, years: [{ year: 2025, holidays: [], makeUpWorkdays: [], source: 't' }] } });
    const fresh = klass('n1', { firstTermId: '2025A' });
    const incomplete = rec('class-meeting', '2025-09-10', 'ct-n1', { classId: 'n1', complete: false });
    const withReason = find(run({ asOf: '2025-10-15T09:00:00+08:00', classes: [fresh], config, records: [incomplete] }), 'CT-MEETING-NEW', 'n1');
    expect(withReason).toMatchObject({
      status: 'pending',
      workingDaysLeft: null,
      reason: '1 meeting(s) lack agenda, notice, sign-in or summary and do not count; working days left unknown: no holiday calendar loaded for 2026',
    });
    const plain = find(run({ asOf: '2025-10-15T09:00:00+08:00', classes: [fresh], config }), 'CT-MEETING-NEW', 'n1');
    expect(plain.reason).toBe('working days left unknown: no holiday calendar loaded for 2026');
  });

  it('a finding with no reason carries no reason field', () => {
    const f = find(run({ asOf: AFTER_2025A, classes: [c1] }), 'CO-MEETING', 'c1');
    expect(Object.keys(f)).not.toContain('reason');
  });
});

describe('missing students are listed in id order', () => {
  it('CO-TALK-ATRISK: two students at risk and not talked to are listed by id, whatever the order of their statuses', () => {
    const status = (studentId: string) => ({ id: `w-${studentId}`, studentId, classId: 'c1', kind: 'sanction' as const, documentOn: '2025-10-10' });
    const f = find(run({ asOf: AFTER_2025A, classes: [c1], atRisk: [status('c1-s09'), status('c1-s02')] }), 'CO-TALK-ATRISK', 'c1', '2025A/2025-Q4');
    expect(f).toMatchObject({ status: 'missed', required: 2, actual: 0, missingIds: ['c1-s02', 'c1-s09'] });
  });
});

describe('a document dated before every configured term', () => {
  it('CT-SUMMARY-TERM: a summary without `covers` dated before the first term starts reports on no term', () => {
    const f = find(run({ asOf: '2025-07-20T00:00:00+08:00', termId: '2025S', classes: [c1], records: [rec('term-summary', '2024-12-20', 'ct-c1')] }), 'CT-SUMMARY-TERM', 'ct-c1');
    expect(f).toMatchObject({ status: 'missed', actual: 0 });
  });
});
