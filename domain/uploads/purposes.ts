/**
 * The eight kinds of file Xuewu takes (DOMAIN.md §6; seed 003 一 免考信息表, 三 学信网退学,
 * 五 学生基本信息修改, 六 毕业审核; seed 000 附件1 督学统计表): what each may be, how big,
 * and how its file must be named. The presign route refuses a file that breaks these
 * before any byte is sent; the validator checks them again on what actually landed.
 */
import type { UploadAuthority } from '../access.js';

export const uploadPurposes = [
  'withdrawal-form',
  'change-evidence',
  'graduation-photo',
  'new-student-photo',
  'withdrawal-list',
  'change-table',
  'exemption-table',
  'supervision-sheet',
] as const;
export type UploadPurpose = (typeof uploadPurposes)[number];

/**
 * How the file (and folder) must be named:
 * - `student`: full student number + name, nothing between (seed 003 三 3(3): `1711001201115刘洋.jpg`);
 * - `evidence`: named by what it shows (`身份证.jpg`, seed 003 五 4(8)) inside a folder named
 *   student number + name, or for a graduate registration number (51161…) + name (五 2(2));
 * - `free`: any safe name (the spreadsheets: the platforms name them by their template).
 */
export type NamingRule = 'student' | 'evidence' | 'free';

export const imageTypes = ['image/jpeg', 'image/png'] as const;
export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type UploadContentType = (typeof imageTypes)[number] | typeof xlsxType;

const MB = 1024 * 1024;

export interface PurposeRule {
  readonly kind: 'image' | 'spreadsheet';
  readonly contentTypes: readonly UploadContentType[];
  /** Lower-case extensions the name may end in, each with the type it implies. */
  readonly extensions: Readonly<Record<string, UploadContentType>>;
  /** Largest object accepted, bytes: 10 MB for images (seed 003 "10M以内"). */
  readonly maxBytes: number;
  readonly naming: NamingRule;
  /** The 督学统计表 is one per class and term: the request names the term. */
  readonly needsTerm: boolean;
  /** Files about one student (forms, photos, evidence): that student is named by the file. */
  readonly perStudent: boolean;
  /** Evidence images show ID cards and the like: private (DOMAIN.md §7), downloaded through a grant. */
  readonly private: boolean;
  /** Who uploads it (domain/access.ts `canUpload`). */
  readonly authority: UploadAuthority;
  readonly title: { readonly zh: string; readonly en: string };
}

const images = { kind: 'image', contentTypes: imageTypes, extensions: { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' }, maxBytes: 10 * MB, needsTerm: false, perStudent: true, authority: 'class-staff' } as const;
// The platforms' own templates are small; 20 MB holds a 300k-row list with room to spare.
const sheets = { kind: 'spreadsheet', contentTypes: [xlsxType], extensions: { xlsx: xlsxType }, maxBytes: 20 * MB, naming: 'free', perStudent: false, private: false } as const;

export const purposeRules: Readonly<Record<UploadPurpose, PurposeRule>> = {
  'withdrawal-form': { ...images, naming: 'student', private: false, title: { zh: '退学申请表', en: 'Withdrawal form' } },
  'change-evidence': { ...images, naming: 'evidence', private: true, title: { zh: '信息修改证明材料', en: 'Information-change evidence' } },
  'graduation-photo': { ...images, naming: 'student', private: false, title: { zh: '毕业生电子照片', en: 'Graduation photo' } },
  'new-student-photo': { ...images, naming: 'student', private: false, title: { zh: '新生照片', en: 'New-student photo' } },
  'withdrawal-list': { ...sheets, needsTerm: false, authority: 'class-staff', title: { zh: '学信网退学汇总名单', en: 'Withdrawal summary list' } },
  'change-table': { ...sheets, needsTerm: false, authority: 'registry', title: { zh: '学生基本信息修改情况统计表', en: 'Information-change table' } },
  'exemption-table': { ...sheets, needsTerm: false, authority: 'registry', title: { zh: '免考信息表', en: 'Exemption table' } },
  'supervision-sheet': { ...sheets, needsTerm: true, authority: 'class-teacher', title: { zh: '督学统计表', en: 'Supervision statistics sheet' } },
};

/**
 * What evidence images may be named (seed 003 五 3: the documents each change needs), each
 * as the file's stem: `身份证.jpg`, `户口本.png`.
 */
export const evidenceNames = [
  '身份证',
  '户口本',
  '报名登记表',
  '毕业证书',
  '学历网查结果',
  '学历认证报告',
  '毕业生登记表',
  '身份证号码更正事项告知函',
  '身份证号码变更证明',
  '主项信息变更更正证明',
] as const;

/** 毕业生电子注册号 start with 51161 (seed 003 五 1(2)). */
export const registrationNumberPrefix = '51161';
