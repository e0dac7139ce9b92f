/**
 * What a report calls each rule. The rule definitions carry a Chinese title only (their
 * `title`); the English workbook needs a short English name beside it, taken from the
 * rule tables of DOMAIN.md §2. A rule id unknown to this rule set (a finding from an
 * older one) falls back to its id, and its family to its prefix.
 */
import { RULES, type Role } from '../compliance/index.js';

export type RuleFamily = Role;

/** Workbook sheet order: class teacher, counselor, registrar (the order RULES declares them). */
export const RULE_FAMILIES: readonly RuleFamily[] = ['class-teacher', 'counselor', 'registrar'];

export interface RuleTitle {
  readonly zh: string;
  readonly en: string;
}

const ENGLISH: Readonly<Record<string, string>> = {
  'CT-PLAN-TERM': 'Term work plan',
  'CT-PLAN-MONTH': "Monthly summary and next month's plan",
  'CT-SUMMARY-TERM': 'Term work summary',
  'CT-CLASS-PLAN': "Class plan for the term",
  'CT-MEETING-NEW': '≥ 3 class meetings (new class)',
  'CT-MEETING-OLD': '≥ 2 class meetings (returning class)',
  'CT-COMMITTEE': 'Class committee elected',
  'CT-ACTIVITY-REPORT': 'Class activity reported, approved, published',
  'CT-CONTACTS': 'Class contact list compiled and distributed',
  'CT-SUPERVISION-SHEET': 'Supervision statistics sheet (督学统计表)',
  'CT-RECRUIT': 'Referral and continuation targets',
  'CT-ARCHIVE': "Graduates' files handed to the archive room",
  'CT-EXAM-BOOKING': 'Unbooked students followed up (last 2 days)',
  'CT-EXAM-NOTICE': 'Unconfirmed exam notices phoned again',
  'CT-GRAD-PHOTO': 'Every graduation photo collected',
  'CO-TALK-RATIO': 'Talks ≥ 1/3 of headcount',
  'CO-TALK-ATRISK': 'At-risk students talked to each quarter',
  'CO-MEETING': '≥ 4 class meetings',
  'CO-COMMITTEE-MEETING': '≥ 2 class-committee meetings',
  'CO-PARENT-ALL': 'Every student’s parents contacted each year',
  'CO-PARENT-WARNING': 'Parents notified within a week of a warning',
  'CO-PARENT-FOLLOWUP': 'Warned students’ parents followed up',
  'CO-DORM': 'Dormitory inspection every two weeks',
  'CO-CLASS-CHECK': 'Attendance check every week',
  'CO-LECTURE': 'Lecture observation every month',
  'CO-TEACHER-CONTACT': 'Every course teacher contacted',
  'CO-TUITION': 'Tuition collection rate > 90%',
  'CO-SUMMARY-TERM': 'Term work summary to department and student affairs',
  'CO-TEACHING-LOAD': 'Teaching load ≤ 54 hours',
  'REG-UNREGISTERED-LIST': 'List of unpaid and unregistered students',
  'REG-REGISTRATION': 'Student registration',
  'REG-ARCHIVE-PAPERS': "Last term's papers archived",
  'REG-MAKEUP-EXAM': 'Make-up exams held',
  'REG-MAKEUP-RESULTS': 'Make-up results within a week',
  'REG-ACADEMIC-WARNING': 'Academic warning after make-up exams',
  'REG-STATUS-PROCESSING': 'Status-processing list (≥ 4 failed courses)',
};

const byId = new Map(RULES.map((rule, order) => [rule.id, { rule, order }]));

export function ruleTitle(ruleId: string): RuleTitle {
  const zh = byId.get(ruleId)?.rule.title ?? ruleId;
  return { zh, en: ENGLISH[ruleId] ?? ruleId };
}

export function ruleFamily(ruleId: string): RuleFamily {
  const known = byId.get(ruleId)?.rule.role;
  if (known) return known;
  return ruleId.startsWith('CO-') ? 'counselor' : ruleId.startsWith('REG-') ? 'registrar' : 'class-teacher';
}

/** Declaration order of the rule set; unknown ids after every known one (then by id, where callers tie-break). */
export function ruleOrder(ruleId: string): number {
  return byId.get(ruleId)?.order ?? Number.MAX_SAFE_INTEGER;
}

/** Ids with an English title, for the test that every rule of the set has one. */
export const RULE_IDS_WITH_ENGLISH_TITLES: readonly string[] = Object.keys(ENGLISH);
