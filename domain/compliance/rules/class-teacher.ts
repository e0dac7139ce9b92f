/**
 * Class teacher (班主任) rules, seed 000 弘成学习中心班主任工作制度 §2.2 and §2.4.
 */
import {
  addMonths,
  dayOf,
  endOfDayMs,
  monthEnd,
  monthKeyOfDay,
  startOfDayMs,
  teachingWeekEnd,
  type DayNumber,
} from '../../calendar/index.js';
import type { RuleContext } from '../context.js';
import type { ClassInfo } from '../inputs.js';
import { defineRule, type RuleDefinition } from '../rule.js';
import {
  byRoleHolder,
  classSubject,
  coverage,
  deadlineGate,
  emitCount,
  emitCoverage,
  emitTermCount,
  inTermSpan,
  joinReasons,
  phoneOrSms,
  select,
  SEED_CLASS_TEACHER as FILE,
  shareGate,
  staffSubject,
  termDocuments,
  termSummaryOf,
  unsetReason,
} from './helpers.js';

const ALL_DAYS: [DayNumber, DayNumber] = [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];

/** Classes with a class teacher: the subjects of class-level CT rules. */
function taught(ctx: RuleContext) {
  return ctx.classes.filter((c) => c.info.classTeacherId !== undefined);
}

/** How many of an incomplete 督学统计表's empty cells a finding's reason names. */
export const maxMissingCellsNamed = 10;

/**
 * Why sheets sent do not count, naming the cells the latest incomplete one leaves empty
 * (seed 000 §2.4: 总部核查录入信息的完整性 — the class teacher learns what to fill).
 */
