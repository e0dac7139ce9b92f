/**
 * One cell against its column's declaration: the value as the checks go on with it
 * (text NFC and trimmed; numbers and dates as their text), or the rule it breaks.
 */
import type { CodeLists } from './templates/code-lists.js';
import type { TemplateColumn } from './templates/template.js';
import type { SheetCell } from './spreadsheet.js';

export interface CellBreach {
  readonly rule: string;
  readonly en: string;
  readonly zh: string;
}

/** The value as the checks go on with it, or the rule broken (a string is the common case: no allocation). */
export type CellOutcome = string | { readonly breach: CellBreach };

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const DIGITS = /^\d+$/;
/** The largest count of digits a spreadsheet number keeps exactly (Excel shows 15). */
const EXACT_DIGITS = 15;
const REGISTRATION = /^51161\d{13}$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const breach = (rule: string, en: string, zh: string): { breach: CellBreach } => ({ breach: { rule, en, zh } });

/**
 * Would NFC, trimming and the control-character check leave this text as it is? True for
 * printable ASCII and CJK unified ideographs (U+4E00–U+9FFF, which NFC never changes)
 * with no space at either end — nearly every cell of a school's list — and then the
 * costlier path below is skipped.
 */
function alreadyClean(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  if (text.charCodeAt(0) === 0x20 || text.charCodeAt(n - 1) === 0x20) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) continue;
    return false;
  }
  return true;
}

/** The cell's content as text, or a breach when it holds something text cannot be. */
function asText(cell: SheetCell): CellOutcome {
  switch (cell.type) {
    case 'string': {
      // Keep the reader's own string when nothing changes: shared strings are then held
      // once, not again in every key the checks remember.
      const raw = cell.value as string;
      if (alreadyClean(raw)) return raw;
      const normal = raw.normalize('NFC').trim();
      const text = normal === raw ? raw : normal;
      if (CONTROL.test(text)) return breach('CELL-CONTROL-CHARACTER', 'holds a line break or control character', '含有换行符或控制字符');
      return text;
    }
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.value as string;
    case 'boolean':
      return breach('CELL-TYPE', 'holds TRUE/FALSE, not text', '是逻辑值（TRUE/FALSE），不是文本');
    case 'error':
      return breach('CELL-ERROR', `shows the error ${String(cell.value)}`, `显示错误值 ${String(cell.value)}`);
  }
}

/** Digits from a text cell, or from a whole number a spreadsheet kept exactly. */
function asDigits(cell: SheetCell): CellOutcome {
  if (cell.type === 'number') {
    const n = cell.value as number;
    if (!Number.isInteger(n) || n < 0) return breach('CELL-DIGITS', 'must be digits only', '只能是数字');
    if (n >= 10 ** EXACT_DIGITS) return breach('CELL-NUMBER-PRECISION', 'is a number too long to be kept exactly: enter it as text', '数字过长已失真，请以文本格式录入');
    return String(n);
  }
  // the usual cell, digits and nothing else, needs neither the text path nor the pattern
  if (cell.type === 'string' && onlyDigits(cell.value as string)) return cell.value as string;
  const text = asText(cell);
  if (typeof text !== 'string') return text;
  return DIGITS.test(text) ? text : breach('CELL-DIGITS', 'must be digits only', '只能是数字');
}

function onlyDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function daysBetween(from: string, to: string): number | null {
  const a = ISO_DAY.exec(from);
  const b = ISO_DAY.exec(to);
  if (!a || !b) return null;
  const ms = (m: RegExpExecArray) => Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.round((ms(b) - ms(a)) / DAY_MS);
}

/** A real calendar day: 2025-02-30 is not one. */
function isRealDay(iso: string): boolean {
  const m = ISO_DAY.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === iso;
}

