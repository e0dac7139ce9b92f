/** `If-Match` with the version or revision a client read (RFC 9110 §13.1.1). */
import { BadRequestError, fieldProblem, PreconditionRequiredError } from './problem.js';

export const etagOf = (version: number) => `"${version}"`;

/** `"3"` (or `W/"3"`, or a bare 3) → 3; undefined when the header is absent. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (match === null) {
    throw new BadRequestError([fieldProblem(['headers', 'if-match'], 'invalid_etag', 'If-Match takes the ETag you read, e.g. "3"')]);
  }
  return Number(match[1]);
}

/** A change to something that exists must say which version it was based on. */
export function requiredVersion(header: string | undefined, what: string): number {
  const version = versionFromIfMatch(header);
  if (version === undefined) {
    throw new PreconditionRequiredError(`Send If-Match with the ETag of the ${what} you read, so no change is overwritten unseen.`);
  }
  return version;
}
