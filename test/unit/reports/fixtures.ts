/**
 * A small term, written down by hand: two units, three classes, five staff members and
 * eighteen findings covering every status. The expected figures in the tests are worked
 * out from this list on paper, not by running the code.
 *
 *  #  rule                  subject            status          responsible  unit
 *  1  CT-SUPERVISION-SHEET  class c1           met             t-wang       hz
 *  2  CT-SUPERVISION-SHEET  class c2           missed          t-wang       hz
 *  3  CT-SUPERVISION-SHEET  class c3           met             t-chen       nb
 *  4  CT-CONTACTS           class c1           met             t-wang       hz
 *  5  CT-CONTACTS           class c2           not-applicable  t-wang       hz
 *  6  CT-EXAM-BOOKING       class c1           missed (3 of 5) t-wang       hz
 *  7  CT-ARCHIVE            class c3           pending (10/30) t-chen       nb
 *  8  CT-PLAN-MONTH         staff t-wang       met             t-wang       hz
 *  9  CT-RECRUIT            staff t-chen       blocked         t-chen       nb
 * 10  CO-MEETING            class c1           met             co-li        hz
 * 11  CO-MEETING            class c3           missed (2 of 4) co-sun       nb
 * 12  CO-PARENT-ALL         class c2           pending (25/40) co-li        hz
 * 13  CO-PARENT-WARNING     student c1-s01     missed          co-li        hz
 * 14  CO-TEACHING-LOAD      staff co-sun       missed (60>54)  co-sun       nb
 * 15  CO-TUITION            class c3           met (95%>90%)   co-sun       nb
 * 16  REG-REGISTRATION      class c1           met             reg-zhao     hz
 * 17  CT-MEETING-NEW        class c2           not-applicable  t-wang       hz
 * 18  CT-MEETING-OLD        class c2           met             t-wang       hz
 */
import { findingKey, type Finding, type FindingPeriod, type FindingStatus, type MeasureKind, type Subject } from '../../../domain/compliance/index.js';
import type { TermReportInput } from '../../../domain/reports/index.js';

const TERM_PERIOD: FindingPeriod = { key: '2025A', from: '2025-09-01', to: '2026-01-18', dueBy: '2026-01-19T00:00:00+08:00' };

interface Extra {
  readonly period?: FindingPeriod;
  readonly measure?: MeasureKind;
  readonly required?: number;
  readonly actual?: number;
  readonly remaining?: number;
  readonly workingDaysLeft?: number | null;
  readonly missingIds?: readonly string[];
  readonly evidenceIds?: readonly string[];
  readonly reason?: string;
}

function finding(ruleId: string, subject: Subject, status: FindingStatus, extra: Extra = {}): Finding {
  const period = extra.period ?? TERM_PERIOD;
  const required = extra.required ?? 1;
  const evidenceIds = extra.evidenceIds ?? [];
  return {
    key: findingKey(ruleId, subject, period.key),
    ruleId,
    ruleSetVersion: 'xuewu-compliance/1.2.0',
    configRevision: 'cfg-7',
    subject,
    period,
    measure: extra.measure ?? 'count',
    required,
    actual: extra.actual ?? evidenceIds.length,
    status,
    ...(extra.remaining !== undefined ? { remaining: extra.remaining } : {}),
    ...(extra.workingDaysLeft !== undefined ? { workingDaysLeft: extra.workingDaysLeft } : {}),
    ...(extra.missingIds ? { missingIds: extra.missingIds } : {}),
    evidenceIds,
    params: {},
    ...(extra.reason ? { reason: extra.reason } : {}),
  };
}

const cls = (id: string): Subject => ({ kind: 'class', id });
const staff = (id: string): Subject => ({ kind: 'staff', id });

