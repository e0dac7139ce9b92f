/**
 * Field shapes shared by the record kinds (zod mini: pure validation, no I/O, so it may
 * live in the domain, where the record rules are).
 */
import * as z from 'zod/mini';

export const localDate = z.iso.date();
export const instant = z.iso.datetime({ offset: true });
export const studentNumber = z.string().check(z.regex(/^[A-Za-z0-9]{4,32}$/, 'a student number is 4–32 letters or digits'));
export const text = (max = 4000) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
export const termId = z.string().check(z.regex(/^\d{4}-(spring|autumn)$/, 'a term is written like 2025-autumn or 2026-spring'));
export const monthId = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is written like 2025-09'));
export const channel = z.enum(['phone', 'qq', 'sms', 'email', 'visit', 'platform']);
export const staffId = z.string().check(z.minLength(1), z.maxLength(128));

/** Rejects repeated values in a list, naming the repeated entry's index. */
export function noDuplicates<T>(keyOf: (item: T) => string, what: string) {
  return z.superRefine<T[]>((items, context) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      if (seen.has(key)) context.addIssue({ code: 'custom', path: [index], message: `${what} ${key} is listed twice`, input: item });
      seen.add(key);
    });
  });
}

export const studentList = (min = 0, max = 300) =>
  z.array(studentNumber).check(z.minLength(min), z.maxLength(max), noDuplicates((n: string) => n, 'student number'));
