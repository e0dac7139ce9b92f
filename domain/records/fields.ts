/**
 * Field shapes shared by the record kinds and the API's request schemas (zod mini: pure
 * validation, no I/O, so it may live in the domain, where the record rules are). Every
 * text, number and date a client sends is built from these, so the contract rules of the
 * README ("Request contracts") hold everywhere at once.
 */
import * as z from 'zod/mini';
import { bilingual } from '../bilingual.js';

/** The years a date may fall in: nothing the institution keeps is older or further ahead. */
export const earliestYear = 1900;
export const latestYear = 2100;

const yearOf = (isoText: string) => Number(isoText.slice(0, 4));
const plausibleYear = z.refine<string>(
  (value) => yearOf(value) >= earliestYear && yearOf(value) <= latestYear,
  // Said only of a well-formed date: a malformed one is told so once.
  { message: bilingual(`the year lies between ${earliestYear} and ${latestYear}`, `年份须在${earliestYear}至${latestYear}之间`), when: (payload) => payload.issues.length === 0 },
);

/** A calendar day (`2025-09-12`) that exists (no 2026-02-30), in 1900–2100. */
export const localDate = z.iso.date().check(plausibleYear);
/** An instant with its offset (`2025-09-08T09:00:00+08:00`), in 1900–2100. */
export const instant = z.iso.datetime({ offset: true }).check(plausibleYear);

/**
 * Characters no text may hold: C0 controls but tab and line feed (a CR LF pair is read
 * as a line feed first), DEL, lone surrogates (half an emoji, which no font shows and
 * some systems cannot store) and the bidirectional controls that make a name read
 * differently from what it holds (U+202E, the right-to-left override).
 */
const refusedInText = /[\u0000-\u0008\u000B-\u001F\u007F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;
/** A single line (names, ids) holds no tab or line feed either. */
const refusedInLine = /[\u0000-\u001F\u007F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;

const codePointOf = (character: string) => `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

function refusing(pattern: RegExp) {
  return z.superRefine<string>((value, context) => {
    const found = pattern.exec(value);
    if (found === null) return;
    const at = codePointOf(found[0]);
    context.addIssue({
      code: 'custom',
      message: bilingual(
        `the text holds ${at} at position ${found.index}: control characters (but tab and line feed in longer text), lone surrogates and bidirectional controls are refused`,
        `文本第 ${found.index} 位含有字符 ${at}：不接受控制字符（长文本中的制表符和换行除外）、孤立代理项和双向控制字符`,
      ),
      input: value,
      params: { codePoint: at },
    });
  });
}

/** Unicode NFC, and CR LF read as LF: the same words are stored as the same characters. */
const normalised = z.overwrite<string>((value) => value.normalize('NFC').replace(/\r\n/g, '\n'));

/** Free text over several lines (notes, summaries): NFC, trimmed, 1–`max` characters after both. */
export const text = (max = 4000) => z.string().check(normalised, z.trim(), refusing(refusedInText), z.minLength(1), z.maxLength(max));
/** One line of text (names, posts, rooms, ids chosen elsewhere): as `text`, without tab or line feed. */
export const line = (max: number) => z.string().check(normalised, z.trim(), refusing(refusedInLine), z.minLength(1), z.maxLength(max));

/**
 * A number with at most `places` decimals, written plainly: the check reads the number
 * as JSON wrote it back (`String`), so 0.1 + 0.2 (0.30000000000000004), 1e-200 and 1e21
 * fail where a float `multipleOf` would let them through. Bounds keep it inside what
 * DynamoDB stores (magnitudes 1e-130 to 1e126, 38 digits) and below 2^53.
 */
export function decimal(min: number, max: number, places: number) {
  const plain = new RegExp(`^-?\\d+(\\.\\d{1,${places}})?$`);
  return z.number().check(
    z.minimum(min),
    z.maximum(max),
    z.refine((value) => plain.test(String(value)), bilingual(`use at most ${places} decimal places`, `最多保留${places}位小数`)),
  );
}
/** A whole number from `min` to `max` (never beyond 2^53). */
export const count = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));
/** Money in yuan (元): 0 to 100,000,000 with at most 2 decimals (fen 分). */
export const yuan = decimal(0, 100_000_000, 2);

export const studentNumber = z.string().check(z.regex(/^[A-Za-z0-9]{4,32}$/, bilingual('a student number is 4–32 letters or digits', '学号为4至32位字母或数字')));
/** Terms are written by year and season: `2025-autumn`, `2026-spring`. */
export const termIdPattern = /^(\d{4})-(spring|autumn)$/;
export const termId = z.string().check(z.regex(termIdPattern, bilingual('a term is written like 2025-autumn or 2026-spring', '学期写作 2025-autumn（秋季）或 2026-spring（春季）')));
export const monthId = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, bilingual('a month is written like 2025-09', '月份写作 2025-09')));
export const channel = z.enum(['phone', 'qq', 'sms', 'email', 'visit', 'platform']);
/** A user id as the identity provider issues it (Cognito's `sub`, or a directory's own ids). */
export const staffId = line(128);

/** Rejects repeated values in a list, naming the repeated entry's index; `what` in English and Chinese. */
export function noDuplicates<T>(keyOf: (item: T) => string, what: { readonly en: string; readonly zh: string }) {
  return z.superRefine<T[]>((items, context) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      if (seen.has(key)) context.addIssue({ code: 'custom', path: [index], message: bilingual(`${what.en} ${key} is listed twice`, `${what.zh} ${key} 重复`), input: item });
      seen.add(key);
    });
  });
}

export const studentNumberWord = { en: 'student number', zh: '学号' } as const;

export const studentList = (min = 0, max = 300) =>
  z.array(studentNumber).check(z.minLength(min), z.maxLength(max), noDuplicates((n: string) => n, studentNumberWord));
