/**
 * 免考信息表 (seed 003 一): "学习中心代码,必须是8位,不足8位的用0补足;免考科目代码,大学英语B为71,
 * 计算机应用基础为69;免考原因,参照表后备注填写;填表结束,最后一行填写'/记录行结束/'". One row
 * per student and subject; the table ends with the marker row (nothing may follow it).
 * The columns besides those the seed names (学号, 姓名, 免考科目名称) are ours.
 */
import type { SpreadsheetTemplate } from './template.js';

export const EXEMPTION_END_MARKER = '/记录行结束/';

export const EXEMPTION_TABLE: SpreadsheetTemplate = {
  id: 'exemption',
  title: { zh: '免考信息表', en: 'Exemption table' },
  source: 'seed 003 一 1–5',
  columns: [
    { key: 'centerCode', header: '学习中心代码', headerEn: 'Learning-center code', type: { kind: 'fixed-digits', length: 8 }, required: true },
    { key: 'studentNumber', header: '学号', headerEn: 'Student number', type: { kind: 'student-number' }, required: true },
    { key: 'name', header: '姓名', headerEn: 'Name', type: { kind: 'text', maxLength: 50 }, required: true },
    { key: 'subjectCode', header: '免考科目代码', headerEn: 'Subject code', type: { kind: 'code', list: 'exemption-subjects' }, required: true },
    { key: 'subjectName', header: '免考科目名称', headerEn: 'Subject name', type: { kind: 'text', maxLength: 50 }, required: false },
    { key: 'reason', header: '免考原因', headerEn: 'Reason', type: { kind: 'code', list: 'exemption-reasons' }, required: true },
  ],
  identity: { numberColumn: 'studentNumber', nameColumn: 'name' },
  ascending: false,
  unique: [['studentNumber', 'subjectCode']],
  lastRowMarker: EXEMPTION_END_MARKER,
  coversClassRoster: false,
};
