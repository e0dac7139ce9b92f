/**
 * Building blocks of the API's request schemas (zod mini: the same validation and
 * issue paths as classic zod, at a fraction of the bundle and load time — see the
 * README's design notes).
 */
import * as z from 'zod/mini';

/** Identifiers chosen by the institution: class codes, unit codes. */
export const identifier = z.string().check(
  z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use 1–64 letters, digits, dot, underscore or hyphen, starting with a letter or digit'),
);

/** Names of people, classes and units: Chinese or Latin text, trimmed, not blank. */
export const displayName = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));

/** 学号: letters and digits only, as printed on the student card. */
export const studentNumber = z.string().check(z.regex(/^[A-Za-z0-9]{4,32}$/, 'a student number is 4–32 letters or digits'));

/** Terms are named by year and season; a class's entry term names one of them. */
export const termId = z.string().check(z.regex(/^\d{4}-(spring|autumn)$/, 'a term is written like 2025-autumn or 2026-spring'));

export const longText = z.string().check(z.trim(), z.minLength(1), z.maxLength(4000));

export const tenantPath = z.object({ tenantId: identifier });
export const classPath = z.object({ tenantId: identifier, classId: identifier });

export const pageQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

/** Rejects repeated values in a list, naming the repeated entry's index. */
export function noDuplicates<T>(keyOf: (item: T) => string, what: string) {
  return z.superRefine<T[]>((items, context) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      if (seen.has(key)) {
        context.addIssue({ code: 'custom', path: [index], message: `${what} ${key} is listed twice`, input: item });
      }
      seen.add(key);
    });
  });
}
