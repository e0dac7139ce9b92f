/**
 * The code lists the templates draw on. The exemption lists are the tenant's to edit
 * (a province renumbers subjects); the defaults are the seed's where it gives them.
 */
import type { CodeListName } from './template.js';

export interface CodeEntry {
  readonly code: string;
  /** what the code stands for, shown in messages and checked against a name column */
  readonly name: string;
}

export type CodeLists = Readonly<Record<CodeListName, readonly CodeEntry[]>>;

export const DEFAULT_CODE_LISTS: CodeLists = {
  // seed 003 一 3: "免考科目代码,大学英语B为71,计算机应用基础为69"
  'exemption-subjects': [
    { code: '71', name: '大学英语B' },
    { code: '69', name: '计算机应用基础' },
  ],
  // seed 003 一 4 says "免考原因,参照表后备注填写" but does not reproduce the form's notes.
  // Until a tenant enters its form's list, these are the national 统考免考 conditions the
  // notes refer to (our reading; tenant-editable).
  'exemption-reasons': [
    { code: '本科以上学历', name: '已具有国民教育系列本科以上学历' },
    { code: '年满40周岁', name: '入学注册时年满40周岁的非英语专业学生（大学英语）' },
    { code: '少数民族', name: '户籍在民族自治地区的少数民族学生（大学英语）' },
    { code: '英语证书', name: '已获得大学英语四级或以上、全国英语等级考试三级或以上证书（大学英语）' },
    { code: '计算机证书', name: '已获得全国计算机等级考试一级或以上证书（计算机应用基础）' },
  ],
  // seed 003 五 (二) 1 (2): "根据学生学籍(新生、在籍生、毕业生)状态"
  'student-standing': [
    { code: '新生', name: 'new student' },
    { code: '在籍生', name: 'enrolled student' },
    { code: '毕业生', name: 'graduate' },
  ],
  // seed 003 五 (二) 3: the fields a change may concern
  'information-items': [
    { code: '姓名', name: 'name' },
    { code: '性别', name: 'gender' },
    { code: '民族', name: 'ethnicity' },
    { code: '身份证号', name: 'ID number' },
    { code: '入学文化程度', name: 'prior education' },
  ],
  // seed 003 五 (二) 1 (1): "信息变更或信息录入错误"
  'change-causes': [
    { code: '信息变更', name: 'the information changed' },
    { code: '录入错误', name: 'entered wrongly' },
  ],
  // our choice for 督学统计表 cells (the seed gives no layout)
  'supervision-marks': [
    { code: '已完成', name: 'done' },
    { code: '未完成', name: 'not done' },
    { code: '不适用', name: 'not applicable' },
  ],
};

/** The tenant's lists over the defaults: a list the tenant set replaces the default whole. */
export function codeLists(tenant: Partial<CodeLists> = {}): CodeLists {
  return { ...DEFAULT_CODE_LISTS, ...tenant };
}
