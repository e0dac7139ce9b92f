/**
 * Registrar (学籍管理员) rules, seed 003 section "学籍管理员日常工作". Ids are
 * ours (DOMAIN.md names the duties but not the ids).
 */
import { addMonths, endOfDayMs, teachingWeekEnd, type DayNumber } from '../../calendar/index.js';
import type { RuleContext } from '../context.js';
import { defineRule, type RuleDefinition } from '../rule.js';
import {
  byRoleHolder,
  classSubject,
  coverage,
  emitCount,
  emitTermCount,
  emitTermCoverage,
  select,
  SEED_REGISTRAR as FILE,
  staffSubject,
  unsetOrEqual,
} from './helpers.js';

const SECTION = '学籍管理员日常工作';

/** Classes with a registrar. */
function registered(ctx: RuleContext) {
  return ctx.classes.filter((c) => c.info.registrarId !== undefined);
}

/** Is the term the first of its academic year ("新学年第一学期")? */
function firstOfYear(ctx: RuleContext): boolean {
  const t = ctx.term;
  return !ctx.terms.some((x) => x.term.academicYearId === t.term.academicYearId && x.start < t.start);
}

/** Each make-up exam held by the registrar in the term's span. */
function makeupExams(ctx: RuleContext, registrarId: string): number[] {
  const t = ctx.term;
  return select(ctx, ctx.index.ofAuthor('makeup-exam', registrarId), t.start, t.spanEnd, Number.POSITIVE_INFINITY);
}

/**
 * One finding per make-up exam held in the term's span: a record of `kind` by the
 * same registrar, dated from the exam day to `window(held).to`, for that exam
 * (or for no exam in particular).
 */
function afterEachMakeup(
  ctx: RuleContext,
  rule: RuleDefinition,
  kind: 'makeup-results' | 'academic-warning-run',
  window: (held: DayNumber) => { to: DayNumber; params: Readonly<Record<string, number>> },
): void {
  for (const staffId of ctx.staff('registrar')) {
    const follow = ctx.index.ofAuthor(kind, staffId);
    for (const e of makeupExams(ctx, staffId)) {
      const examId = ctx.index.record(e).id;
      const held = ctx.index.day[e] as number;
      const { to, params } = window(held);
      const ev = select(ctx, follow, held, to, endOfDayMs(to), (i) => unsetOrEqual(ctx, i, 'relatesTo', examId));
      emitCount(ctx, rule, { subject: staffSubject(staffId), periodKey: `makeup:${examId}`, from: held, to, required: 1, evidence: ev, params });
    }
  }
}