type CodeEntries = CodeLists[keyof CodeLists];
/** Per code list, the code each accepted text (a code, or its name) stands for: looked up for every coded cell. */
const codesByText = new WeakMap<CodeEntries, Map<string, string>>();
function codeOf(entries: CodeEntries): Map<string, string> {
  let codes = codesByText.get(entries);
  if (codes === undefined) {
    codes = new Map();
    // the first entry whose code or name reads so wins: set last to first
    for (const e of [...entries].reverse()) {
      codes.set(e.name, e.code);
      codes.set(e.code, e.code);
    }
    codesByText.set(entries, codes);
  }
  return codes;
}

export function checkCell(column: TemplateColumn, cell: SheetCell, lists: CodeLists, today: string): CellOutcome {
  const type = column.type;
  switch (type.kind) {
    case 'text': {
      const text = asText(cell);
      if (typeof text !== 'string') return text;
      if (text.length > type.maxLength) return breach('CELL-TOO-LONG', `is longer than ${type.maxLength} characters`, `超过 ${type.maxLength} 个字符`);
      return text;
    }
    case 'student-number': {
      const digits = asDigits(cell);
      if (typeof digits !== 'string') return digits;
      return digits.length >= 4 && digits.length <= 20 ? digits : breach('CELL-STUDENT-NUMBER', 'is not a student number (4 to 20 digits)', '不是有效学号（4 至 20 位数字）');
    }
    case 'registration-number': {
      const digits = asDigits(cell);
      if (typeof digits !== 'string') return digits;
      return REGISTRATION.test(digits)
        ? digits
        : breach('CELL-REGISTRATION-NUMBER', 'is not a registration number (18 digits starting 51161)', '不是毕业生电子注册号（以 51161 开头的 18 位数字）');
    }
    case 'fixed-digits': {
      if (cell.type === 'number') {
        const n = cell.value as number;
        const shown = String(n);
        if (Number.isInteger(n) && n >= 0 && shown.length === type.length) return shown;
        return breach('CELL-FIXED-DIGITS', `must be exactly ${type.length} digits, padded with leading zeros, entered as text`, `必须是 ${type.length} 位数字，不足 ${type.length} 位的用 0 补足（以文本格式录入）`);
      }
      const digits = asDigits(cell);
      if (typeof digits !== 'string' || digits.length !== type.length) {
        return breach('CELL-FIXED-DIGITS', `must be exactly ${type.length} digits, padded with leading zeros`, `必须是 ${type.length} 位数字，不足 ${type.length} 位的用 0 补足`);
      }
      return digits;
    }
    case 'code': {
      const text = asText(cell);
      if (typeof text !== 'string') return text;
      const entries = lists[type.list];
      const code = codeOf(entries).get(text);
      if (code !== undefined) return code;
      const shown = entries.map((e) => e.code).join(', ');
      return breach('CELL-CODE-UNKNOWN', `is not one of the codes (${shown})`, `不在代码表中（${shown}）`);
    }
    case 'integer': {
      const n = cell.type === 'number' ? (cell.value as number) : cell.type === 'string' && DIGITS.test((cell.value as string).trim()) ? Number((cell.value as string).trim()) : NaN;
      if (!Number.isInteger(n) || n < type.min || n > type.max) return breach('CELL-INTEGER', `must be a whole number from ${type.min} to ${type.max}`, `必须是 ${type.min} 至 ${type.max} 的整数`);
      return String(n);
    }
    case 'date': {
      const text = cell.type === 'date' ? (cell.value as string).slice(0, 10) : cell.type === 'string' ? (cell.value as string).trim().replace(/\//g, '-') : '';
      if (!isRealDay(text)) return breach('CELL-DATE', 'is not a date (YYYY-MM-DD)', '不是有效日期（YYYY-MM-DD）');
      const back = daysBetween(text, today);
      if (back === null || back < 0 || back > type.maxDaysBack) {
        return breach('CELL-DATE-IMPLAUSIBLE', `must lie between ${type.maxDaysBack} days before today and today`, `须在今天及之前 ${type.maxDaysBack} 天以内`);
      }
      return text;
    }
  }
}
