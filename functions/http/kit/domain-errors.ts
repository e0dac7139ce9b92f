/** The domain's storage failures, as the API reports them. */
import { AlreadyExistsError, ConflictingImportError, InvalidCursorError, StaleRevisionError, UnknownReferenceError } from '../../../domain/errors.js';
import { BadRequestError, ConflictError, fieldProblem, PreconditionFailedError, UnprocessableError } from './problem.js';

export function asHttpProblem(error: unknown): unknown {
  if (error instanceof AlreadyExistsError) {
    return new ConflictError(error.message, [fieldProblem(error.path, 'already_exists', error.message)], { cause: error });
  }
  if (error instanceof ConflictingImportError) {
    return new ConflictError(error.message, [fieldProblem(['records', error.index], 'import_row_differs', error.message)], { cause: error });
  }
  if (error instanceof UnknownReferenceError) {
    return new UnprocessableError([fieldProblem(error.path, 'unknown_reference', error.message)]);
  }
  if (error instanceof StaleRevisionError) {
    return new PreconditionFailedError(`${error.message}; read it again and retry with its current ETag.`);
  }
  if (error instanceof InvalidCursorError) {
    return new BadRequestError([fieldProblem(['query', 'cursor'], 'invalid_cursor', error.message)]);
  }
  return error;
}

/** Runs a storage call, translating its domain failures into HTTP problems. */
export async function translated<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw asHttpProblem(error);
  }
}
