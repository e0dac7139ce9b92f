/**
 * File names and object keys of uploads (seed 003 三 3(3), 五 2(2), 五 4(8)): what a name
 * may contain, which student it names, and the key it is stored under. Pure: the roster
 * is passed in.
 */
import { bilingual } from '../bilingual.js';
import { evidenceNames, purposeRules, registrationNumberPrefix, type UploadContentType, type UploadPurpose } from './purposes.js';

/** S3 keys are at most 1,024 bytes of UTF-8. */
export const maxKeyBytes = 1024;
export const incomingPrefix = 'incoming/';
export const acceptedPrefix = 'accepted/';
export const rejectedPrefix = 'rejected/';

export interface NameProblem {
  /** Which request field it is about. */
  readonly field: 'fileName' | 'folder' | 'contentType';
  readonly code: string;
  readonly message: string;
}

/** A student of the class as the naming rules need them. */
export interface RosterEntry {
  readonly studentNumber: string;
  readonly name: string;
  /** 毕业生电子注册号 (51161…), for graduates. */
  readonly registrationNumber?: string;
}

const problem = (field: NameProblem['field'], code: string, en: string, zh: string): NameProblem => ({ field, code, message: bilingual(en, zh) });

/**
 * What no name may hold: `+` and white space (seed 003: "无“+”、无空格"), path separators and
 * `..` (a name is never a path), control and invisible format characters, and anything
 * not in NFC (the same name typed on two systems must be the same key).
 */
export function safeNameProblems(name: string, field: NameProblem['field']): NameProblem[] {
  const problems: NameProblem[] = [];
  if (name.length === 0) return [problem(field, 'upload.name-empty', 'the name is empty', '名称为空')];
  if (name.normalize('NFC') !== name) problems.push(problem(field, 'upload.name-not-nfc', 'the name is not in Unicode NFC form', '名称未按 Unicode NFC 规范化'));
  if (name.includes('+')) problems.push(problem(field, 'upload.name-plus', 'no “+” in the name (write the number and name together)', '名称中不得有“+”（学号与姓名直接相连）'));
  if (/\s/u.test(name)) problems.push(problem(field, 'upload.name-space', 'no spaces in the name', '名称中不得有空格'));
  if (/[/\\]/.test(name)) problems.push(problem(field, 'upload.name-separator', 'no “/” or “\\” in the name', '名称中不得有“/”或“\\”'));
  // What Windows refuses in a file name, and what a URL reserves: the file came from a PC and its key travels in URLs.
  if (/[<>:"|?*#%]/.test(name)) problems.push(problem(field, 'upload.name-reserved', 'no < > : " | ? * # % in the name', '名称中不得有 < > : " | ? * # %'));
  if (name.includes('..')) problems.push(problem(field, 'upload.name-dots', 'no “..” in the name', '名称中不得有“..”'));
  if (/[\p{Cc}\p{Cf}]/u.test(name)) problems.push(problem(field, 'upload.name-control', 'no control or invisible characters in the name', '名称中不得有控制字符或不可见字符'));
  return problems;
}

export interface SplitName {
  readonly stem: string;
  readonly extension: string;
}

export function splitName(fileName: string): SplitName | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || dot === fileName.length - 1) return undefined;
  return { stem: fileName.slice(0, dot), extension: fileName.slice(dot + 1).toLowerCase() };
}

/** `1711001201115刘洋` → the number and the name; undefined when it does not start with digits followed by a name. */
export function numberAndName(stem: string): { readonly number: string; readonly name: string } | undefined {
  const match = /^(\d{5,20})(\D.*)$/u.exec(stem);
  return match === null ? undefined : { number: match[1]!, name: match[2]! };
}

export interface NamingRequest {
  readonly purpose: UploadPurpose;
  readonly fileName: string;
  /** Evidence only: the per-student folder, number + name. */
  readonly folder?: string | undefined;
  readonly contentType: UploadContentType;
  readonly size: number;
}

export interface NamingVerdict {
  readonly problems: readonly NameProblem[];
  /** The student the file is about, when its purpose names one and the name matched the roster. */
  readonly studentNumber?: string;
}

function studentNamed(label: string, field: NameProblem['field'], roster: readonly RosterEntry[], allowRegistration: boolean): { problems: NameProblem[]; studentNumber?: string } {
  const parsed = numberAndName(label);
  if (parsed === undefined) {
    return { problems: [problem(field, 'upload.name-not-student', `“${label}” is not a full student number followed by the name, e.g. 1711001201115刘洋`, `“${label}”不是“学号全码+姓名”，例：1711001201115刘洋`)] };
  }
  const byRegistration = allowRegistration && parsed.number.startsWith(registrationNumberPrefix);
  const student = roster.find((entry) => (byRegistration ? entry.registrationNumber === parsed.number : entry.studentNumber === parsed.number));
  if (student === undefined) {
    return byRegistration
      ? { problems: [problem(field, 'upload.unknown-registration-number', `no graduate of the class has registration number ${parsed.number}`, `本班没有注册证号为 ${parsed.number} 的毕业生`)] }
      : { problems: [problem(field, 'upload.unknown-student', `no student of the class has number ${parsed.number}`, `本班没有学号为 ${parsed.number} 的学生`)] };
  }
  if (student.name !== parsed.name) {
    return { problems: [problem(field, 'upload.name-mismatch', `number ${parsed.number} belongs to another name than “${parsed.name}”`, `学号 ${parsed.number} 对应的姓名不是“${parsed.name}”`)] };
  }
  return { problems: [], studentNumber: student.studentNumber };
}

