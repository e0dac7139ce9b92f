/**
 * What the API's problems name (a class, a record, the configuration), in Chinese, for a
 * caller who asked for Chinese; and the 404 every named thing shares.
 */
import { bilingual } from '../../../domain/bilingual.js';
import { NotFoundError } from './problem.js';

const chineseNames: Readonly<Record<string, string>> = {
  tenant: '机构',
  unit: '单位',
  class: '班级',
  student: '学生',
  record: '记录',
  'staff member': '教职工',
  'course teachers of term': '该学期任课教师',
  "term's course teachers": '该学期任课教师名单',
  'access request': '访问申请',
  configuration: '配置',
  'compliance run': '合规检查',
  status: '学籍预警、处理或处分',
  "term's tuition": '该学期学费数据',
  graduation: '毕业信息',
  'exam session': '考试安排',
  'teaching hours': '教学学时',
  recruitment: '老带新和续读数据',
  report: '期末报告',
  upload: '上传文件',
  'annotated copy of upload': '上传文件的批注副本',
  'upload batch': '上传批次',
  programme: '专业',
  "site's offerings": '教学点开设专业',
  "student's major": '学生专业',
  result: '成绩',
  correction: '成绩更正申请',
  'warning run': '学籍预警',
};

/** The Chinese name of what the storage or a route names in English (itself when unknown). */
export const inChinese = (what: string): string => chineseNames[what] ?? what;

/** The 404 for a named thing: `Class c-1 does not exist.` / `班级 c-1 不存在。` */
export const notFound = (what: string, id: string): NotFoundError =>
  new NotFoundError(bilingual(`${what.charAt(0).toUpperCase()}${what.slice(1)} ${id} does not exist.`, `${inChinese(what)} ${id} 不存在。`));
