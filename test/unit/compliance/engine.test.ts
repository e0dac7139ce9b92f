import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CN_MAINLAND_2025 } from '../../../domain/calendar/index.js';
import { evaluate, RULES, standing, RULE_SET_VERSION } from '../../../domain/compliance/index.js';
import { AFTER_2025A, find, input, klass, rec, run, students, tenant } from './fixtures.js';

const DOMAIN_IDS = [
  'CT-PLAN-TERM', 'CT-PLAN-MONTH', 'CT-SUMMARY-TERM', 'CT-CLASS-PLAN', 'CT-MEETING-NEW', 'CT-MEETING-OLD', 'CT-COMMITTEE',
  'CT-ACTIVITY-REPORT', 'CT-CONTACTS', 'CT-SUPERVISION-SHEET', 'CT-RECRUIT', 'CT-ARCHIVE', 'CT-EXAM-BOOKING', 'CT-EXAM-NOTICE',
  'CT-GRAD-PHOTO', 'CO-TALK-RATIO', 'CO-TALK-ATRISK', 'CO-MEETING', 'CO-COMMITTEE-MEETING', 'CO-PARENT-ALL', 'CO-PARENT-WARNING',
  'CO-PARENT-FOLLOWUP', 'CO-DORM', 'CO-CLASS-CHECK', 'CO-LECTURE', 'CO-TEACHER-CONTACT', 'CO-TUITION', 'CO-SUMMARY-TERM',
  'CO-TEACHING-LOAD',
];