/**
 * Every way the file's name breaks its purpose's rule, all at once, and the student it
 * names. `roster` is the class's students.
 */
export function checkNaming(request: NamingRequest, roster: readonly RosterEntry[]): NamingVerdict {
  const rule = purposeRules[request.purpose];
  const problems: NameProblem[] = [...safeNameProblems(request.fileName, 'fileName')];
  const split = splitName(request.fileName);
  if (split === undefined || rule.extensions[split.extension] === undefined) {
    const allowed = Object.keys(rule.extensions).map((e) => `.${e}`).join(' ');
    problems.push(problem('fileName', 'upload.extension', `the name must end in ${allowed}`, `文件扩展名须为 ${allowed}`));
  } else if (rule.extensions[split.extension] !== request.contentType) {
    problems.push(problem('contentType', 'upload.type-mismatch', `a .${split.extension} file is not ${request.contentType}`, `.${split.extension} 文件的类型不是 ${request.contentType}`));
  }
  if (!rule.contentTypes.includes(request.contentType)) {
    problems.push(problem('contentType', 'upload.type', `a ${rule.title.en.toLowerCase()} is ${rule.contentTypes.join(' or ')}`, `${rule.title.zh}的类型须为 ${rule.contentTypes.join(' 或 ')}`));
  }
  if (request.folder !== undefined && rule.naming !== 'evidence') {
    problems.push(problem('folder', 'upload.folder-not-allowed', 'only evidence goes in a per-student folder', '只有证明材料放在学生文件夹中'));
  }
  let studentNumber: string | undefined;
  const stem = split?.stem ?? request.fileName;
  if (rule.naming === 'student' && problems.every((p) => p.field !== 'fileName')) {
    const named = studentNamed(stem, 'fileName', roster, false);
    problems.push(...named.problems);
    studentNumber = named.studentNumber;
  }
  if (rule.naming === 'evidence') {
    if (!(evidenceNames as readonly string[]).includes(stem)) {
      problems.push(problem('fileName', 'upload.evidence-name', `name evidence by what it shows: ${evidenceNames.join(', ')}`, `请按图片内容命名：${evidenceNames.join('、')}`));
    }
    if (request.folder === undefined) problems.push(problem('folder', 'upload.folder-required', 'evidence goes in the student’s folder: student number (or registration number) + name', '证明材料须放在“学号（或注册证号）+姓名”的学生文件夹中'));
    else {
      const unsafe = safeNameProblems(request.folder, 'folder');
      problems.push(...unsafe);
      if (unsafe.length === 0) {
        const named = studentNamed(request.folder, 'folder', roster, true);
        problems.push(...named.problems);
        studentNumber = named.studentNumber;
      }
    }
  }
  return { problems, ...(studentNumber !== undefined && problems.length === 0 ? { studentNumber } : {}) };
}

/** Where the file lands: `incoming/{tenant}/{upload id}/[{folder}/]{file name}`. */
export function incomingKey(tenantId: string, uploadId: string, fileName: string, folder?: string): string {
  return `${incomingPrefix}${tenantId}/${uploadId}/${folder !== undefined ? `${folder}/` : ''}${fileName}`;
}

/** The accepted or rejected copy keeps the incoming key's tail. */
export function verdictKey(key: string, verdict: 'accepted' | 'rejected'): string {
  if (!key.startsWith(incomingPrefix)) throw new Error('not an incoming key');
  return `${verdict === 'accepted' ? acceptedPrefix : rejectedPrefix}${key.slice(incomingPrefix.length)}`;
}

/** The tenant and upload an incoming key belongs to; undefined for a key of another shape. */
export function parseIncomingKey(key: string): { readonly tenantId: string; readonly uploadId: string } | undefined {
  if (!key.startsWith(incomingPrefix)) return undefined;
  const [tenantId, uploadId, ...rest] = key.slice(incomingPrefix.length).split('/');
  if (tenantId === undefined || uploadId === undefined || rest.length === 0 || tenantId === '' || uploadId === '') return undefined;
  return { tenantId, uploadId };
}

export const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

/** A name too long to be a key is refused before anything is stored; the key holds the longest tenant id and upload id. */
export function keyProblems(tenantId: string, uploadId: string, fileName: string, folder?: string): NameProblem[] {
  const bytes = utf8Bytes(incomingKey(tenantId, uploadId, fileName, folder));
  if (bytes <= maxKeyBytes) return [];
  return [problem(folder !== undefined && utf8Bytes(folder) > utf8Bytes(fileName) ? 'folder' : 'fileName', 'upload.key-too-long', `the name makes a storage key of ${bytes} bytes; at most ${maxKeyBytes} (UTF-8) fit`, `文件名过长：存储键为 ${bytes} 字节，最多 ${maxKeyBytes} 字节（UTF-8）`)];
}

export type { UploadContentType };
