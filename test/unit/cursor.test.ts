import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../../domain/errors.js';
import { decodeCursor, encodeCursor, equals, startsWith } from '../../functions/storage/cursor.js';

const partition = 'TENANT#t1#CLASS#c1';
const expected = { pk: equals(partition), sk: startsWith('MEETING#') };
const craft = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('pagination cursors', () => {
  it('round-trips a key of the expected partition', () => {
    const key = { pk: partition, sk: 'MEETING#0190' };
    expect(decodeCursor(encodeCursor(key), expected)).toEqual(key);
  });

  it.each([
    ['another tenant’s partition', craft({ pk: 'TENANT#t2#CLASS#c1', sk: 'MEETING#0190' })],
    ['another item kind in the partition', craft({ pk: partition, sk: '#HEAD' })],
    ['extra key attributes', craft({ pk: partition, sk: 'MEETING#0190', gsi1pk: 'x' })],
    ['not JSON', 'not-base64-json'],
    ['JSON that is not an object', craft('MEETING#0190')],
  ])('refuses a cursor for %s', (_, cursor) => {
    expect(() => decodeCursor(cursor, expected)).toThrow(InvalidCursorError);
  });
});
