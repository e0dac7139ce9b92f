/**
 * Values every contract accepts: the text staff really type (Chinese, Latin with accents
 * written as combining marks, emoji, full-width punctuation), names, days and ids.
 */
import fc from 'fast-check';

const chinese = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCodePoint(code));
const latin = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
/** Decomposed letters (e + U+0301): the API stores them composed (NFC). */
const decomposed = fc.constantFrom('e\u0301', 'u\u0308', 'a\u030a', 'n\u0303');
const punctuation = fc.constantFrom('，', '。', '、', '：', '；', '！', '？', '（', '）', '“', '”', '-', '.', ',', '(', ')', '/', '·');
const emoji = fc.constantFrom('😀', '👍', '📚', '🏫', '✅');
const wordCharacter = fc.oneof({ weight: 6, arbitrary: chinese }, { weight: 3, arbitrary: latin }, { weight: 1, arbitrary: decomposed }, { weight: 1, arbitrary: emoji });

/** One line of text: no tab or newline, inner spaces only. */
export function line(maxCharacters: number): fc.Arbitrary<string> {
  const piece = fc.oneof({ weight: 8, arbitrary: wordCharacter }, { weight: 1, arbitrary: punctuation }, { weight: 1, arbitrary: fc.constant(' ') });
  return fc
    .array(piece, { minLength: 1, maxLength: Math.max(1, Math.min(maxCharacters, 40)) })
    .map((pieces) => pieces.join(''))
    .filter((text) => text.trim().length > 0 && [...text.normalize('NFC')].length <= maxCharacters);
}

/** Free text: several lines, tabs allowed, surrounding blanks (the API trims them). */
export function freeText(maxCharacters = 4000): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(line(60), { minLength: 1, maxLength: 4 }), fc.constantFrom('', ' ', '\n'), fc.constantFrom('\n', '\t', '\n\n'))
    .map(([lines, margin, joint]) => `${margin}${lines.join(joint)}${margin}`)
    .filter((text) => [...text.normalize('NFC').trim()].length <= maxCharacters);
}

export const personName = line(20);

/** A day in 2025-autumn (2025-09-01 … 2026-01-16), as `YYYY-MM-DD`. */
export function dayBetween(from: string, to: string): fc.Arbitrary<string> {
  const start = Date.parse(`${from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / 86_400_000);
  return fc.integer({ min: 0, max: days }).map((offset) => new Date(start + offset * 86_400_000).toISOString().slice(0, 10));
}

/** A non-empty subset of `items`, in their order. */
export const someOf = <T>(items: readonly T[], max = items.length) => fc.subarray([...items], { minLength: 1, maxLength: max });

/**
 * Ids no earlier request used. fast-check replays a generated value while it shrinks, so
 * the running number is added when the request is built, not when the value is generated.
 */
let issued = 0;
export const nextNumber = () => ++issued;
export const idLabel = (prefix: string) => fc.stringMatching(/^[a-z0-9]{1,6}$/).map((tail) => `${prefix}-${tail}`);
export const unique = (label: string) => `${label}-${nextNumber()}`;
/** A student number (学号) of 13 digits no earlier request used. */
export const uniqueStudentNumber = () => `27${String(nextNumber()).padStart(11, '0')}`;
