/**
 * Object keys as S3 event notifications carry them: form-URL-encoded, a space as `+`, a
 * literal `+` as `%2B`, other bytes outside the unreserved set (Chinese included) as
 * UTF-8 percent escapes, `/` left as it is. The validator decodes with `decodeEventKey`;
 * the local runtime encodes s3rver's raw keys with `encodeEventKey` so the handlers meet
 * keys as they would on AWS (s3rver does not encode them, STACK.md).
 */

/** What S3 leaves unescaped in an event key. */
const unreserved = /[A-Za-z0-9\-_.*/]/;

export function encodeEventKey(key: string): string {
  let encoded = '';
  for (const character of key) {
    if (character === ' ') encoded += '+';
    else if (unreserved.test(character)) encoded += character;
    else for (const byte of new TextEncoder().encode(character)) encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** The key as stored; throws URIError on an escape that is not UTF-8 (not a key S3 sent). */
export function decodeEventKey(encoded: string): string {
  return decodeURIComponent(encoded.replaceAll('+', ' '));
}
