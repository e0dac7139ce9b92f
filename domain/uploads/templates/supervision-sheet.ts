/**
 * 督学统计表 (seed 000 §2.4 #6, 附件1). The seed gives the sheet's title only, so this layout is
 * ours: one row per student of the class, and one column per duty of §2.2 whose feedback
 * column reads "录入《督学统计表》(附件1)" — twenty of them, in the seed's order, each
 * filled with 已完成 / 未完成 / 不适用. "总部核查录入信息的完整性": the sheet is complete when
 * every one of these cells is filled for every student on the class's roster.
 */
import type { SpreadsheetTemplate, TemplateColumn } from './template.js';

/** The duties, as §2.2 names them (项目 column), with the English the messages use. */
export const SUPERVISION_ITEMS: readonly { readonly key: string; readonly zh: string; readonly en: string }[] = [
  { key: 'courseSelection', zh: '选课与交费', en: 'Course selection and fees' },
  { key: 'courseStudy', zh: '课程学习', en: 'Course study' },
  { key: 'coursework', zh: '课程作业', en: 'Coursework' },
  { key: 'learningActivities', zh: '课程学习活动', en: 'Course activities' },
  { key: 'revision', zh: '期末复习', en: 'Final revision' },
  { key: 'thesis', zh: '毕业论文(实习)', en: 'Thesis (internship)' },
  { key: 'unifiedExamCoaching', zh: '统考辅导', en: 'Unified-exam coaching' },
  { key: 'textbookOrder', zh: '教材征订', en: 'Textbook order' },
  { key: 'textbookHandout', zh: '教材发放', en: 'Textbook hand-out' },
  { key: 'textbookFees', zh: '教材费结算', en: 'Textbook fees' },
  { key: 'contactList', zh: '通讯录', en: 'Contact list' },
  { key: 'studentFiles', zh: '学籍档案整理', en: 'Student files' },
  { key: 'studentCard', zh: '学生证管理', en: 'Student card' },
  { key: 'statusChanges', zh: '学籍异动管理', en: 'Status changes' },
  { key: 'grades', zh: '成绩管理', en: 'Grades' },
  { key: 'graduation', zh: '毕业管理', en: 'Graduation' },
  { key: 'degree', zh: '学位申报', en: 'Degree application' },
  { key: 'examBooking', zh: '课程报考/预约考试', en: 'Exam booking' },
  { key: 'examNotice', zh: '考试通知', en: 'Exam notice' },
  { key: 'examAdministration', zh: '考务工作', en: 'Exam administration' },
];

const itemColumns: TemplateColumn[] = SUPERVISION_ITEMS.map((item) => ({
  key: item.key,
  header: item.zh,
  headerEn: item.en,
  type: { kind: 'code', list: 'supervision-marks' },
  required: true,
}));

export const SUPERVISION_SHEET: SpreadsheetTemplate = {
  id: 'supervision-sheet',
  title: { zh: '督学统计表', en: 'Supervision statistics sheet' },
  source: 'seed 000 §2.2 (录入《督学统计表》(附件1)), §2.4 #6 (总部核查录入信息的完整性)',
  columns: [
    { key: 'studentNumber', header: '学号', headerEn: 'Student number', type: { kind: 'student-number' }, required: true },
    { key: 'name', header: '姓名', headerEn: 'Name', type: { kind: 'text', maxLength: 50 }, required: true },
    ...itemColumns,
    { key: 'remarks', header: '备注', headerEn: 'Remarks', type: { kind: 'text', maxLength: 500 }, required: false },
  ],
  identity: { numberColumn: 'studentNumber', nameColumn: 'name' },
  ascending: false,
  unique: [['studentNumber']],
  coversClassRoster: true,
};
