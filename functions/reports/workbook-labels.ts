/**
 * Every word the term-end workbook shows, in Chinese (the default) and English. The
 * English workbook is a separate file written from the same figures with `en`.
 */
import type { FindingStatus, SubjectKind } from '../../domain/compliance/index.js';
import type { RuleFamily } from '../../domain/reports/index.js';

export type ReportLanguage = 'zh' | 'en';

export interface Label {
  readonly zh: string;
  readonly en: string;
}

export const SHEET_NAMES = {
  summary: { zh: '汇总', en: 'Summary' },
  findings: { zh: '全部结果', en: 'All findings' },
  misses: { zh: '未达标', en: 'Missed' },
  supervisionSheets: { zh: '督学统计表完整性', en: 'Supervision sheet' },
  about: { zh: '报告信息', en: 'About' },
} as const satisfies Record<string, Label>;

export const FAMILY_NAMES: Readonly<Record<RuleFamily, Label>> = {
  'class-teacher': { zh: '班主任', en: 'Class teacher' },
  counselor: { zh: '辅导员', en: 'Counselor' },
  registrar: { zh: '学籍管理员', en: 'Registrar' },
};

export const STATUS_NAMES: Readonly<Record<FindingStatus, Label>> = {
  met: { zh: '达标', en: 'met' },
  missed: { zh: '未达标', en: 'missed' },
  pending: { zh: '待定', en: 'pending' },
  'not-applicable': { zh: '不适用', en: 'not applicable' },
  blocked: { zh: '受阻', en: 'blocked' },
};

export const SUBJECT_KIND_NAMES: Readonly<Record<SubjectKind, Label>> = {
  staff: { zh: '教职工', en: 'staff' },
  class: { zh: '班级', en: 'class' },
  student: { zh: '学生', en: 'student' },
};

export const LEVEL_NAMES = {
  scope: { zh: '合计', en: 'Total' },
  unit: { zh: '单位', en: 'Unit' },
  class: { zh: '班级', en: 'Class' },
  staff: { zh: '教职工', en: 'Staff' },
  rule: { zh: '规则', en: 'Rule' },
} as const satisfies Record<string, Label>;

export const YES_NO = { yes: { zh: '是', en: 'yes' }, no: { zh: '否', en: 'no' } } as const satisfies Record<string, Label>;

/** What a blank stands for where a status or name is null. */
export const NONE = '—';

export function say(label: Label, language: ReportLanguage): string {
  return language === 'zh' ? label.zh : label.en;
}
