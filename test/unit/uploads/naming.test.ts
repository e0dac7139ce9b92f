/** The naming rules of seed 003 (三 3(3), 五 2(2), 五 4(8)) and the 1,024-byte key limit. */
import { describe, expect, it } from 'vitest';
import { checkNaming, incomingKey, keyProblems, parseIncomingKey, verdictKey, type RosterEntry } from '../../../domain/uploads/naming.js';

const roster: RosterEntry[] = [
  { studentNumber: '1711001201115', name: '刘洋' },
  { studentNumber: '1711001201116', name: '王芳', registrationNumber: '511611201906000123' },
];
const form = (fileName: string, contentType: 'image/jpeg' | 'image/png' = 'image/jpeg') => checkNaming({ purpose: 'withdrawal-form', fileName, contentType, size: 1000 }, roster);
const codes = (verdict: { problems: readonly { code: string }[] }) => verdict.problems.map((p) => p.code);

describe('a withdrawal form is named by the full student number and the name, nothing between', () => {
  it('accepts 1711001201115刘洋.jpg and names that student', () => {
    expect(form('1711001201115刘洋.jpg')).toEqual({ problems: [], studentNumber: '1711001201115' });
  });
  it('refuses a “+” between number and name', () => expect(codes(form('1711001201115+刘洋.jpg'))).toContain('upload.name-plus'));
  it('refuses a space between number and name', () => expect(codes(form('1711001201115 刘洋.jpg'))).toContain('upload.name-space'));
  it('refuses an ideographic space too', () => expect(codes(form('1711001201115\u3000刘洋.jpg'))).toContain('upload.name-space'));
  it('refuses a path: separators and ..', () => {
    expect(codes(form('../1711001201115刘洋.jpg'))).toEqual(expect.arrayContaining(['upload.name-dots', 'upload.name-separator']));
    expect(codes(form('a\\1711001201115刘洋.jpg'))).toContain('upload.name-separator');
  });
  it('refuses control and invisible characters', () => {
    expect(codes(form('1711001201115刘洋\u0007.jpg'))).toContain('upload.name-control');
    expect(codes(form('1711001201115\u200b刘洋.jpg'))).toContain('upload.name-control');
  });
  it('refuses a name not in NFC (e + combining acute instead of é)', () => {
    expect(codes(form('1711001201115Rene\u0301.jpg'))).toContain('upload.name-not-nfc');
  });
  it('refuses a number not on the class’s roster, and a number with another student’s name', () => {
    expect(codes(form('1711001201199刘洋.jpg'))).toEqual(['upload.unknown-student']);
    expect(codes(form('1711001201115王芳.jpg'))).toEqual(['upload.name-mismatch']);
  });
  it('refuses a name without the number', () => expect(codes(form('刘洋.jpg'))).toEqual(['upload.name-not-student']));
  it('refuses an extension the purpose does not take, and a type the extension contradicts', () => {
    expect(codes(form('1711001201115刘洋.gif'))).toContain('upload.extension');
    expect(codes(form('1711001201115刘洋.jpg', 'image/png'))).toEqual(['upload.type-mismatch']);
  });
  it('reports every broken rule at once', () => {
    // "+", a space and a wrong extension: three problems, none hiding another.
    expect(codes(form('1711001201115+ 刘洋.gif')).sort()).toEqual(['upload.extension', 'upload.name-plus', 'upload.name-space']);
  });
});

describe('information-change evidence is named by what it shows, in the student’s folder', () => {
  const evidence = (fileName: string, folder?: string) => checkNaming({ purpose: 'change-evidence', fileName, folder, contentType: 'image/jpeg', size: 1000 }, roster);
  it('accepts 身份证.jpg in the folder 1711001201115刘洋', () => expect(evidence('身份证.jpg', '1711001201115刘洋')).toEqual({ problems: [], studentNumber: '1711001201115' }));
  it('accepts a graduate’s folder named by the registration number 51161…', () => {
    expect(evidence('毕业生登记表.jpg', '511611201906000123王芳')).toEqual({ problems: [], studentNumber: '1711001201116' });
  });
  it('refuses a registration number no graduate of the class holds', () => expect(codes(evidence('身份证.jpg', '511611201906000999王芳'))).toEqual(['upload.unknown-registration-number']));
  it('refuses evidence named otherwise than by its content', () => expect(codes(evidence('scan001.jpg', '1711001201115刘洋'))).toEqual(['upload.evidence-name']));
  it('refuses evidence outside a folder', () => expect(codes(evidence('身份证.jpg'))).toEqual(['upload.folder-required']));
  it('refuses a folder for a file that is not evidence', () => {
    expect(codes(checkNaming({ purpose: 'graduation-photo', fileName: '1711001201115刘洋.jpg', folder: 'x', contentType: 'image/jpeg', size: 1 }, roster))).toEqual(['upload.folder-not-allowed']);
  });
});

describe('spreadsheets', () => {
  it('take any safe name ending in .xlsx, of the xlsx type only', () => {
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' as const;
    expect(checkNaming({ purpose: 'exemption-table', fileName: '免考信息表.xlsx', contentType: xlsx, size: 1 }, roster).problems).toEqual([]);
    expect(codes(checkNaming({ purpose: 'exemption-table', fileName: '免考信息表.xls', contentType: xlsx, size: 1 }, roster))).toEqual(['upload.extension']);
    expect(codes(checkNaming({ purpose: 'supervision-sheet', fileName: '督学统计表.xlsx', contentType: 'image/png', size: 1 }, roster))).toEqual(['upload.type-mismatch', 'upload.type']);
  });
});

describe('the object key holds at most 1,024 bytes of UTF-8', () => {
  const uploadId = '019ad000-0000-7000-8000-000000000000';
  it('refuses a 1,000-character Chinese name: 3,000 bytes', () => {
    const name = `${'学'.repeat(1000)}.xlsx`;
    expect(keyProblems('tenant-a', uploadId, name).map((p) => p.code)).toEqual(['upload.key-too-long']);
  });
  it('accepts the longest name that fits, and refuses one byte more', () => {
    // incoming/ (9) + tenant-a/ (9) + the id and / (37) = 55 bytes before the name;
    // 1,024 − 55 = 969 bytes: 5 for ".xlsx", 964 for the stem = 321 Chinese characters (963) + one ASCII letter.
    const fits = `${'学'.repeat(321)}a.xlsx`;
    expect(new TextEncoder().encode(incomingKey('tenant-a', uploadId, fits)).length).toBe(1024);
    expect(keyProblems('tenant-a', uploadId, fits)).toEqual([]);
    expect(keyProblems('tenant-a', uploadId, `${'学'.repeat(321)}ab.xlsx`).map((p) => p.code)).toEqual(['upload.key-too-long']);
  });
});

describe('keys of an upload', () => {
  it('go from incoming/ to accepted/ or rejected/ with the same tail, and name their tenant and upload', () => {
    const key = incomingKey('t1', 'u1', '身份证.jpg', '1711001201115刘洋');
    expect(key).toBe('incoming/t1/u1/1711001201115刘洋/身份证.jpg');
    expect(verdictKey(key, 'accepted')).toBe('accepted/t1/u1/1711001201115刘洋/身份证.jpg');
    expect(verdictKey(key, 'rejected')).toBe('rejected/t1/u1/1711001201115刘洋/身份证.jpg');
    expect(parseIncomingKey(key)).toEqual({ tenantId: 't1', uploadId: 'u1' });
    expect(parseIncomingKey('accepted/t1/u1/x.jpg')).toBeUndefined();
    expect(parseIncomingKey('incoming/t1/u1')).toBeUndefined();
  });
});