describe('rule catalogue', () => {
  it('declares every DOMAIN.md §2 id exactly once, plus registrar rules', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of DOMAIN_IDS) expect(ids).toContain(id);
    expect(ids.filter((id) => id.startsWith('REG-')).length).toBeGreaterThanOrEqual(4);
  });

  it('cites a seed file, section and quote for every rule', () => {
    for (const r of RULES) {
      expect(r.source.file).toMatch(/^00[0-3]_[0-9a-f]+\.txt$/);
      expect(r.source.section.length).toBeGreaterThan(0);
      expect(r.source.quote).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('quotes the seeds verbatim where the seeds are available', () => {
    // The seeds mix full- and half-width punctuation and wrap lines mid-clause: compare without either.
    const norm = (t: string) => t.replace(/\s+/g, '').replace(/，/g, ',').replace(/：/g, ':').replace(/（/g, '(').replace(/）/g, ')').replace(/\(附件1\)/g, '');
    let seeds: Record<string, string>;
    try {
      seeds = Object.fromEntries(['000_8011148dc1091faf.txt', '002_a197169f10d774df.txt', '003_5b178cfd9a071bc3.txt'].map((f) => [f, norm(readFileSync(`/work/shared/seeds/${f}`, 'utf8'))]));
    } catch {
      return; // seeds live outside the repository; skip where they are absent
    }
    for (const r of RULES) {
      for (const part of r.source.quote.split(/[…；]/)) {
        const text = norm(part);
        if (text.length >= 4) expect(seeds[r.source.file], `${r.id}: ${part}`).toContain(text);
      }
    }
  });
});

describe('determinism', () => {
  const scenario = {
    asOf: AFTER_2025A,
    classes: [klass('c2'), klass('c1', { firstTermId: '2025A' })],
    atRisk: [{ id: 'w1', studentId: 'c1-s01', classId: 'c1', kind: 'academic-warning' as const, documentOn: '2025-11-03' }],
    records: [
      rec('class-check', '2025-09-02', 'co-c1', { classId: 'c1' }),
      rec('talk', '2025-11-04', 'co-c1', { classId: 'c1', studentIds: ['c1-s01'] }),
      rec('class-meeting', '2025-10-10', 'ct-c2', { classId: 'c2', complete: true }),
      rec('parent-contact', '2025-11-05', 'co-c1', { classId: 'c1', studentIds: students('c1', 31), reason: 'warning' }),
    ],
  };

  it('same input twice gives byte-identical JSON, whatever the input order', () => {
    const a = JSON.stringify(run(scenario));
    const b = JSON.stringify(run(scenario));
    const shuffled = JSON.stringify(run({ ...scenario, classes: [...scenario.classes].reverse(), records: [...scenario.records].reverse() }));
    expect(b).toBe(a);
    expect(shuffled).toBe(a);
  });

  it('gives every finding a unique key ruleId#kind:id#period, sorted, with the rule-set version', () => {
    const ev = run(scenario);
    const keys = ev.findings.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(keys);
    for (const f of ev.findings) {
      expect(f.key).toBe(`${f.ruleId}#${f.subject.kind}:${f.subject.id}#${f.period.key}`);
      expect(f.ruleSetVersion).toBe(RULE_SET_VERSION);
    }
  });
});

describe('as of', () => {
  it('ignores records submitted after the instant, so a re-run for a past instant is reproducible', () => {
    const late = rec('class-plan', '2025-09-03', 'ct-c1', { classId: 'c1', submittedAt: '2025-09-05T10:00:00+08:00' });
    expect(find(run({ asOf: '2025-09-04T12:00:00+08:00', classes: [klass('c1')], records: [late] }), 'CT-CLASS-PLAN', 'c1').status).toBe('pending');
    expect(find(run({ asOf: '2025-09-05T12:00:00+08:00', classes: [klass('c1')], records: [late] }), 'CT-CLASS-PLAN', 'c1').status).toBe('met');
  });

  it('lists periods only once they have opened', () => {
    const ev = run({ asOf: '2025-09-10T12:00:00+08:00', classes: [klass('c1')] });
    expect(ev.findings.filter((f) => f.ruleId === 'CO-CLASS-CHECK').map((f) => f.period.key)).toEqual(['2025A/W2025-36', '2025A/W2025-37']);
  });

  it('reports unreadable records instead of failing the run', () => {
    const bad = { ...rec('talk', '2025-13-01', 'co-c1', { classId: 'c1' }) };
    const ev = run({ asOf: AFTER_2025A, classes: [klass('c1')], records: [bad] });
    expect(ev.rejectedRecords).toEqual([{ id: bad.id, reason: 'invalid occurredOn or submittedAt' }]);
  });

  it('rejects an unknown term', () => {
    expect(() => evaluate({ ...input({ asOf: AFTER_2025A, classes: [] }), termId: 'nope' })).toThrow(/unknown term/);
  });
});

describe('thresholds', () => {
  it('a tenant change takes effect from the next term, not the current one', () => {
    const config = tenant({ overrides: [{ ruleId: 'CO-MEETING', param: 'min', value: 6, effectiveFrom: '2025-10-01' }] });
    const autumn = run({ asOf: AFTER_2025A, classes: [klass('c1')], config });
    expect(find(autumn, 'CO-MEETING', 'c1')).toMatchObject({ required: 4, params: { min: 4 } });
    const spring = run({ asOf: '2026-07-20T00:00:00+08:00', termId: '2026S', classes: [klass('c1')], config });
    expect(find(spring, 'CO-MEETING', 'c1')).toMatchObject({ required: 6, params: { min: 6 } });
  });

  it('ignores an override of an unknown parameter, with a warning', () => {
    const config = tenant({ overrides: [{ ruleId: 'CO-MEETING', param: 'minimum', value: 6, effectiveFrom: '2025-01-01' }] });
    const ev = run({ asOf: AFTER_2025A, classes: [klass('c1')], config });
    expect(ev.warnings[0]).toMatch(/CO-MEETING\.minimum/);
    expect(find(ev, 'CO-MEETING', 'c1').required).toBe(4);
  });
});

describe('standing', () => {
  const asOf = '2025-10-15T09:00:00+08:00'; // Wednesday after National Day
  const classes = [klass('c1', { firstTermId: '2025A' }), klass('c2')];
  const records = [rec('class-check', '2025-10-13', 'co-c1', { classId: 'c1' })];

  it('for a class: only periods open now, soonest due first, with what remains and working days left', () => {
    const mine = standing(input({ asOf, classes, records }), { kind: 'class', id: 'c1' });
    expect(mine.length).toBeGreaterThan(0);
    for (const f of mine) {
      expect(f.subject.kind === 'staff' ? f.subject.id : f.subject.id.startsWith('c1')).toBeTruthy();
      expect(f.period.from <= '2025-10-15').toBe(true);
      expect(f.period.dueBy > '2025-10-15T09:00:00+08:00').toBe(true);
    }
    const week = mine.find((f) => f.ruleId === 'CO-CLASS-CHECK');
    expect(week).toMatchObject({ status: 'met', period: { key: '2025A/W2025-42' } });
    const meetings = mine.find((f) => f.ruleId === 'CT-MEETING-NEW');
    expect(meetings).toMatchObject({ status: 'pending', remaining: 3 });
    // 10/15–10/31: 13, Nov: 20, Dec: 23, 1/1–1/18: 11 (元旦 1/1–1/3 off, 1/4 Sunday 调休 on)
    expect(meetings?.workingDaysLeft).toBe(67);
    expect([...mine.map((f) => f.period.dueBy)]).toEqual([...mine.map((f) => f.period.dueBy)].sort());
  });

  it('says which year’s holiday calendar is missing when working days left cannot be known', () => {
    const config = tenant({ holidays: { useDefaults: false, years: [CN_MAINLAND_2025] } });
    const mine = standing(input({ asOf, classes, records, config }), { kind: 'class', id: 'c1' });
    const meetings = mine.find((f) => f.ruleId === 'CT-MEETING-NEW');
    expect(meetings).toMatchObject({ status: 'pending', remaining: 3, workingDaysLeft: null });
    expect(meetings?.reason).toContain('working days left unknown: no holiday calendar loaded for 2026');
  });

  it('for a staff member: their own duties and their classes, in their role only', () => {
    const mine = standing(input({ asOf, classes, records }), { kind: 'staff', id: 'co-c1' });
    expect(mine.every((f) => f.ruleId.startsWith('CO-'))).toBe(true);
    expect(mine.some((f) => f.subject.id === 'co-c1' && f.ruleId === 'CO-LECTURE')).toBe(true);
    expect(mine.some((f) => f.subject.id === 'c2')).toBe(false);
  });
});