export const REGISTRAR_RULES: readonly RuleDefinition[] = [
  defineRule({
    id: 'REG-UNREGISTERED-LIST',
    title: '欠费及未报到学生名单',
    source: { file: FILE, section: `${SECTION} 1`, quote: '让班主任提交一份欠学费和未按时报到的学生名单，一定要注明8位学号' },
    role: 'registrar',
    audience: 'all',
    subject: 'class',
    // Seed 003's "8位学号" is that school's format: by default any number registered on the class
    // roster counts (the API refuses others); a tenant may require a digit count (studentNumberDigits).
    period: 'per term, by the end of teaching week 2 ("开学第二周前完成")',
    measure: 'count',
    params: { teachingWeek: 2, studentNumberDigits: 0 },
    evaluate(ctx, rule) {
      const t = ctx.term;
      const { values } = ctx.paramsAt(rule, t.start);
      const to = teachingWeekEnd(t, values['teachingWeek'] ?? 2);
      const digits = values['studentNumberDigits'] ?? 0;
      const valid = digits > 0 ? new RegExp(`^\\d{${digits}}$`) : /^[A-Za-z0-9]+$/;
      for (const c of registered(ctx)) {
        const lists = select(ctx, ctx.index.ofClass('unregistered-list', c.info.id), t.start - 30, to, endOfDayMs(to), (i) => unsetOrEqual(ctx, i, 'covers', t.term.id));
        const good = lists.filter((i) => (ctx.index.record(i).studentNumbers ?? []).every((n) => valid.test(n)));
        emitTermCount(ctx, rule, {
          subject: classSubject(c.info.id),
          evidence: good,
          required: 1,
          params: values,
          to,
          ...(good.length < lists.length ? { reason: `${lists.length - good.length} list(s) with student numbers not of ${digits} digits do not count` } : {}),
        });
      }
    },
  }),
  defineRule({
    id: 'REG-REGISTRATION',
    title: '学生注册',
    source: { file: FILE, section: `${SECTION} 1`, quote: '考生报到、注册时间：开学第二周前完成…将正常注册的学生在教务系统内进行注册' },
    role: 'registrar',
    audience: 'all',
    subject: 'class',
    period: 'per term, by the end of teaching week 2',
    measure: 'count',
    params: { teachingWeek: 2 },
    evaluate(ctx, rule) {
      const t = ctx.term;
      const { values } = ctx.paramsAt(rule, t.start);
      const to = teachingWeekEnd(t, values['teachingWeek'] ?? 2);
      for (const c of registered(ctx)) {
        const ev = select(ctx, ctx.index.ofClass('registration', c.info.id), t.start - 30, to, endOfDayMs(to), byRoleHolder(ctx, c.info, 'registrar'));
        emitTermCount(ctx, rule, { subject: classSubject(c.info.id), evidence: ev, required: 1, params: values, to });
      }
    },
  }),
  defineRule({
    id: 'REG-ARCHIVE-PAPERS',
    title: '上学期试卷、成绩单归档及考试工作量上报',
    source: { file: FILE, section: `${SECTION} 2`, quote: '上学期期末考试试卷，成绩单归档…新学期开学一周内完成上报工作' },
    role: 'registrar',
    audience: 'all',
    subject: 'staff',
    period: 'per term, within the first N days of the term, for the previous term',
    measure: 'count',
    params: { days: 7 },
    evaluate(ctx, rule) {
      const t = ctx.term;
      const { values } = ctx.paramsAt(rule, t.start);
      const to = t.start + (values['days'] ?? 7) - 1;
      const prev = t.previous;
      for (const staffId of ctx.staff('registrar')) {
        const subject = staffSubject(staffId);
        if (!prev) {
          emitTermCount(ctx, rule, { subject, evidence: [], required: 1, params: values, to, status: 'not-applicable', reason: 'no previous term configured' });
          continue;
        }
        const ev = select(ctx, ctx.index.ofAuthor('papers-archive', staffId), prev.start, to, endOfDayMs(to), (i) => unsetOrEqual(ctx, i, 'covers', prev.term.id));
        emitTermCount(ctx, rule, { subject, evidence: ev, required: 1, params: values, to });
      }
    },
  }),
  defineRule({
    id: 'REG-MAKEUP-EXAM',
    title: '上学期不及格课程补考',
    source: { file: FILE, section: `${SECTION} 3`, quote: '上学期不及格课程补考时间：一般在开学第二周末进行' },
    role: 'registrar',
    audience: 'all',
    subject: 'staff',
    period: 'per term, held by the end of teaching week 2',
    measure: 'count',
    params: { teachingWeek: 2 },
    evaluate(ctx, rule) {
      const t = ctx.term;
      const { values } = ctx.paramsAt(rule, t.start);
      const to = teachingWeekEnd(t, values['teachingWeek'] ?? 2);
      for (const staffId of ctx.staff('registrar')) {
        const ev = select(ctx, ctx.index.ofAuthor('makeup-exam', staffId), t.start, to, endOfDayMs(to));
        emitTermCount(ctx, rule, { subject: staffSubject(staffId), evidence: ev, required: 1, params: values, to });
      }
    },
  }),
  defineRule({
    id: 'REG-MAKEUP-RESULTS',
    title: '补考成绩一周内上报',
    source: { file: FILE, section: `${SECTION} 3 (8)`, quote: '及时上报成绩和工作量(补考完一周内上报教务处)' },
    role: 'registrar',
    audience: 'all',
    subject: 'staff',
    period: 'per make-up exam, within N days after it',
    measure: 'count',
    params: { days: 7 },
    evaluate(ctx, rule) {
      afterEachMakeup(ctx, rule, 'makeup-results', (held) => {
        const { values } = ctx.paramsAt(rule, held);
        return { to: held + (values['days'] ?? 7), params: values };
      });
    },
  }),
  defineRule({
    id: 'REG-ACADEMIC-WARNING',
    title: '每学期补考后进行学籍预警',
    source: { file: FILE, section: `${SECTION} 4`, quote: '按照教务处规定每学期补考后都进行学籍预警' },
    role: 'registrar',
    audience: 'all',
    subject: 'staff',
    period: 'per make-up exam, after it and by the end of the term (the seed names no deadline)',
    measure: 'count',
    params: {},
    evaluate(ctx, rule) {
      afterEachMakeup(ctx, rule, 'academic-warning-run', (held) => ({ to: Math.max(ctx.term.end, held), params: {} }));
    },
  }),
  defineRule({
    id: 'REG-STATUS-PROCESSING',
    title: '累计4门及以上不及格学生名单（学籍处理）',
    source: {
      file: FILE,
      section: `${SECTION} 4`,
      quote: '学籍处理一般在新学年第一学期开学一个月内完成，分院主要向教务处提供累计4门及4门以不及格学生名单',
    },
    role: 'registrar',
    audience: 'all',
    subject: 'staff',
    period: "within the first month of the academic year's first term",
    measure: 'all-covered',
    params: { minFailed: 4, months: 1 },
    evaluate(ctx, rule) {
      const t = ctx.term;
      const { values } = ctx.paramsAt(rule, t.start);
      const to = addMonths(t.start, values['months'] ?? 1) - 1;
      const first = firstOfYear(ctx);
      for (const staffId of ctx.staff('registrar')) {
        const set: string[] = [];
        for (const c of registered(ctx)) {
          if (c.info.registrarId !== staffId) continue;
          for (const s of c.info.studentIds) if ((ctx.failedCourses.get(s) ?? 0) >= (values['minFailed'] ?? 4)) set.push(s);
        }
        const lists = select(ctx, ctx.index.ofAuthor('status-processing-list', staffId), t.start - 30, to, endOfDayMs(to), (i) => ctx.index.record(i).studentIds !== undefined);
        const cov = coverage(ctx, set, lists);
        const excused = !first
          ? 'not the first term of the academic year'
          : set.length === 0
            ? `no student with ${values['minFailed'] ?? 4} or more failed courses`
            : undefined;
        emitTermCoverage(ctx, rule, {
          subject: staffSubject(staffId),
          required: set.length,
          cov,
          params: values,
          to,
          ...(excused !== undefined ? { status: 'not-applicable' as const, reason: excused } : {}),
        });
      }
    },
  }),
];
