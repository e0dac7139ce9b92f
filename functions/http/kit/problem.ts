/**
 * Problem details (RFC 9457) for every error the API answers with.
 *
 * Each field-level problem is one entry of `errors`, with a JSON pointer into the
 * request (RFC 6901) and the same path as an array, so clients can show the message
 * beside the field without parsing strings.
 */
import { bilingual, inLanguage } from '../../../domain/bilingual.js';

export interface FieldProblem {
  /** `#/students/3/studentNumber` for the body; `#/query/limit` or `#/path/classId` elsewhere. */
  readonly pointer: string;
  readonly path: readonly (string | number)[];
  readonly code: string;
  /** In English and, where given, Chinese (`bilingual`); the answer carries the caller's language. */
  readonly detail: string;
}

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldProblem[];
}

const problemType = (slug: string) => `urn:xuewu:problem:${slug}`;

export function pointerOf(path: readonly (string | number)[]): string {
  return `#/${path.map((step) => String(step).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

export function fieldProblem(path: readonly (string | number)[], code: string, detail: string, zh?: string): FieldProblem {
  return { pointer: pointerOf(path), path, code, detail: zh === undefined ? detail : bilingual(detail, zh) };
}

export class HttpProblemError extends Error {
  override readonly name: string = 'HttpProblemError';
  constructor(
    readonly statusCode: number,
    readonly slug: string,
    readonly title: string,
    detail?: string,
    readonly errors?: readonly FieldProblem[],
    options?: ErrorOptions,
  ) {
    super(detail ?? title, options);
  }

  /** The problem document; its detail and field details in Chinese for a caller who asked for it. */
  toProblem(instance?: string, chinese = false): ProblemDocument {
    return {
      type: problemType(this.slug),
      title: this.title,
      status: this.statusCode,
      ...(this.message !== this.title ? { detail: inLanguage(this.message, chinese) } : {}),
      ...(instance !== undefined ? { instance } : {}),
      ...(this.errors !== undefined ? { errors: this.errors.map((error) => ({ ...error, detail: inLanguage(error.detail, chinese) })) } : {}),
    };
  }
}

export class BadRequestError extends HttpProblemError {
  override readonly name = 'BadRequestError';
  constructor(errors: readonly FieldProblem[], detail = bilingual('The request does not match the schema of this route.', '请求不符合此接口的格式要求。')) {
    super(400, 'invalid-request', 'Invalid request', detail, errors);
  }
}

/** The 401 detail, here and in the local runtime's own answer. */
export const validTokenRequired = bilingual('A valid bearer token is required.', '需要有效的 Bearer 令牌。');

export class UnauthorizedError extends HttpProblemError {
  override readonly name = 'UnauthorizedError';
  constructor(detail = validTokenRequired) {
    super(401, 'unauthorized', 'Unauthorized', detail);
  }
}

export class ForbiddenError extends HttpProblemError {
  override readonly name = 'ForbiddenError';
  constructor(detail: string) {
    super(403, 'forbidden', 'Forbidden', detail);
  }
}

export class NotFoundError extends HttpProblemError {
  override readonly name = 'NotFoundError';
  constructor(detail: string) {
    super(404, 'not-found', 'Not found', detail);
  }
}

export class ConflictError extends HttpProblemError {
  override readonly name = 'ConflictError';
  constructor(detail: string, errors?: readonly FieldProblem[], options?: ErrorOptions) {
    super(409, 'already-exists', 'Already exists', detail, errors, options);
  }
}

export class PreconditionFailedError extends HttpProblemError {
  override readonly name = 'PreconditionFailedError';
  constructor(detail: string) {
    super(412, 'precondition-failed', 'Precondition failed', detail);
  }
}

export class PreconditionRequiredError extends HttpProblemError {
  override readonly name = 'PreconditionRequiredError';
  constructor(detail: string) {
    super(428, 'precondition-required', 'Precondition required', detail);
  }
}

export class UnsupportedMediaTypeError extends HttpProblemError {
  override readonly name = 'UnsupportedMediaTypeError';
  constructor(detail = bilingual('Send the body as application/json.', '请以 application/json 格式发送请求正文。')) {
    super(415, 'unsupported-media-type', 'Unsupported media type', detail);
  }
}

/** A body, or an item it would store, larger than the API takes or the table holds; nothing was written. */
export class PayloadTooLargeError extends HttpProblemError {
  override readonly name = 'PayloadTooLargeError';
  constructor(detail: string, options?: ErrorOptions) {
    super(413, 'too-large', 'Too large', detail, undefined, options);
  }
}

export class UnprocessableError extends HttpProblemError {
  override readonly name = 'UnprocessableError';
  constructor(errors: readonly FieldProblem[], detail = bilingual('The request breaks a rule of the institution.', '请求违反了本机构的规定。')) {
    super(422, 'rule-violated', 'Rule violated', detail, errors);
  }
}
