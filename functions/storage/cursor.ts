/**
 * Pagination cursors: DynamoDB's LastEvaluatedKey, made opaque for API clients.
 *
 * A cursor is only accepted with exactly the key attributes of the listing it came from,
 * each passing that listing's check, so a crafted cursor cannot start a listing inside
 * another class's or another tenant's partition.
 */
import { InvalidCursorError } from '../../domain/errors.js';

type Key = Record<string, unknown>;

/** For each key attribute of the listing, what its value must satisfy. */
export type CursorShape = Readonly<Record<string, (value: string) => boolean>>;

export const equals = (expected: string) => (value: string) => value === expected;
export const startsWith = (prefix: string) => (value: string) => value.startsWith(prefix);

export function encodeCursor(lastEvaluatedKey: Key | undefined): string | undefined {
  if (lastEvaluatedKey === undefined) return undefined;
  return Buffer.from(JSON.stringify(lastEvaluatedKey), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, shape: CursorShape): Key | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new InvalidCursorError({ cause });
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new InvalidCursorError();
  const entries = Object.entries(key);
  const expected = Object.keys(shape);
  const valid =
    entries.length === expected.length &&
    entries.every(([name, value]) => typeof value === 'string' && shape[name] !== undefined && shape[name](value));
  if (!valid) throw new InvalidCursorError();
  return key as Key;
}
