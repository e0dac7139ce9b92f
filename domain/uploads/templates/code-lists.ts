/**
 * The code lists the templates draw on. The exemption lists are the tenant's to edit
 * (a province renumbers subjects; the reasons are its form's notes, which the seed does not
 * reproduce); the defaults are the seed's where it gives them. The other lists stay ours:
 * the information-change table's standings, items and causes are the national platform's
 * fields as seed 003 五 lists them (a tenant changing them would send a table the platform
 * refuses), and the 督学统计表's marks are our own layout's.
 */
import type { Violation } from '../../violation.js';
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

/**
 * The upload settings of a tenant's configuration (`uploads`): the code lists it edits,
 * each replacing the default list whole. Sizes are bounded by the configuration's schema
 * (functions/http/schemas/configuration.ts); what the schema cannot see is checked here.
 */
export interface UploadSettings {
  readonly codeLists?: {
    /** 免考科目代码 (seed 003 一 3: "大学英语B为71,计算机应用基础为69") */
    readonly exemptionSubjects?: readonly CodeEntry[];
    /** 免考原因 (seed 003 一 4: "参照表后备注填写") */
    readonly exemptionReasons?: readonly CodeEntry[];
  };
}

/** The lists a tenant may set, by their name in the configuration. */
export const tenantEditableLists = { exemptionSubjects: 'exemption-subjects', exemptionReasons: 'exemption-reasons' } as const satisfies Record<keyof NonNullable<UploadSettings['codeLists']>, CodeListName>;

/** The lists the tenant's settings replace, in the shape the checks take. */
export function tenantCodeLists(settings: UploadSettings | undefined): Partial<CodeLists> {
  const lists: Partial<Record<CodeListName, readonly CodeEntry[]>> = {};
  for (const [field, list] of Object.entries(tenantEditableLists)) {
    const entries = settings?.codeLists?.[field as keyof typeof tenantEditableLists];
    if (entries !== undefined) lists[list] = entries;
  }
  return lists;
}

/**
 * A cell may hold a code or its name (templates/cell-rules), so within one list every code
 * and every name must say one thing: codes unique, names unique, and no code another
 * entry's name (a cell reading it would match two entries).
 */
export function uploadSettingsViolations(settings: UploadSettings): Violation[] {
  const violations: Violation[] = [];
  for (const field of Object.keys(tenantEditableLists) as (keyof typeof tenantEditableLists)[]) {
    const entries = settings.codeLists?.[field] ?? [];
    const at = (index: number, key: 'code' | 'name') => ['uploads', 'codeLists', field, index, key];
    const codes = new Map<string, number>();
    const names = new Map<string, number>();
    entries.forEach((entry, index) => {
      if (codes.has(entry.code)) {
        violations.push({ path: at(index, 'code'), code: 'configuration.duplicate-code', message: `code ${entry.code} is listed twice`, zh: `代码 ${entry.code} 重复` });
      } else codes.set(entry.code, index);
      if (names.has(entry.name)) {
        violations.push({ path: at(index, 'name'), code: 'configuration.duplicate-code-name', message: `the name ${entry.name} is given to two codes`, zh: `名称“${entry.name}”对应两个代码` });
      } else names.set(entry.name, index);
    });
    entries.forEach((entry, index) => {
      const other = names.get(entry.code);
      if (other !== undefined && other !== index) {
        violations.push({ path: at(index, 'code'), code: 'configuration.code-is-another-name', message: `code ${entry.code} is also the name of entry ${other}: a cell holding it would match both`, zh: `代码 ${entry.code} 与第 ${other} 项的名称相同，表格中无法区分` });
      }
    });
  }
  return violations;
}
