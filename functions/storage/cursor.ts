/**
 * Pagination cursors: DynamoDB's LastEvaluatedKey, made opaque for API clients.
 *
 * A cursor is only accepted for the partition it was issued for, so a crafted cursor
 * cannot start a listing inside another class's or another tenant's partition.
 */
import { InvalidCursorError } from '../../domain/errors.js';

type Key = Record<string, unknown>;

export function encodeCursor(lastEvaluatedKey: Key | undefined): string | undefined {
  if (lastEvaluatedKey === undefined) return undefined;
  return Buffer.from(JSON.stringify(lastEvaluatedKey), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, expected: { pk: string; skPrefix: string }): Key | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new InvalidCursorError({ cause });
  }
  if (
    typeof key !== 'object' ||
    key === null ||
    Object.keys(key).length !== 2 ||
    (key as Key)['pk'] !== expected.pk ||
    typeof (key as Key)['sk'] !== 'string' ||
    !((key as Key)['sk'] as string).startsWith(expected.skPrefix)
  ) {
    throw new InvalidCursorError();
  }
  return key as Key;
}