export const HAND_FINDINGS: readonly Finding[] = [
  finding('CT-SUPERVISION-SHEET', cls('c1'), 'met', { period: { ...TERM_PERIOD, to: '2026-01-25', dueBy: '2026-01-26T00:00:00+08:00' }, evidenceIds: ['r-sheet-1'] }),
  finding('CT-SUPERVISION-SHEET', cls('c2'), 'missed', { period: { ...TERM_PERIOD, to: '2026-01-25', dueBy: '2026-01-26T00:00:00+08:00' } }),
  finding('CT-SUPERVISION-SHEET', cls('c3'), 'met', { period: { ...TERM_PERIOD, to: '2026-01-25', dueBy: '2026-01-26T00:00:00+08:00' }, evidenceIds: ['r-sheet-3'] }),
  finding('CT-CONTACTS', cls('c1'), 'met', { evidenceIds: ['r-contacts-1'] }),
  finding('CT-CONTACTS', cls('c2'), 'not-applicable', { reason: 'returning class (老生)' }),
  finding('CT-EXAM-BOOKING', cls('c1'), 'missed', {
    period: { key: 'exam:E1', from: '2025-11-19', to: '2025-11-20', dueBy: '2025-11-21T00:00:00+08:00' },
    measure: 'all-covered',
    required: 5,
    actual: 3,
    missingIds: ['c1-s04', 'c1-s05'],
    evidenceIds: ['r-call-1', 'r-call-2', 'r-call-3'],
  }),
  finding('CT-ARCHIVE', cls('c3'), 'pending', {
    period: { key: 'graduation:2026-01-10', from: '2026-01-10', to: '2026-02-10', dueBy: '2026-02-11T00:00:00+08:00' },
    measure: 'all-covered',
    required: 30,
    actual: 10,
    remaining: 20,
    workingDaysLeft: 12,
    evidenceIds: ['r-archive-1'],
  }),
  finding('CT-PLAN-MONTH', staff('t-wang'), 'met', { period: { key: 'month:2026-01', from: '2026-01-01', to: '2026-01-31', dueBy: '2026-02-01T00:00:00+08:00' }, evidenceIds: ['r-month-1'] }),
  finding('CT-RECRUIT', staff('t-chen'), 'blocked', { period: { ...TERM_PERIOD, key: '2025A/referral' }, required: 0, reason: 'threshold referral not configured' }),
  finding('CO-MEETING', cls('c1'), 'met', { required: 4, evidenceIds: ['r-m1', 'r-m2', 'r-m3', 'r-m4', 'r-m5'] }),
  finding('CO-MEETING', cls('c3'), 'missed', { required: 4, evidenceIds: ['r-m6', 'r-m7'] }),
  finding('CO-PARENT-ALL', cls('c2'), 'pending', {
    period: { key: '2025-2026', from: '2025-08-01', to: '2026-07-31', dueBy: '2026-08-01T00:00:00+08:00' },
    measure: 'all-covered',
    required: 40,
    actual: 25,
    remaining: 15,
    workingDaysLeft: 120,
  }),
  finding('CO-PARENT-WARNING', { kind: 'student', id: 'c1-s01' }, 'missed', { period: { key: 'status:w1', from: '2025-11-03', to: '2025-11-10', dueBy: '2025-11-11T00:00:00+08:00' } }),
  finding('CO-TEACHING-LOAD', staff('co-sun'), 'missed', { measure: 'maximum', required: 54, actual: 60, evidenceIds: ['r-hours-1'] }),
  finding('CO-TUITION', cls('c3'), 'met', { measure: 'rate', required: 0.9, actual: 0.95 }),
  finding('REG-REGISTRATION', cls('c1'), 'met', { evidenceIds: ['r-reg-1'] }),
  finding('CT-MEETING-NEW', cls('c2'), 'not-applicable', { required: 3, reason: 'returning class (老生) this term' }),
  finding('CT-MEETING-OLD', cls('c2'), 'met', { required: 2, evidenceIds: ['r-m8', 'r-m9'] }),
];

export const HAND_INPUT: TermReportInput = {
  tenant: { id: 'hongcheng', name: '弘成教育' },
  scope: { kind: 'tenant' },
  term: { id: '2025A', name: '2025年秋季学期', start: '2025-09-01', end: '2026-01-18' },
  asOf: '2026-01-26T09:00:00+08:00',
  ruleSetVersion: 'xuewu-compliance/1.2.0',
  configRevision: 'cfg-7',
  findings: HAND_FINDINGS,
  units: [
    { id: 'nb', name: '宁波学习中心' },
    { id: 'hz', name: '杭州学习中心' },
  ],
  classes: [
    { id: 'c3', name: '电商1班', unitId: 'nb', classTeacherId: 't-chen', counselorId: 'co-sun' },
    { id: 'c1', name: '会计1班', unitId: 'hz', classTeacherId: 't-wang', counselorId: 'co-li', registrarId: 'reg-zhao' },
    { id: 'c2', name: '会计2班', unitId: 'hz', classTeacherId: 't-wang', counselorId: 'co-li' },
  ],
  staff: [
    { id: 't-wang', name: '王老师', unitId: 'hz' },
    { id: 'co-li', name: '李老师', unitId: 'hz' },
    { id: 'reg-zhao', name: '赵老师', unitId: 'hz' },
    { id: 't-chen', name: '陈老师', unitId: 'nb' },
    { id: 'co-sun', name: '孙老师', unitId: 'nb' },
  ],
  students: [{ id: 'c1-s01', classId: 'c1' }],
};