function incompleteSheetsReason(ctx: RuleContext, incomplete: readonly number[]): string {
  const base = `${incomplete.length} incomplete sheet(s) do not count`;
  const latest = incomplete.map((i) => ctx.index.record(i)).reduce((a, b) => (b.submittedAt > a.submittedAt ? b : a));
  const cells = latest.missingCells ?? [];
  if (cells.length === 0) return base;
  const total = Math.max(latest.missingCellCount ?? cells.length, cells.length);
  const named = cells.slice(0, maxMissingCellsNamed).map((c) => `${c.studentNumber} ${c.duty}`);
  const more = total - named.length;
  return `${base}; the latest leaves ${total} cell(s) empty: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

function graduates(c: ClassInfo): readonly string[] {
  return c.graduation?.studentIds ?? c.studentIds;
}

/** Term-level meeting quota, shared by the new- and returning-class variants. */
function meetingQuota(audience: 'new-class' | 'returning-class') {
  return (ctx: RuleContext, rule: RuleDefinition): void => {
    const t = ctx.term;
    for (const c of taught(ctx)) {
      const { values } = ctx.paramsAt(rule, t.start);
      const reportBy = t.end + (values['reportDaysAfterEnd'] ?? 7);
      const dueMs = endOfDayMs(reportBy);
      const subject = classSubject(c.info.id);
      const applies = audience === 'new-class' ? c.isNew : !c.isNew;
      const byTeacher = byRoleHolder(ctx, c.info, 'class-teacher');
      const held = select(ctx, ctx.index.ofClass('class-meeting', c.info.id), t.start, t.end, dueMs, byTeacher);
      const complete = held.filter((i) => ctx.index.record(i).complete === true);
      const incomplete = held.length - complete.length;
      emitTermCount(ctx, rule, {
        subject,
        evidence: complete,
        required: values['min'] ?? 0,
        params: values,
        to: t.end,
        dueMs,
        ...(applies
          ? incomplete > 0
            ? { reason: `${incomplete} meeting(s) lack agenda, notice, sign-in or summary and do not count` }
            : {}
          : { status: 'not-applicable' as const, reason: c.isNew ? 'new-student class (新生) this term' : 'returning class (老生) this term' }),
      });
    }
  };
}

export const CLASS_TEACHER_RULES: readonly RuleDefinition[] = [
  defineRule({
    id: 'CT-PLAN-TERM',
    title: '学期工作计划',
    source: { file: FILE, section: '§2.2 工作计划; §2.4 #1', quote: '每学期开学前提交学期工作计划' },
    role: 'class-teacher',
    audience: 'all',
    subject: 'staff',
    period: 'per term, before the term starts',
    measure: 'count',
    params: { daysBeforeStart: 0 },
    evaluate(ctx, rule) {
      const t = ctx.term;
      const from = t.previous ? t.previous.end + 1 : t.start - 60;
      const { values } = ctx.paramsAt(rule, from);
      const to = t.start - 1 - (values['daysBeforeStart'] ?? 0);
      const dueMs = startOfDayMs(to + 1);
      for (const staffId of ctx.staff('class-teacher')) {
        const ev = termDocuments(ctx, ctx.index.ofAuthor('term-plan', staffId), 'plan', dueMs);
        emitTermCount(ctx, rule, { subject: staffSubject(staffId), evidence: ev, required: 1, params: values, from, to, dueMs });
      }
    },
  }),
  defineRule({
    id: 'CT-PLAN-MONTH',
    title: '本月工作小结及下月计划',
    source: { file: FILE, section: '§2.2 工作计划; §2.4 #2', quote: '每月月底提交本月工作小结及下一个月工作计划' },
    role: 'class-teacher',
    audience: 'all',
    subject: 'staff',
    period:
      "per month of the term (one the term holds at least the tenant's minWindowShare of, default 1/4; no vacation month), the whole month, by month end",
    measure: 'count',
    params: { daysAfterMonthEnd: 0 },
    evaluate(ctx, rule) {
      // The months the term teaches in: "每月月底" runs with the term (the term plan comes
      // before it, the term summary at its end); a month the term only grazes (1–3 July)
      // is not-applicable, and the vacation months after it owe nothing.
      const months = ctx.windows('month').list.map((w) => {
        const end = monthEnd(w.from);
        return { key: w.key, from: addMonths(end + 1, -1), to: end, gate: shareGate(ctx, w) };
      });
      for (const staffId of ctx.staff('class-teacher')) {
        const reports = ctx.index.ofAuthor('monthly-report', staffId);
        for (const m of months) {
          const { values } = ctx.paramsAt(rule, m.from);
          const dueMs = endOfDayMs(m.to + (values['daysAfterMonthEnd'] ?? 0));
          const ev = select(ctx, reports, ...ALL_DAYS, dueMs, (i) => {
            const covers = ctx.index.record(i).covers;
            return covers !== undefined ? covers === m.key : monthKeyOfDay(ctx.index.day[i] as number) === m.key;
          });
          emitCount(ctx, rule, {
            subject: staffSubject(staffId),
            periodKey: `month:${m.key}`,
            from: m.from,
            to: m.to,
            dueMs,
            required: 1,
            evidence: ev,
            params: values,
            ...(m.gate ?? {}),
          });
        }
      }
    },
  }),
  defineRule({
    id: 'CT-SUMMARY-TERM',
    title: '学期工作总结',
    source: { file: FILE, section: '§2.2 工作计划; §2.4 #3', quote: '每学期结束时，提交学期工作总结' },
    role: 'class-teacher',
    audience: 'all',
    subject: 'staff',
    period: 'per term, by the last day of the term',
    measure: 'count',
    params: { daysAfterEnd: 0 },
    evaluate: termSummaryOf('class-teacher'),
  }),
  defineRule({
    id: 'CT-CLASS-PLAN',
    title: '班计划',
    source: { file: FILE, section: '§2.2 组建班委会、选举班干 #2', quote: '每学期初，制订整个学期的班计划' },
    role: 'class-teacher',
    audience: 'all',
    subject: 'class',
    period: 'per term, by the end of teaching week 1 ("每学期初")',
    measure: 'count',
    params: { teachingWeek: 1 },
    evaluate(ctx, rule) {
      const t = ctx.term;
      const { values } = ctx.paramsAt(rule, t.start);
      const to = teachingWeekEnd(t, values['teachingWeek'] ?? 1);
      const from = t.previous ? t.previous.end + 1 : t.start - 60;
      for (const c of taught(ctx)) {
        const ev = termDocuments(ctx, ctx.index.ofClass('class-plan', c.info.id), 'plan', endOfDayMs(to));
        emitTermCount(ctx, rule, { subject: classSubject(c.info.id), evidence: ev, required: 1, params: values, from, to });
      }
    },
  }),
  defineRule({
    id: 'CT-MEETING-NEW',
    title: '新生班会不少于3次',
    source: {
      file: FILE,
      section: '§2.2 组建班委会 #2–4; §2.4 #4',
      quote: '每学期新生的班会不少于3次…做好班会通知、班会签到以及班会总结；每学期结束一周后提交相关班会开展情况',
    },
    role: 'class-teacher',
    audience: 'new-class',
    subject: 'class',
    period: 'per term; meetings held in the term, reported by one week after term end',
    measure: 'count',
    params: { min: 3, reportDaysAfterEnd: 7 },
    evaluate: meetingQuota('new-class'),
  }),
  defineRule({
    id: 'CT-MEETING-OLD',
    title: '老生班会不少于2次',
    source: { file: FILE, section: '§2.2 组建班委会 #2–4; §2.4 #4', quote: '老生的班会不少于2次' },
    role: 'class-teacher',
    audience: 'returning-class',
    subject: 'class',
    period: 'per term; meetings held in the term, reported by one week after term end',
    measure: 'count',
    params: { min: 2, reportDaysAfterEnd: 7 },
    evaluate: meetingQuota('returning-class'),
  }),
  defineRule({
    id: 'CT-COMMITTEE',
    title: '选举班干部、组建班委会',
    source: { file: FILE, section: '§2.2 组建班委会 #1', quote: '新生入学后，即选举班干部、组建班委会' },
    role: 'class-teacher',
    audience: 'new-class',
    subject: 'class',
    period: 'within N working days of enrolment (seed: "即"; default 10 is ours)',
    measure: 'count',
    params: { withinWorkingDays: 10 },
    evaluate(ctx, rule) {
      const t = ctx.term;
      for (const c of taught(ctx)) {
        const subject = classSubject(c.info.id);
        const { values } = ctx.paramsAt(rule, c.enrolledDay);
        if (!c.isNew) {
          emitTermCount(ctx, rule, { subject, evidence: [], required: 1, params: values, status: 'not-applicable', reason: 'returning class (老生): elected in its first term' });
          continue;
        }
        const deadline = ctx.workingDeadline(c.enrolledDay, values['withinWorkingDays'] ?? 10);
        const ev = select(ctx, ctx.index.ofClass('committee-election', c.info.id), c.enrolledDay, deadline.day, endOfDayMs(deadline.day));
        const gate = deadlineGate(ctx, deadline, ev.length > 0);
        emitTermCount(ctx, rule, { subject, evidence: ev, required: 1, params: values, from: Math.min(c.enrolledDay, t.start), to: deadline.day, deadline, ...gate });
      }
    },
  }),
  defineRule({
    id: 'CT-ACTIVITY-REPORT',
    title: '班级活动书面报告、审核、发布',
    source: {
      file: FILE,
      section: '§2.2 班级学生活动 #3',
      quote: '班级学生活动结束后3个工作日内，将活动情况书面报学习中心负责人审核后在学习中心网站发布',
    },
    role: 'class-teacher',
    audience: 'all',
    subject: 'class',
    period: 'per activity, within N working days after it ends (report, approval and publication)',
    measure: 'count',
    params: { workingDays: 3 },
    evaluate(ctx, rule) {
      const t = ctx.term;
      for (const c of taught(ctx)) {
        for (const i of select(ctx, ctx.index.ofClass('class-activity', c.info.id), t.start, t.spanEnd, Number.POSITIVE_INFINITY)) {
          const r = ctx.index.record(i);
          const ended = r.endsOn !== undefined ? dayOf(r.endsOn) : (ctx.index.day[i] as number);
          const { values } = ctx.paramsAt(rule, ended);
          const base = { subject: classSubject(c.info.id), periodKey: `activity:${r.id}`, from: ended, required: 1, params: values };
          const deadline = ctx.workingDeadline(ended, values['workingDays'] ?? 3);
          const steps = [r.report?.writtenOn, r.report?.approvedOn, r.report?.publishedOn];
          const late = steps.findIndex((s) => s === undefined || dayOf(s) > deadline.day || dayOf(s) > ctx.asOfDay);
          const names = ['written report', 'approval by the center head', 'publication on the center website'];
          const gate = deadlineGate(ctx, deadline, late < 0);
          emitCount(ctx, rule, {
            ...base,
            to: deadline.day,
            deadline,
            evidence: late < 0 ? [i] : [],
            status: gate?.status,
            reason: joinReasons(late >= 0 ? `${names[late]} missing or after the deadline` : undefined, gate?.reason),
          });
        }
      }
    },
  }),
  defineRule({
    id: 'CT-CONTACTS',
    title: '通讯录整理、核对、发放',
    source: { file: FILE, section: '§2.2 通讯录', quote: '在新生入学的第一个学期内完成通讯录整理、核对、发放工作' },
    role: 'class-teacher',
    audience: 'new-class',
    subject: 'class',
    period: "within the new class's first term",
    measure: 'count',
    params: {},
    evaluate(ctx, rule) {
      const t = ctx.term;
      for (const c of taught(ctx)) {
        const subject = classSubject(c.info.id);
        if (!c.isNew) {
          emitTermCount(ctx, rule, { subject, evidence: [], required: 1, params: {}, status: 'not-applicable', reason: 'returning class (老生)' });
          continue;
        }
        const ev = select(ctx, ctx.index.ofClass('contact-list', c.info.id), Number.MIN_SAFE_INTEGER, t.end, endOfDayMs(t.end));
        emitTermCount(ctx, rule, { subject, evidence: ev, required: 1, params: {} });
      }
    },
  }),
  defineRule({
    id: 'CT-SUPERVISION-SHEET',
    title: '《督学统计表》',
    source: { file: FILE, section: '§2.4 #6; 附件1', quote: '提交《督学统计表》（附件1）…每学期结束一周后提交，总部核查录入信息的完整性' },
    role: 'class-teacher',
    audience: 'all',
    subject: 'class',
    period: 'per term, complete, by one week after term end',
    measure: 'count',
    params: { daysAfterEnd: 7 },
    evaluate(ctx, rule) {
      const t = ctx.term;
      const { values } = ctx.paramsAt(rule, t.start);
      const to = t.end + (values['daysAfterEnd'] ?? 7);
      for (const c of taught(ctx)) {
        const sheets = termDocuments(ctx, ctx.index.ofClass('supervision-sheet', c.info.id), 'report', endOfDayMs(to));
        const complete = sheets.filter((i) => ctx.index.record(i).complete === true);
        emitTermCount(ctx, rule, {
          subject: classSubject(c.info.id),
          evidence: complete,
          required: 1,
          params: values,
          to,
          ...(complete.length < sheets.length ? { reason: incompleteSheetsReason(ctx, sheets.filter((i) => !complete.includes(i))) } : {}),
        });
      }
    },
  }),
  defineRule({
    id: 'CT-RECRUIT',
    title: '老带新、续读指标',
    source: {
      file: FILE,
      section: '§2.1 (6)(7); §2.4 #5',
      quote: '完成学习中心的老带新指标…续读指标；每学期结束一周后，总部以公服平台老带新和续读数据核查达标情况',
    },
    role: 'class-teacher',
    audience: 'all',
    subject: 'staff',
    period: 'per term, checked one week after term end; one finding for referral, one for continuation',
    measure: 'count',
    params: { referral: null, continuation: null, daysAfterEnd: 7 },
    evaluate(ctx, rule) {
      const t = ctx.term;
      const { values, unset } = ctx.paramsAt(rule, t.start);
      const checkOn = t.end + (values['daysAfterEnd'] ?? 7);
      for (const staffId of ctx.staff('class-teacher')) {
        // The center's figures for this class teacher and term, where it has set them; else its records and the tenant's target.
        const figures = ctx.roster.recruitment?.find((x) => x.staffId === staffId && x.termId === t.term.id);
        for (const part of ['referral', 'continuation'] as const) {
          const ev = figures ? [] : select(ctx, ctx.index.ofAuthor('recruitment', staffId), t.start, t.end, endOfDayMs(checkOn), (i) => ctx.index.record(i).recruitKind === part);
          const target = figures?.[part].target ?? values[part];
          emitCount(ctx, rule, {
            subject: staffSubject(staffId),
            periodKey: `${t.term.id}/${part}`,
            from: t.start,
            to: t.end,
            dueMs: endOfDayMs(checkOn),
            required: target ?? 0,
            evidence: ev,
            ...(figures ? { actual: figures[part].result } : {}),
            params: values,
            ...(target === undefined ? { status: 'blocked' as const, reason: `no ${part} target set for ${staffId} this term; ${unsetReason(rule, unset.filter((p) => p === part))}` } : {}),
          });
        }
      }
    },
  }),
  defineRule({
    id: 'CT-ARCHIVE',
    title: '毕业生资料移交档案室',
    source: { file: FILE, section: '§2.2 学籍档案整理 #4', quote: '在学生毕业后一个月内将资料整理好，并移交学习中心档案室归档保管' },
    role: 'class-teacher',
    audience: 'all',
    subject: 'class',
    period: "within one month after the class's graduation date (graduation in the term's span)",
    measure: 'all-covered',
    params: { months: 1 },
    evaluate(ctx, rule) {
      for (const c of taught(ctx)) {
        const on = c.info.graduation?.graduatesOn;
        if (on === undefined) continue;
        const g = dayOf(on);
        if (!inTermSpan(ctx, g)) continue;
        const { values } = ctx.paramsAt(rule, g);
        const to = addMonths(g, values['months'] ?? 1);
        const set = graduates(c.info);
        const handed = select(ctx, ctx.index.ofClass('archive-handover', c.info.id), Number.MIN_SAFE_INTEGER, to, endOfDayMs(to));
        const cov = coverage(ctx, set, handed);
        emitCoverage(ctx, rule, { subject: classSubject(c.info.id), periodKey: `graduation:${on}`, from: g, to, required: set.length, cov, params: values });
      }
    },
  }),
  defineRule({
    id: 'CT-EXAM-BOOKING',
    title: '预约考试最后2天电话/短信跟进',
    source: { file: FILE, section: '§2.2 课程报考/预约考试 #3', quote: '最后2天仍未进行预约的，用电话、短信方式跟进提醒' },
    role: 'class-teacher',
    audience: 'all',
    subject: 'class',
    period: 'per exam session, in the last N days of the booking window',
    measure: 'all-covered',
    params: { lastDays: 2 },
    evaluate(ctx, rule) {
      for (const c of taught(ctx)) {
        for (const exam of ctx.examsByClass.get(c.info.id) ?? []) {
          const close = dayOf(exam.bookingClosesOn);
          if (!inTermSpan(ctx, close)) continue;
          const { values } = ctx.paramsAt(rule, close);
          const from = Math.max(dayOf(exam.bookingOpensOn), close - (values['lastDays'] ?? 2) + 1);
          followUps(ctx, rule, c.info.id, exam.id, 'exam-booking-followup', exam.unbookedStudentIds, from, close, values);
        }
      }
    },
  }),
  defineRule({
    id: 'CT-EXAM-NOTICE',
    title: '考前2天电话再通知未回复考生',
    source: { file: FILE, section: '§2.2 考试通知 #2', quote: '考前2天再次通过电话通知未予回复的考生，未能打通电话通过短信做再次通知处理' },
    role: 'class-teacher',
    audience: 'all',
    subject: 'class',
    period: 'per exam session, from N days before the exam to the eve',
    measure: 'all-covered',
    params: { daysBefore: 2 },
    evaluate(ctx, rule) {
      for (const c of taught(ctx)) {
        for (const exam of ctx.examsByClass.get(c.info.id) ?? []) {
          const examDay = dayOf(exam.examOn);
          if (!inTermSpan(ctx, examDay)) continue;
          const { values } = ctx.paramsAt(rule, examDay);
          const from = examDay - (values['daysBefore'] ?? 2);
          followUps(ctx, rule, c.info.id, exam.id, 'exam-notice-followup', exam.unconfirmedStudentIds, from, examDay - 1, values);
        }
      }
    },
  }),
  defineRule({
    id: 'CT-GRAD-PHOTO',
    title: '毕业生电子图片采集不漏一人',
    source: { file: FILE, section: '§2.2 毕业管理 #2', quote: '组织学生按时进行电子图片采集，做到不漏一人' },
    role: 'class-teacher',
    audience: 'all',
    subject: 'class',
    period: 'before the graduation application date (application in the term span)',
    measure: 'all-covered',
    params: {},
    evaluate(ctx, rule) {
      const t = ctx.term;
      for (const c of taught(ctx)) {
        const on = c.info.graduation?.applicationOn;
        if (on === undefined) continue;
        const app = dayOf(on);
        if (!inTermSpan(ctx, app)) continue;
        const set = graduates(c.info);
        const photos = select(ctx, ctx.index.ofClass('graduation-photo', c.info.id), Number.MIN_SAFE_INTEGER, app - 1, startOfDayMs(app));
        const cov = coverage(ctx, set, photos);
        emitCoverage(ctx, rule, {
          subject: classSubject(c.info.id),
          periodKey: `graduation-application:${on}`,
          from: t.start,
          to: app - 1,
          dueMs: startOfDayMs(app),
          required: set.length,
          cov,
          params: {},
        });
      }
    },
  }),
];

/** Every listed student phoned or texted in [from, to] about that exam. */
function followUps(
  ctx: RuleContext,
  rule: RuleDefinition,
  classId: string,
  examId: string,
  kind: 'exam-booking-followup' | 'exam-notice-followup',
  students: readonly string[],
  from: DayNumber,
  to: DayNumber,
  params: Readonly<Record<string, number>>,
): void {
  const calls = select(ctx, ctx.index.ofClass(kind, classId), from, to, endOfDayMs(to), (i) => {
    const r = ctx.index.record(i);
    return (r.examId === undefined || r.examId === examId) && phoneOrSms(r.channel) && r.studentIds !== undefined;
  });
  const cov = coverage(ctx, students, calls);
  emitCoverage(ctx, rule, {
    subject: classSubject(classId),
    periodKey: `exam:${examId}`,
    from,
    to,
    required: students.length,
    cov,
    params,
    ...(students.length === 0 ? { status: 'not-applicable' as const, reason: 'nobody left to follow up' } : {}),
  });
}
