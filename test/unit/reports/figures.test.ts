import { describe, expect, it } from 'vitest';
import { RULES } from '../../../domain/compliance/index.js';
import { computeTermReportFigures, jsonTwinText, ruleTitle, toJsonTwin, type StatusCounts } from '../../../domain/reports/index.js';
import { RULE_IDS_WITH_ENGLISH_TITLES } from '../../../domain/reports/rule-titles.js';
import { HAND_FINDINGS, HAND_INPUT } from './fixtures.js';

/** met, missed, pending, not applicable, blocked; total and rate follow from them. */
function counts(met: number, missed: number, pending: number, notApplicable: number, blocked: number): StatusCounts {
  const decided = met + missed;
  return { met, missed, pending, notApplicable, blocked, total: met + missed + pending + notApplicable + blocked, rate: decided === 0 ? null : met / decided };
}

describe('term-end report figures, worked by hand (fixtures.ts lists the eighteen findings)', () => {
  const figures = computeTermReportFigures(HAND_INPUT);

  it('counts the whole tenant: 8 met, 5 missed, 2 pending, 2 not applicable, 1 blocked; rate 8/13', () => {
    expect(figures.totals).toEqual(counts(8, 5, 2, 2, 1));
    expect(figures.totals.rate).toBeCloseTo(0.6154, 4);
  });

  it('counts each unit, sorted by id: hz 6/3/1/2/0 (rate 2/3), nb 2/2/1/0/1 (rate 1/2)', () => {
    expect(figures.units).toEqual([
      { unitId: 'hz', unitName: '杭州学习中心', counts: counts(6, 3, 1, 2, 0) },
      { unitId: 'nb', unitName: '宁波学习中心', counts: counts(2, 2, 1, 0, 1) },
    ]);
  });

  it("counts each class with its students' findings: c1 4/2 (the warned student's miss is c1's), c2 1/1/1/2, c3 2/1/1", () => {
    expect(figures.classes.map((c) => [c.classId, c.className, c.unitId, c.counts])).toEqual([
      ['c1', '会计1班', 'hz', counts(4, 2, 0, 0, 0)],
      ['c2', '会计2班', 'hz', counts(1, 1, 1, 2, 0)],
      ['c3', '电商1班', 'nb', counts(2, 1, 1, 0, 0)],
    ]);
  });

  it('counts each staff member for what they answer for: their own duties and their role in their classes', () => {
    expect(figures.staff.map((s) => [s.staffId, s.staffName, s.unitId, s.counts])).toEqual([
      ['co-li', '李老师', 'hz', counts(1, 1, 1, 0, 0)],
      ['reg-zhao', '赵老师', 'hz', counts(1, 0, 0, 0, 0)],
      ['t-wang', '王老师', 'hz', counts(4, 2, 0, 2, 0)],
      ['co-sun', '孙老师', 'nb', counts(1, 2, 0, 0, 0)],
      ['t-chen', '陈老师', 'nb', counts(1, 0, 1, 0, 1)],
    ]);
  });

  it('counts each rule in the rule set’s order, and each family', () => {
    expect(figures.rules.map((r) => r.ruleId)).toEqual([
      'CT-PLAN-MONTH', 'CT-MEETING-NEW', 'CT-MEETING-OLD', 'CT-CONTACTS', 'CT-SUPERVISION-SHEET', 'CT-RECRUIT', 'CT-ARCHIVE', 'CT-EXAM-BOOKING',
      'CO-MEETING', 'CO-PARENT-ALL', 'CO-PARENT-WARNING', 'CO-TUITION', 'CO-TEACHING-LOAD', 'REG-REGISTRATION',
    ]);
    expect(figures.rules.find((r) => r.ruleId === 'CT-SUPERVISION-SHEET')?.counts).toEqual(counts(2, 1, 0, 0, 0));
    expect(figures.families.map((f) => [f.family, f.counts, f.findings.length])).toEqual([
      ['class-teacher', counts(5, 2, 1, 2, 1), 11],
      ['counselor', counts(2, 3, 1, 0, 0), 6],
      ['registrar', counts(1, 0, 0, 0, 0), 1],
    ]);
  });

  it('lists the misses for follow-up: who, rule, period and what was missing, by unit and class', () => {
    expect(figures.misses.map((m) => [m.unitId, m.classId, m.responsibleName, m.ruleId, m.period.key, m.required, m.actual, m.shortfall, m.missingIds])).toEqual([
      ['hz', 'c1', '王老师', 'CT-EXAM-BOOKING', 'exam:E1', 5, 3, 2, ['c1-s04', 'c1-s05']],
      ['hz', 'c1', '李老师', 'CO-PARENT-WARNING', 'status:w1', 1, 0, 1, []],
      ['hz', 'c2', '王老师', 'CT-SUPERVISION-SHEET', '2025A', 1, 0, 1, []],
      ['nb', null, '孙老师', 'CO-TEACHING-LOAD', '2025A', 54, 60, 6, []],
      ['nb', 'c3', '孙老师', 'CO-MEETING', '2025A', 4, 2, 2, []],
    ]);
  });

  it('keeps open periods as pending with what remains and by when', () => {
    const archive = figures.findings.find((f) => f.ruleId === 'CT-ARCHIVE');
    expect(archive).toMatchObject({ status: 'pending', remaining: 20, workingDaysLeft: 12, period: { to: '2026-02-10', dueBy: '2026-02-11T00:00:00+08:00' }, evidenceCount: 1 });
  });

  it('judges each class’s 督学统计表: submission plus the five rows Xuewu checks', () => {
    expect(figures.supervisionSheets.map((s) => [s.classId, s.submitted, s.rows.map((r) => r.status), s.itemsMet, s.itemsDecided, s.rate, s.overall, s.complete])).toEqual([
      // c1: submitted complete; contacts met; exam booking missed → 2 of 3, missed
      ['c1', 'met', ['met', null, null, 'missed', null], 2, 3, 2 / 3, 'missed', false],
      // c2: no sheet; contacts not applicable (returning class) → 0 of 1, missed
      ['c2', 'missed', ['not-applicable', null, null, null, null], 0, 1, 0, 'missed', false],
      // c3: submitted; archive still open a month after graduation → 1 of 1, pending
      ['c3', 'met', [null, 'pending', null, null, null], 1, 1, 1, 'pending', false],
    ]);
    expect(figures.supervisionSheets[0]?.submittedEvidenceIds).toEqual(['r-sheet-1']);
  });

  it('calls a sheet complete when it is submitted complete and no checked row is missed or open', () => {
    const only = HAND_FINDINGS.filter((f) => f.subject.id === 'c1' && ['CT-SUPERVISION-SHEET', 'CT-CONTACTS'].includes(f.ruleId));
    const sheet = computeTermReportFigures({ ...HAND_INPUT, findings: only }).supervisionSheets[0];
    expect(sheet).toMatchObject({ classId: 'c1', itemsMet: 2, itemsDecided: 2, rate: 1, overall: 'met', complete: true });
  });

  it('narrows a unit report to the unit: its findings, classes, staff and sheets only', () => {
    const nb = computeTermReportFigures({ ...HAND_INPUT, scope: { kind: 'unit', unitId: 'nb' } });
    expect(nb.scopeName).toBe('宁波学习中心');
    expect(nb.totals).toEqual(counts(2, 2, 1, 0, 1));
    expect(nb.units.map((u) => u.unitId)).toEqual(['nb']);
    expect(nb.classes.map((c) => c.classId)).toEqual(['c3']);
    expect(nb.staff.map((s) => s.staffId)).toEqual(['co-sun', 't-chen']);
    expect(nb.supervisionSheets.map((s) => s.classId)).toEqual(['c3']);
    expect(nb.findings).toHaveLength(6);
  });

  it('gives the rate as null where nothing was decided', () => {
    const open = computeTermReportFigures({ ...HAND_INPUT, findings: HAND_FINDINGS.filter((f) => f.status === 'pending' || f.status === 'blocked') });
    expect(open.totals).toEqual(counts(0, 0, 2, 0, 1));
    expect(open.totals.rate).toBeNull();
  });

  it('does not depend on the order of its inputs', () => {
    const shuffled = computeTermReportFigures({
      ...HAND_INPUT,
      findings: [...HAND_FINDINGS].reverse(),
      classes: [...HAND_INPUT.classes].reverse(),
      units: [...HAND_INPUT.units].reverse(),
      staff: [...HAND_INPUT.staff].reverse(),
    });
    expect(JSON.stringify(toJsonTwin(shuffled))).toBe(JSON.stringify(toJsonTwin(figures)));
  });

  it('normalises "as of" to +08:00 and numbers the first report revision 1', () => {
    const utc = computeTermReportFigures({ ...HAND_INPUT, asOf: '2026-01-26T01:00:00Z' });
    expect(utc.asOf).toBe('2026-01-26T09:00:00+08:00');
    expect(utc.revision).toBe(1);
  });
});

