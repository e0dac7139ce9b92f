/** `If-Match` with the version or revision a client read (RFC 9110 §13.1.1). */
import { AlreadyExistsError } from '../../../domain/errors.js';
import { bilingual } from '../../../domain/bilingual.js';
import { asHttpProblem } from './domain-errors.js';
import { inChinese } from './names.js';
import { BadRequestError, fieldProblem, PreconditionRequiredError } from './problem.js';

/** Why If-Match is asked for, in Chinese: no change is overwritten unseen. */
const unseenZh = '以免在不知情时覆盖他人的修改。';

export const etagOf = (version: number) => `"${version}"`;

/** `"3"` (or `W/"3"`, or a bare 3) → 3; undefined when the header is absent. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (match === null) {
    throw new BadRequestError([fieldProblem(['headers', 'if-match'], 'invalid_etag', 'If-Match takes the ETag you read, e.g. "3"', 'If-Match 应填读取时得到的 ETag，例如 "3"')]);
  }
  return Number(match[1]);
}

/** A change to something that exists must say which version it was based on. */
export function requiredVersion(header: string | undefined, what: string): number {
  const version = versionFromIfMatch(header);
  if (version === undefined) {
    throw new PreconditionRequiredError(
      bilingual(
        `Send If-Match with the ETag of the ${what} you read, so no change is overwritten unseen.`,
        `请在 If-Match 中填写读取${inChinese(what)}时得到的 ETag，${unseenZh}`,
      ),
    );
  }
  return version;
}

/** 428 for a PUT without If-Match on something that exists: the client did not read it first. */
export const ifMatchNeeded = (what: string) =>
  new PreconditionRequiredError(
    bilingual(
      `The ${what} exists: send If-Match with the ETag you read, so no change is overwritten unseen.`,
      `${inChinese(what)}已存在：请在 If-Match 中填写读取时得到的 ETag，${unseenZh}`,
    ),
  );

/**
 * Stores a versioned resource (created without If-Match, changed with it) and answers as
 * PUT should: 201 when created, 200 when changed, the new ETag either way. Creating what
 * exists already means the client did not read it first: 428.
 */
export async function putVersioned<T>(
  expected: number | undefined,
  version: number,
  what: string,
  store: () => Promise<void>,
  body: T,
): Promise<{ status: number; headers: Record<string, string>; body: T }> {
  await store().catch((error: unknown) => {
    if (error instanceof AlreadyExistsError) throw ifMatchNeeded(what);
    throw asHttpProblem(error);
  });
  return { status: expected === undefined ? 201 : 200, headers: { etag: etagOf(version) }, body };
}
