/**
 * 学信网退学汇总名单 (seed 003 三 (一) 2): "申请学信网退学的汇总名单(EXCEL表格)…名单按学号升序排列",
 * one row per student, each matched by that student's form image in the same batch.
 * The seed names no columns beyond the number and name the images carry; the rest are
 * ours: 序号 (optional), 专业 and 申请日期 (the day the student signed the form: not
 * after the day of checking, at most a year before).
 */
import type { SpreadsheetTemplate } from './template.js';

export const WITHDRAWAL_LIST: SpreadsheetTemplate = {
  id: 'withdrawal-list',
  title: { zh: '学信网退学汇总名单', en: 'Withdrawal summary list' },
  source: 'seed 003 三 (一) 2: "名单按学号升序排列"',
  columns: [
    { key: 'seq', header: '序号', headerEn: 'No.', type: { kind: 'integer', min: 1, max: 100_000 }, required: false },
    { key: 'studentNumber', header: '学号', headerEn: 'Student number', type: { kind: 'student-number' }, required: true },
    { key: 'name', header: '姓名', headerEn: 'Name', type: { kind: 'text', maxLength: 50 }, required: true },
    { key: 'major', header: '专业', headerEn: 'Major', type: { kind: 'text', maxLength: 100 }, required: false },
    { key: 'appliedOn', header: '申请日期', headerEn: 'Application date', type: { kind: 'date', maxDaysBack: 366 }, required: true },
    { key: 'reason', header: '退学原因', headerEn: 'Reason', type: { kind: 'text', maxLength: 200 }, required: false },
  ],
  identity: { numberColumn: 'studentNumber', nameColumn: 'name' },
  ascending: true,
  unique: [['studentNumber']],
  coversClassRoster: false,
};
