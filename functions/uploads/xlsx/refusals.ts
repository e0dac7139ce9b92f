/**
 * Why the reader refuses a file, as `UploadProblem`s with a message in both languages.
 * Inside the reader a refusal travels as an `XlsxRefusal` (so deep code can stop at once);
 * `readXlsx` turns it into a result and never lets it escape.
 */
import { bilingual } from '../../../domain/bilingual.js';
import type { UploadProblem } from '../../../domain/uploads/ports.js';

export class XlsxRefusal extends Error {
  constructor(readonly problem: UploadProblem) {
    super(problem.rule);
  }
}

const refuse = (rule: string, en: string, zh: string, where: Partial<Pick<UploadProblem, 'sheet' | 'row' | 'column'>> = {}): XlsxRefusal =>
  new XlsxRefusal({ rule, message: bilingual(en, zh), ...where });

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export const refusals = {
  notAZip: () => refuse('XLSX-NOT-A-ZIP', 'The file is not an .xlsx workbook (not a zip archive).', '文件不是 .xlsx 工作簿（不是 zip 格式）。'),
  legacyOrEncrypted: () =>
    refuse(
      'XLSX-LEGACY-OR-ENCRYPTED',
      'The file is an old .xls workbook or a password-protected one: save it as .xlsx without a password.',
      '文件是旧版 .xls 或设置了密码的工作簿：请另存为不加密的 .xlsx。',
    ),
  truncated: () => refuse('XLSX-TRUNCATED', 'The file is cut short (incomplete upload?): send it again.', '文件不完整（可能上传中断），请重新上传。'),
  corrupt: (detail: string) => refuse('XLSX-CORRUPT', `The workbook is damaged (${detail}).`, `工作簿已损坏（${detail}）。`),
  notAWorkbook: (missing: string) =>
    refuse('XLSX-NOT-A-WORKBOOK', `The archive is not an Excel workbook: ${missing} is missing.`, `压缩包不是 Excel 工作簿：缺少 ${missing}。`),
  malformedXml: (part: string) => refuse('XLSX-MALFORMED-XML', `The workbook's ${part} is not well-formed XML.`, `工作簿的 ${part} 不是格式正确的 XML。`),
  tooLarge: (size: number, max: number) =>
    refuse('XLSX-TOO-LARGE', `The file is ${mib(size)}; at most ${mib(max)} is accepted.`, `文件大小 ${mib(size)}，上限为 ${mib(max)}。`),
  tooManyEntries: (count: number, max: number) =>
    refuse('XLSX-TOO-MANY-ENTRIES', `The archive holds ${count} files; at most ${max}.`, `压缩包内有 ${count} 个文件，上限为 ${max} 个。`),
  partTooLarge: (part: string, max: number) =>
    refuse('XLSX-PART-TOO-LARGE', `${part} unpacks to more than ${mib(max)}.`, `${part} 解压后超过 ${mib(max)}。`),
  totalTooLarge: (max: number) =>
    refuse('XLSX-TOTAL-TOO-LARGE', `The workbook unpacks to more than ${mib(max)}.`, `工作簿解压后超过 ${mib(max)}。`),
  ratio: (part: string, max: number) =>
    refuse(
      'XLSX-COMPRESSION-RATIO',
      `${part} expands more than ${max} times its packed size (a zip bomb?).`,
      `${part} 解压后超过压缩大小的 ${max} 倍（疑似压缩炸弹）。`,
    ),
  sizeMismatch: (part: string) =>
    refuse(
      'XLSX-SIZE-MISMATCH',
      `${part} unpacks to a size other than the archive declares.`,
      `${part} 解压后的大小与压缩包声明的不符。`,
    ),
  tooManySheets: (max: number) => refuse('XLSX-TOO-MANY-SHEETS', `The workbook has more than ${max} sheets.`, `工作簿的工作表超过 ${max} 个。`),
  tooManyRows: (max: number) => refuse('XLSX-TOO-MANY-ROWS', `The workbook has more than ${max} rows.`, `工作簿超过 ${max} 行。`),
  tooManyCells: (max: number) => refuse('XLSX-TOO-MANY-CELLS', `The workbook has more than ${max} filled cells.`, `工作簿的非空单元格超过 ${max} 个。`),
  tooManySharedStrings: (max: number) =>
    refuse('XLSX-TOO-MANY-STRINGS', `The workbook has more than ${max} distinct texts.`, `工作簿的不同文本超过 ${max} 个。`),
  sharedStringsTooLarge: (max: number) =>
    refuse('XLSX-STRINGS-TOO-LARGE', `The workbook's texts together exceed ${max} characters.`, `工作簿的文本合计超过 ${max} 个字符。`),
  stringTooLong: (max: number, where: Partial<Pick<UploadProblem, 'sheet' | 'row' | 'column'>> = {}) =>
    refuse('XLSX-STRING-TOO-LONG', `A text is longer than ${max} characters.`, `有文本超过 ${max} 个字符。`, where),
  badCell: (detail: string, where: Pick<UploadProblem, 'sheet' | 'row' | 'column'>) =>
    refuse('XLSX-BAD-CELL', `A cell cannot be read (${detail}).`, `单元格无法读取（${detail}）。`, where),
};
