/**
 * 学生基本信息修改情况统计表 (seed 003 五): one row per changed item. "新生、在籍生按学号升序,
 * 毕业生按注册证号(51161开头的毕业生电子注册号)升序" — the seed keeps a table per standing; ours
 * is one sheet with a 学籍状态 column, rows grouped by standing and ascending within
 * each group by the number that names the student there. The items and causes are the
 * seed's (五 (二) 1 and 3); the column layout is ours.
 */
import type { SpreadsheetTemplate } from './template.js';

const GRADUATE = ['毕业生'];
const NOT_GRADUATE = ['新生', '在籍生'];

export const INFORMATION_CHANGE: SpreadsheetTemplate = {
  id: 'information-change',
  title: { zh: '学生基本信息修改情况统计表', en: 'Information-change table' },
  source: 'seed 003 五 (二) 1 (2): "新生、在籍生按学号升序,毕业生按注册证号…升序"',
  columns: [
    { key: 'standing', header: '学籍状态', headerEn: 'Standing', type: { kind: 'code', list: 'student-standing' }, required: true },
    {
      key: 'studentNumber',
      header: '学号',
      headerEn: 'Student number',
      type: { kind: 'student-number' },
      required: false,
      requiredWhen: { column: 'standing', values: NOT_GRADUATE },
    },
    {
      key: 'registrationNumber',
      header: '注册证号',
      headerEn: 'Registration number',
      type: { kind: 'registration-number' },
      required: false,
      requiredWhen: { column: 'standing', values: GRADUATE },
    },
    { key: 'name', header: '姓名', headerEn: 'Name', type: { kind: 'text', maxLength: 50 }, required: true },
    { key: 'item', header: '修改项目', headerEn: 'Item changed', type: { kind: 'code', list: 'information-items' }, required: true },
    { key: 'before', header: '原信息', headerEn: 'Before', type: { kind: 'text', maxLength: 200 }, required: true },
    { key: 'after', header: '修改后信息', headerEn: 'After', type: { kind: 'text', maxLength: 200 }, required: true },
    { key: 'cause', header: '修改原因', headerEn: 'Cause', type: { kind: 'code', list: 'change-causes' }, required: true },
  ],
  identity: {
    numberColumn: 'studentNumber',
    nameColumn: 'name',
    registrationColumn: 'registrationNumber',
    byRegistrationWhen: { column: 'standing', values: GRADUATE },
  },
  ascending: true,
  groupBy: 'standing',
  unique: [['standing', 'studentNumber', 'registrationNumber', 'item']],
  coversClassRoster: false,
};
