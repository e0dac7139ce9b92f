/**
 * Building blocks of the API's request schemas (zod mini: the same validation and
 * issue paths as classic zod, at a fraction of the bundle and load time — see the
 * README's design notes).
 */
import * as z from 'zod/mini';
import { bilingual } from '../../../domain/bilingual.js';
import { line, text } from '../../../domain/records/fields.js';

/** Identifiers chosen by the institution: class codes, unit codes. */
export const identifier = z.string().check(
  z.regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    bilingual('use 1–64 letters, digits, dot, underscore or hyphen, starting with a letter or digit', '使用1至64位字母、数字、点、下划线或连字符，并以字母或数字开头'),
  ),
);

/** Names of people, classes and units: one line of Chinese or Latin text, NFC, trimmed, not blank. */
export const displayName = line(64);

/** 学号, terms, days, user ids and the no-repeats check: the same shapes the record kinds use. */
export { instant, localDate, noDuplicates, staffId, studentNumber, studentNumberWord, termId } from '../../../domain/records/fields.js';

/** Why a change is made (a correction, a withdrawal, an access request, a decision). */
export const reason = text(1000);

export const tenantPath = z.object({ tenantId: identifier });
export const classPath = z.object({ tenantId: identifier, classId: identifier });

/** Query objects are strict too: an unknown parameter is refused (400 naming it), not ignored. */
export const pageQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

