/**
 * Pagination cursors: DynamoDB's LastEvaluatedKey, sealed for API clients.
 *
 * A cursor is `v1.` + base64url(iv ‖ ciphertext ‖ tag), AES-256-GCM under the cursor key
 * with a random 96-bit iv. Encrypted, not only signed, so that no attribute name or key
 * layout leaves the server. The tenant, the listing and its filters are the additional
 * authenticated data: a cursor opens only in the listing, with the filters, that handed it
 * out. The plaintext is the key's values alone, in the order of the listing's shape; the
 * names come back from the shape.
 *
 * After opening, every value must still be a non-empty string passing the shape's check:
 * defence in depth, so that even a leaked key or a bug here cannot start a query in another
 * partition or hand DynamoDB an empty key (which it answers with a 500-worthy error).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { InvalidCursorError } from '../../domain/errors.js';

type Key = Record<string, string>;

/** For each key attribute of the listing, in a fixed order, what its value must satisfy. */
export type CursorShape = Readonly<Record<string, (value: string) => boolean>>;

/** What a cursor is bound to: it opens only where all of this is the same. */
export interface CursorScope {
  readonly tenantId: string;
  readonly listing: string;
  readonly filters: Readonly<Record<string, string | undefined>>;
}

export const equals = (expected: string) => (value: string) => value === expected;
export const startsWith = (prefix: string) => (value: string) => value.startsWith(prefix) && value.length > prefix.length;
export const anyValue = () => true;

/** The format's version, so a later key or layout can be told apart (rotation is not done yet). */
const version = 'v1';
const prefix = `${version}.`;
const ivBytes = 12;
const tagBytes = 16;
/** The API refuses longer cursors (functions/http/schemas/common.ts); so does the codec, before any work. */
const maxCursorLength = 2048;
const minSecretLength = 32;

/**
 * The AES key from the configured secret (any string of at least 32 characters: the
 * generated secret on AWS, a random hex string locally). HKDF keeps this key apart from
 * any other use the same secret might ever be put to.
 */
export function deriveCursorKey(secret: string): Buffer {
  if (secret.length < minSecretLength) throw new Error(`the cursor key must be at least ${minSecretLength} characters`);
  return Buffer.from(hkdfSync('sha256', secret, '', `xuewu pagination cursor ${version}`, 32));
}

/** The scope as bytes: the filters in name order, absent ones left out. */
function associatedData(scope: CursorScope): Buffer {
  const filters = Object.entries(scope.filters)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify([version, scope.tenantId, scope.listing, filters]), 'utf8');
}

export function sealCursor(key: Buffer, lastEvaluatedKey: Record<string, unknown> | undefined, scope: CursorScope, shape: CursorShape): string | undefined {
  if (lastEvaluatedKey === undefined) return undefined;
  const names = Object.keys(shape);
  const values = names.map((name) => lastEvaluatedKey[name]);
  // DynamoDB hands back exactly the index's and the table's key attributes; anything else is our bug.
  if (Object.keys(lastEvaluatedKey).length !== names.length || !values.every((value) => typeof value === 'string')) {
    throw new Error('LastEvaluatedKey does not match the listing’s cursor shape');
  }
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
  cipher.setAAD(associatedData(scope));
  const sealed = Buffer.concat([iv, cipher.update(JSON.stringify(values), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return prefix + sealed.toString('base64url');
}

/** The plaintext of a cursor sealed for this scope, or undefined for anything else. */
function decrypt(key: Buffer, cursor: string, scope: CursorScope): string | undefined {
  if (cursor.length > maxCursorLength || !cursor.startsWith(prefix)) return undefined;
  const text = cursor.slice(prefix.length);
  const sealed = Buffer.from(text, 'base64url');
  // Only the canonical spelling: Node's decoder skips stray characters and unused bits.
  if (sealed.toString('base64url') !== text || sealed.length <= ivBytes + tagBytes) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, ivBytes), { authTagLength: tagBytes });
    decipher.setAAD(associatedData(scope));
    decipher.setAuthTag(sealed.subarray(sealed.length - tagBytes));
    return Buffer.concat([decipher.update(sealed.subarray(ivBytes, sealed.length - tagBytes)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** @throws InvalidCursorError for a cursor this listing, with these filters, did not hand out */
export function openCursor(key: Buffer, cursor: string | undefined, scope: CursorScope, shape: CursorShape): Key | undefined {
  if (cursor === undefined) return undefined;
  const plaintext = decrypt(key, cursor, scope);
  if (plaintext === undefined) throw new InvalidCursorError();
  let values: unknown;
  try {
    values = JSON.parse(plaintext);
  } catch (cause) {
    throw new InvalidCursorError({ cause });
  }
  const checks = Object.entries(shape);
  if (!Array.isArray(values) || values.length !== checks.length) throw new InvalidCursorError();
  const startKey: Key = {};
  for (const [i, [name, check]] of checks.entries()) {
    const value: unknown = values[i];
    if (typeof value !== 'string' || value === '' || !check(value)) throw new InvalidCursorError();
    startKey[name] = value;
  }
  return startKey;
}

/** Sealing and opening with a key fetched on first need (listings that return one page never fetch it). */
export interface Cursors {
  seal(lastEvaluatedKey: Record<string, unknown> | undefined, scope: CursorScope, shape: CursorShape): Promise<string | undefined>;
  open(cursor: string | undefined, scope: CursorScope, shape: CursorShape): Promise<Key | undefined>;
}

export function cursorsWith(key: () => Promise<Buffer>): Cursors {
  return {
    seal: async (lastEvaluatedKey, scope, shape) => (lastEvaluatedKey === undefined ? undefined : sealCursor(await key(), lastEvaluatedKey, scope, shape)),
    open: async (cursor, scope, shape) => (cursor === undefined ? undefined : openCursor(await key(), cursor, scope, shape)),
  };
}
