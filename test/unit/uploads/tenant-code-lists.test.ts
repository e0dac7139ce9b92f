/**
 * The tenant's code lists (domain/uploads/templates/code-lists.ts): which lists a tenant's
 * settings replace, and what makes a list ambiguous. Pure, no engine.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CODE_LISTS, codeLists, tenantCodeLists, uploadSettingsViolations } from '../../../domain/uploads/templates/code-lists.js';
import { rosterScopeOf } from '../../../domain/uploads/upload.js';

describe('TENANT-CODE-LISTS: a list the tenant sets replaces the default whole; the others stay', () => {
  it('exemptionSubjects set, exemptionReasons not: subjects are the tenant’s only entry, reasons the five defaults', () => {
    const lists = codeLists(tenantCodeLists({ codeLists: { exemptionSubjects: [{ code: '81', name: '大学英语B' }] } }));
    expect(lists['exemption-subjects']).toEqual([{ code: '81', name: '大学英语B' }]);
    expect(lists['exemption-reasons']).toHaveLength(5);
    expect(lists['student-standing']).toBe(DEFAULT_CODE_LISTS['student-standing']);
  });

  it('no settings: no list replaced', () => {
    expect(tenantCodeLists(undefined)).toEqual({});
    expect(tenantCodeLists({})).toEqual({});
  });
});

describe('TENANT-CODE-LIST-UNAMBIGUOUS: each code and name of a list says one thing', () => {
  it('the default lists are unambiguous', () => {
    expect(uploadSettingsViolations({ codeLists: { exemptionSubjects: DEFAULT_CODE_LISTS['exemption-subjects'], exemptionReasons: DEFAULT_CODE_LISTS['exemption-reasons'] } })).toEqual([]);
  });

  it('a code twice, a name twice, a code that is another entry’s name: each named by its path', () => {
    const violations = uploadSettingsViolations({
      codeLists: {
        exemptionReasons: [
          { code: 'A', name: '甲' },
          { code: 'A', name: '乙' }, // 1: code A again
          { code: 'B', name: '甲' }, // 2: name 甲 again
          { code: '乙', name: '丙' }, // 3: code 乙 is entry 1's name
        ],
      },
    });
    expect(violations.map((v) => [v.path.join('/'), v.code])).toEqual([
      ['uploads/codeLists/exemptionReasons/1/code', 'configuration.duplicate-code'],
      ['uploads/codeLists/exemptionReasons/2/name', 'configuration.duplicate-code-name'],
      ['uploads/codeLists/exemptionReasons/3/code', 'configuration.code-is-another-name'],
    ]);
  });

  it('an entry whose code is its own name is not ambiguous (a cell reading it matches that entry only)', () => {
    expect(uploadSettingsViolations({ codeLists: { exemptionReasons: [{ code: '年满40周岁', name: '年满40周岁' }] } })).toEqual([]);
  });

  it('the two lists are judged apart: the same code in subjects and reasons is no conflict', () => {
    expect(uploadSettingsViolations({ codeLists: { exemptionSubjects: [{ code: '71', name: '大学英语B' }], exemptionReasons: [{ code: '71', name: '其他' }] } })).toEqual([]);
  });
});

describe('UPLOAD-ROSTER-SCOPE: whose students a sheet’s rows may name', () => {
  it('the registry’s tables are the unit’s; the withdrawal list and the 督学统计表 are the class’s', () => {
    expect(rosterScopeOf('exemption-table')).toBe('unit');
    expect(rosterScopeOf('change-table')).toBe('unit');
    expect(rosterScopeOf('withdrawal-list')).toBe('class');
    expect(rosterScopeOf('supervision-sheet')).toBe('class');
  });
});
