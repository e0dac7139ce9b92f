/** Keys as S3 event notifications encode them, and back. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEventKey, encodeEventKey } from '../../../functions/storage/s3-event-key.js';

describe('S3 event keys', () => {
  it('decode a space written as +', () => expect(decodeEventKey('incoming/a/my+file.jpg')).toBe('incoming/a/my file.jpg'));
  it('decode a literal + written as %2B', () => expect(decodeEventKey('incoming/a/1%2B1.jpg')).toBe('incoming/a/1+1.jpg'));
  it('decode Chinese written as UTF-8 percent escapes', () => {
    // 刘 is U+5218: UTF-8 E5 88 98; 洋 is U+6D0B: E6 B4 8B.
    expect(decodeEventKey('incoming/a/1711001201115%E5%88%98%E6%B4%8B.jpg')).toBe('incoming/a/1711001201115刘洋.jpg');
  });
  it('encode as S3 does: space as +, + as %2B, Chinese as escapes, / kept', () => {
    expect(encodeEventKey('incoming/a/1 刘+.jpg')).toBe('incoming/a/1+%E5%88%98%2B.jpg');
  });
  it('refuse an escape that is not UTF-8', () => expect(() => decodeEventKey('incoming/%E5%88.jpg')).toThrow(URIError));
  it('round-trip every key', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (key) => decodeEventKey(encodeEventKey(key)) === key));
  });
  it('leave no space, literal + or non-ASCII character in an encoded key', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (key) => /^[\x21-\x7e]*$/.test(encodeEventKey(key)) && !/[ ]/.test(encodeEventKey(key)) && !encodeEventKey(key).replaceAll('+', '').includes(' ')));
  });
});
