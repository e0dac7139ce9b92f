/**
 * Field shapes shared by the record kinds (zod mini: pure validation, no I/O, so it may
 * live in the domain, where the record rules are).
 */
import * as z from 'zod/mini';
import { bilingual } from '../bilingual.js';

export const localDate = z.iso.date();
export const instant = z.iso.datetime({ offset: true });
export const studentNumber = z.string().check(z.regex(/^[A-Za-z0-9]{4,32}$/, bilingual('a student number is 4–32 letters or digits', '学号为4至32位字母或数字')));
export const text = (max = 4000) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** Terms are written by year and season: `2025-autumn`, `2026-spring`. */
export const termIdPattern = /^(\d{4})-(spring|autumn)$/;
export const termId = z.string().check(z.regex(termIdPattern, bilingual('a term is written like 2025-autumn or 2026-spring', '学期写作 2025-autumn（秋季）或 2026-spring（春季）')));
export const monthId = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, bilingual('a month is written like 2025-09', '月份写作 2025-09')));
export const channel = z.enum(['phone', 'qq', 'sms', 'email', 'visit', 'platform']);
export const staffId = z.string().check(z.minLength(1), z.maxLength(128));

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