describe('the JSON twin', () => {
  const figures = computeTermReportFigures(HAND_INPUT);
  const twin = JSON.parse(JSON.stringify(toJsonTwin(figures)));

  it('holds the same figures as the workbook, each finding once', () => {
    expect(twin.format).toBe('xuewu-term-report/1');
    expect(twin.totals).toEqual(figures.totals);
    expect(twin.units).toEqual(figures.units);
    expect(twin.findings).toHaveLength(18);
    expect(twin.misses.map((m: { key: string }) => m.key)).toEqual(figures.misses.map((m) => m.key));
    expect(twin.families).toEqual([
      { family: 'class-teacher', counts: counts(5, 2, 1, 2, 1) },
      { family: 'counselor', counts: counts(2, 3, 1, 0, 0) },
      { family: 'registrar', counts: counts(1, 0, 0, 0, 0) },
    ]);
    expect(twin.supervisionSheets).toEqual(figures.supervisionSheets);
  });

  it('comes in pieces, a finding at a time, that join to exactly JSON.stringify of the twin', () => {
    const pieces = [...jsonTwinText(figures)];
    expect(pieces.join('')).toBe(JSON.stringify(toJsonTwin(figures)));
    expect(pieces.length).toBeGreaterThan(18 + 5);
  });
});

describe('rule titles', () => {
  it('gives every rule of the set a Chinese title (its own) and an English one', () => {
    expect(RULE_IDS_WITH_ENGLISH_TITLES.slice().sort()).toEqual(RULES.map((r) => r.id).sort());
    expect(ruleTitle('CO-TALK-RATIO')).toEqual({ zh: '谈话人次不少于班级人数1/3', en: 'Talks ≥ 1/3 of headcount' });
  });

  it('falls back to the id for a rule this rule set does not know', () => {
    expect(ruleTitle('CT-GONE')).toEqual({ zh: 'CT-GONE', en: 'CT-GONE' });
  });
});
