/** The domain's storage failures, as the API reports them. */
import { AlreadyExistsError, ConflictingImportError, InvalidCursorError, ItemTooLargeError, StaleRevisionError, UnknownReferenceError } from '../../../domain/errors.js';
import { BadRequestError, ConflictError, fieldProblem, PayloadTooLargeError, PreconditionFailedError, UnprocessableError } from './problem.js';

/** What the storage names, in Chinese, for the field details of a Chinese-speaking caller. */
const chineseNames: Readonly<Record<string, string>> = {
  tenant: '机构',
  unit: '单位',
  class: '班级',
  student: '学生',
  record: '记录',
  'staff member': '教职工',
  'course teachers of term': '该学期任课教师',
  'access request': '访问申请',
  configuration: '配置',
};
const inChinese = (what: string) => chineseNames[what] ?? what;

export function asHttpProblem(error: unknown): unknown {
  if (error instanceof AlreadyExistsError) {
    return new ConflictError(error.message, [fieldProblem(error.path, 'already_exists', error.message, `${inChinese(error.what)} ${error.id} 已存在`)], { cause: error });
  }
  if (error instanceof ConflictingImportError) {
    const zh = `第 ${error.index} 行与此前以导入键 ${error.importId} 导入的内容不同；新的导入请使用新的 importKey`;
    return new ConflictError(error.message, [fieldProblem(['records', error.index], 'import_row_differs', error.message, zh)], { cause: error });
  }
  if (error instanceof UnknownReferenceError) {
    return new UnprocessableError([fieldProblem(error.path, 'unknown_reference', error.message, `${inChinese(error.what)} ${error.id} 不存在`)]);
  }
  if (error instanceof StaleRevisionError) {
    return new PreconditionFailedError(`${error.message}; read it again and retry with its current ETag.`);
  }
  if (error instanceof InvalidCursorError) {
    return new BadRequestError([fieldProblem(['query', 'cursor'], 'invalid_cursor', error.message, '此 cursor 不是本查询给出的')]);
  }
  if (error instanceof ItemTooLargeError) {
    return new PayloadTooLargeError(`What this request would store is too large: ${error.message}; nothing was written.`, { cause: error });
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
