/** The domain's storage failures, as the API reports them. */
import { AlreadyExistsError, ConflictingImportError, InvalidCursorError, ItemTooLargeError, StaleRevisionError, UnknownReferenceError } from '../../../domain/errors.js';
import { bilingual } from '../../../domain/bilingual.js';
import { inChinese } from './names.js';
import { BadRequestError, ConflictError, fieldProblem, PayloadTooLargeError, PreconditionFailedError, UnprocessableError } from './problem.js';

export function asHttpProblem(error: unknown): unknown {
  if (error instanceof AlreadyExistsError) {
    const zh = `${inChinese(error.what)} ${error.id} 已存在`;
    return new ConflictError(bilingual(error.message, zh), [fieldProblem(error.path, 'already_exists', error.message, zh)], { cause: error });
  }
  if (error instanceof ConflictingImportError) {
    const zh = `第 ${error.index} 行与此前以导入键 ${error.importId} 导入的内容不同；新的导入请使用新的 importKey`;
    return new ConflictError(bilingual(error.message, zh), [fieldProblem(['records', error.index], 'import_row_differs', error.message, zh)], { cause: error });
  }
  if (error instanceof UnknownReferenceError) {
    return new UnprocessableError([fieldProblem(error.path, 'unknown_reference', error.message, `${inChinese(error.what)} ${error.id} 不存在`)]);
  }
  if (error instanceof StaleRevisionError) {
    return new PreconditionFailedError(
      bilingual(
        `${error.message}; read it again and retry with its current ETag.`,
        `${inChinese(error.what)}在版本 ${error.expectedRevision} 之后已被修改；请重新读取，并以其当前的 ETag 重试。`,
      ),
    );
  }
  if (error instanceof InvalidCursorError) {
    return new BadRequestError([fieldProblem(['query', 'cursor'], 'invalid_cursor', error.message, '此 cursor 不是本查询给出的')]);
  }
  if (error instanceof ItemTooLargeError) {
    return new PayloadTooLargeError(bilingual(`What this request would store is too large: ${error.message}; nothing was written.`, `本次请求要保存的内容过大（${error.bytes} 字节，上限 ${error.limit} 字节），未写入任何内容。`), { cause: error });
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
