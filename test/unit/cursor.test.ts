import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { InvalidCursorError } from '../../domain/errors.js';
import { cursorsWith, deriveCursorKey, equals, openCursor, sealCursor, startsWith, type CursorScope } from '../../functions/storage/cursor.js';

const key = deriveCursorKey(randomBytes(32).toString('hex'));
const partition = 'TENANT#t1#CLASS#c1#RECORDS';
const shape = { pk: startsWith('TENANT#t1#RECORD#'), sk: equals('#HEAD'), gsi1pk: equals(partition), gsi1sk: startsWith('MEETING#') };
const lastKey = { pk: 'TENANT#t1#RECORD#0190abcd', sk: '#HEAD', gsi1pk: partition, gsi1sk: 'MEETING#2025-11-03#0190abcd' };
const scope: CursorScope = { tenantId: 't1', listing: 'records-of-class', filters: { classId: 'c1', kind: 'class-meeting', from: '2025-11-01', to: undefined } };
const sealed = sealCursor(key, lastKey, scope, shape)!;

const open = (cursor: string, at: CursorScope = scope, withKey = key) => openCursor(withKey, cursor, at, shape);
/** The cursor with one character of its sealed part replaced. */
const alteredAt = (cursor: string, i: number) => cursor.slice(0, i) + (cursor[i] === 'A' ? 'B' : 'A') + cursor.slice(i + 1);
/** The old format: base64url JSON of the key, readable and forgeable by anyone. */
const plain = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Key names and values a cursor could give away, as text, in its decoded bytes, or
 * base64url-encoded at any of the three byte alignments (needles of four characters or
 * more, so random ciphertext does not match them by chance).
 */
function leaksIn(cursor: string): string[] {
  const bytes = Buffer.from(cursor.replace(/^v1\./, ''), 'base64url').toString('latin1');
  const encodings = (needle: string) =>
    [0, 1, 2].map((shift) => Buffer.from('\0'.repeat(shift) + needle).toString('base64url').slice(shift === 0 ? 0 : shift + 1, -2));
  const needles = ['"pk"', '"sk"', '"PK"', '"SK"', '"gsi1pk"', '"gsi1sk"', 'gsi1', 'TENANT#', '#HEAD', 'MEETING#', 'RECORDS'];
  return needles.filter((needle) => cursor.includes(needle) || bytes.includes(needle) || encodings(needle).some((spelling) => cursor.includes(spelling)));
}

describe('pagination cursors', () => {
  it('open to the key they were sealed from, in the same scope', () => {
    expect(open(sealed)).toEqual(lastKey);
    expect(openCursor(key, undefined, scope, shape)).toBeUndefined();
    expect(sealCursor(key, undefined, scope, shape)).toBeUndefined();
  });

  it('are versioned text that names no key attribute and shows no key value', () => {
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed.length).toBeLessThan(2048);
    expect(leaksIn(sealed)).toEqual([]);
    // The detector finds them in the old format.
    expect(leaksIn(plain(lastKey))).toEqual(expect.arrayContaining(['"pk"', '"gsi1sk"', 'TENANT#']));
  });

  it('differ each time the same key is sealed (a fresh iv), and each still opens', () => {
    const again = sealCursor(key, lastKey, scope, shape)!;
    expect(again).not.toBe(sealed);
    expect(open(again)).toEqual(lastKey);
  });

  it('are refused when any character is altered', () => {
    for (let i = 0; i < sealed.length; i++) {
      expect(() => open(alteredAt(sealed, i)), `character ${i}`).toThrow(InvalidCursorError);
    }
  });

  it.each<[string, CursorScope]>([
    ['another tenant', { ...scope, tenantId: 't2' }],
    ['another listing', { ...scope, listing: 'records-of-author' }],
    ['another filter value', { ...scope, filters: { ...scope.filters, kind: 'talk' } }],
    ['a filter added', { ...scope, filters: { ...scope.filters, to: '2025-11-30' } }],
    ['a filter left out', { ...scope, filters: { classId: 'c1', kind: 'class-meeting' } }],
    ['a filter under another name', { ...scope, filters: { authorId: 'c1', kind: 'class-meeting', from: '2025-11-01' } }],
  ])('are refused in %s', (_, elsewhere) => {
    expect(() => open(sealed, elsewhere)).toThrow(InvalidCursorError);
  });

  it('open whatever order the filters are named in', () => {
    const reordered = { ...scope, filters: { from: '2025-11-01', kind: 'class-meeting', classId: 'c1' } };
    expect(open(sealed, reordered)).toEqual(lastKey);
  });

  it('are refused under another key', () => {
    expect(() => open(sealed, scope, deriveCursorKey('another secret of at least thirty-two chars'))).toThrow(InvalidCursorError);
  });

  it.each([
    ['empty', ''],
    ['the version alone', 'v1.'],
    ['an unknown version', `v2.${sealed.slice(3)}`],
    ['no version', sealed.slice(3)],
    ['not base64url', 'v1.@@@@####$$$$%%%%^^^^&&&&****(((())))'],
    ['base64url with a stray character', `${sealed.slice(0, 10)}=${sealed.slice(10)}`],
    ['too short to hold an iv and a tag', `v1.${randomBytes(27).toString('base64url')}`],
    ['random bytes', `v1.${randomBytes(200).toString('base64url')}`],
    ['huge', `v1.${'A'.repeat(100_000)}`],
    ['the old format', plain(lastKey)],
    ['the old format with an empty sort key', plain({ ...lastKey, gsi1sk: '' })],
  ])('are refused when %s', (_, cursor) => {
    expect(() => open(cursor)).toThrow(InvalidCursorError);
  });

  describe('opened with a valid seal, still check the key (defence in depth)', () => {
    it.each([
      ['another partition', { ...lastKey, gsi1pk: 'TENANT#t2#CLASS#c1#RECORDS' }],
      ['another item kind', { ...lastKey, sk: 'VERSION#000001' }],
      ['a sort key outside the range', { ...lastKey, gsi1sk: 'TALK#2025-11-03#0190abcd' }],
      ['an empty value', { ...lastKey, gsi1sk: '' }],
      ['a prefix and nothing after it', { ...lastKey, pk: 'TENANT#t1#RECORD#' }],
    ])('refusing %s', (_, startKey) => {
      expect(() => open(sealCursor(key, startKey, scope, shape)!)).toThrow(InvalidCursorError);
    });
  });

  it('will not seal a key that is not the listing’s shape (a bug, not a client error)', () => {
    expect(() => sealCursor(key, { ...lastKey, extra: 'x' }, scope, shape)).toThrow(/shape/);
    expect(() => sealCursor(key, { ...lastKey, sk: 7 }, scope, shape)).toThrow(/shape/);
  });

  it('derive their key only from a secret of 32 characters or more', () => {
    expect(() => deriveCursorKey('short')).toThrow(/at least 32/);
    expect(deriveCursorKey('x'.repeat(32))).toHaveLength(32);
  });

  it('load the key only when there is a cursor to open or a key to seal', async () => {
    const loadKey = vi.fn(async () => key);
    const cursors = cursorsWith(loadKey);
    expect(await cursors.open(undefined, scope, shape)).toBeUndefined();
    expect(await cursors.seal(undefined, scope, shape)).toBeUndefined();
    expect(loadKey).not.toHaveBeenCalled();
    expect(await cursors.open(await cursors.seal(lastKey, scope, shape), scope, shape)).toEqual(lastKey);
    expect(loadKey).toHaveBeenCalledTimes(2);
  });
});
