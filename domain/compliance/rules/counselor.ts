/**
 * Counselor (辅导员) rules, seed 002 辅导员工作细则.
 */
import { dayOf, endOfDayMs, type DayNumber } from '../../calendar/index.js';
import type { ActiveClass, RuleContext, WindowInfo } from '../context.js';
import type { AtRiskStatus } from '../inputs.js';
import { defineRule, type RuleDefinition } from '../rule.js';
import {
  byRoleHolder,
  ceilRatio,
  classSubject,
  countPerWindow,
  coverage,
  emitCount,
  emitCoverage,
  emitTermCount,
  emitTermCoverage,
  inTermSpan,
  select,
  SEED_COUNSELOR as FILE,
  staffSubject,
  studentSubject,
  termSummaryOf,
  windowGate,
} from './helpers.js';

/** Classes with a counselor: the subjects of class-level CO rules. */
function counseled(ctx: RuleContext): readonly ActiveClass[] {
  return ctx.classes.filter((c) => c.info.counselorId !== undefined);
}

/** Records of a kind for a class, written by its counselor, dated in the term. */
function termRecords(ctx: RuleContext, c: ActiveClass, kind: 'class-meeting' | 'committee-meeting' | 'talk' | 'course-teacher-contact' | 'parent-contact') {
  const t = ctx.term;
  return select(ctx, ctx.index.ofClass(kind, c.info.id), t.start, t.end, endOfDayMs(t.end), byRoleHolder(ctx, c.info, 'counselor'));
}

function termMinimum(kind: 'class-meeting' | 'committee-meeting') {
  return (ctx: RuleContext, rule: RuleDefinition): void => {
    const { values } = ctx.paramsAt(rule, ctx.term.start);
    for (const c of counseled(ctx)) {
      emitTermCount(ctx, rule, { subject: classSubject(c.info.id), evidence: termRecords(ctx, c, kind), required: values['min'] ?? 0, params: values });
    }
  };
}

function perWindow(kind: 'dorm-inspection' | 'class-check', granularity: 'week' | 'fortnight') {
  return (ctx: RuleContext, rule: RuleDefinition): void => {
    for (const c of counseled(ctx)) {
      countPerWindow(ctx, rule, {
        granularity,
        subject: classSubject(c.info.id),
        idxs: ctx.index.ofClass(kind, c.info.id),
        accept: byRoleHolder(ctx, c.info, 'counselor'),
      });
    }
  };
}

/** A status is in force on some day of [from, to]. */
function activeIn(s: AtRiskStatus, from: DayNumber, to: DayNumber): boolean {
  return dayOf(s.documentOn) <= to && (s.clearedOn === undefined || dayOf(s.clearedOn) >= from);
}

export const COUNSELOR_RULES: readonly RuleDefinition[] = [
  defineRule({
    id: 'CO-TALK-RATIO',
    title: '谈话人次不少于班级人数1/3',
    source: { file: FILE, section: '一（一）', quote: '每学期与学生谈话人次不得少于所带班级学生总数的1/3，做好谈话记录' },
    role: 'counselor',
    audience: 'all',
    subject: 'class',
    period: 'per term',
    measure: 'person-times',
    params: { ratio: 1 / 3 },
    evaluate(ctx, rule) {
      const { values } = ctx.paramsAt(rule, ctx.term.start);
      for (const c of counseled(ctx)) {
        const talks = termRecords(ctx, c, 'talk');
        // 人次 counts a student once per talk: a talk with two students is two person-times.
        let personTimes = 0;
        for (const i of talks) personTimes += ctx.index.record(i).studentIds?.length || 1;
        emitTermCount(ctx, rule, {
          subject: classSubject(c.info.id),
          evidence: talks,
          measure: 'person-times',
          required: ceilRatio(c.headcount, values['ratio'] ?? 1 / 3),
          actual: personTimes,
          params: values,
        });
      }
    },
  }),
  defineRule({
    id: 'CO-TALK-ATRISK',
    title: '预警、处理、处分学生每季度谈话',
    source: { file: FILE, section: '一（一）', quote: '受到学籍预警、学籍处理、纪律处分的学生每季度谈话不少于1次' },
    role: 'counselor',
    audience: 'all',
    subject: 'class',
    period: 'per calendar quarter, clipped to the term',
    measure: 'all-covered',
    params: { min: 1, lateWarningGraceDays: 0 },
    evaluate(ctx, rule) {
      const t = ctx.term;
      const quarters = ctx.windows('quarter');
      for (const c of counseled(ctx)) {
        const statuses = ctx.atRiskByClass.get(c.info.id) ?? [];
        const talks = ctx.index.ofClass('talk', c.info.id);
        const fromCounselor = byRoleHolder(ctx, c.info, 'counselor');
        for (const w of quarters.list) atRiskQuarter(ctx, rule, c, w, statuses, talks, fromCounselor, t.term.id);
      }
    },
  }),
  defineRule({
    id: 'CO-MEETING',
    title: '班会每学期不少于4次',
    source: { file: FILE, section: '一（二）', quote: '召开学生班会…每学期不少于4次，做好班会记录' },
    role: 'counselor',
    audience: 'all',
    subject: 'class',
    period: 'per term',
    measure: 'count',
    params: { min: 4 },
    evaluate: termMinimum('class-meeting'),
  }),
  defineRule({
    id: 'CO-COMMITTEE-MEETING',
    title: '班委工作会议每学期每班不少于两次',
    source: { file: FILE, section: '四（1）', quote: '定期召开班委工作会议，每学期每班不得少于两次…做好会议记录' },
    role: 'counselor',
    audience: 'all',
    subject: 'class',
    period: 'per term',
    measure: 'count',
    params: { min: 2 },
    evaluate: termMinimum('committee-meeting'),
  }),
  defineRule({
    id: 'CO-PARENT-ALL',
    title: '每学年与全体学生家长联系',
    source: { file: FILE, section: '二（五）', quote: '每学年与所带班级全体学生家长联系不少于一次' },
    role: 'counselor',
    audience: 'all',
    subject: 'class',
    period: 'per academic year (needs the whole year\'s records)',
    measure: 'all-covered',
    params: {},
    evaluate(ctx, rule) {
      const ay = ctx.academicYear;
      for (const c of counseled(ctx)) {
        const subject = classSubject(c.info.id);
        if (!ay) {
          emitTermCount(ctx, rule, { subject, evidence: [], measure: 'all-covered', required: c.info.studentIds.length, actual: 0, params: {}, status: 'blocked', reason: `academic year ${ctx.term.term.academicYearId} not configured` });
          continue;
        }
        const contacts = select(ctx, ctx.index.ofClass('parent-contact', c.info.id), ay.from, ay.to, endOfDayMs(ay.to), byRoleHolder(ctx, c.info, 'counselor'));
        const cov = coverage(ctx, c.info.studentIds, contacts.filter((i) => ctx.index.record(i).studentIds !== undefined));
        emitCoverage(ctx, rule, { subject, periodKey: `AY:${ay.id}`, from: ay.from, to: ay.to, required: c.info.studentIds.length, cov, params: {} });
      }
    },
  }),
  defineRule({
    id: 'CO-PARENT-WARNING',
    title: '学院文件下达后1周内通报家长',
    source: { file: FILE, section: '二（五）', quote: '受到学籍预警、学籍处理、纪律处分的学生，须在学院文件下达后1周内及时向家长通报情况并做好通报记录' },
    role: 'counselor',
    audience: 'all',
    subject: 'student',
    period: "per status, within N days of the college's document (document dated in the term span)",
    measure: 'count',
    params: { withinDays: 7 },
    evaluate(ctx, rule) {
      for (const c of counseled(ctx)) {
        const contacts = ctx.index.ofClass('parent-contact', c.info.id);
        for (const s of ctx.atRiskByClass.get(c.info.id) ?? []) {
          const doc = dayOf(s.documentOn);
          if (!inTermSpan(ctx, doc)) continue;
          const { values } = ctx.paramsAt(rule, doc);
          const to = doc + (values['withinDays'] ?? 7);
          const ev = select(ctx, contacts, doc, to, endOfDayMs(to), (i) => {
            const r = ctx.index.record(i);
            return r.authorId === c.info.counselorId && r.reason === 'warning' && (r.studentIds?.includes(s.studentId) ?? false);
          });
          emitCount(ctx, rule, { subject: studentSubject(s.studentId), periodKey: `status:${s.id}`, from: doc, to, required: 1, evidence: ev, params: values });
        }
      }
    },
  }),
  defineRule({
    id: 'CO-PARENT-FOLLOWUP',
    title: '预警等学生家长每学期跟踪联系',
    source: { file: FILE, section: '二（五）', quote: '在以后做好此类学生的家长跟踪联系工作…每学期不少于1次' },
    role: 'counselor',
    audience: 'all',
    subject: 'class',
    period: 'per term, after the notification week',
    measure: 'all-covered',
    params: { notificationDays: 7 },
    evaluate(ctx, rule) {
      const t = ctx.term;
      const { values } = ctx.paramsAt(rule, t.start);
      const notification = values['notificationDays'] ?? 7;
      for (const c of counseled(ctx)) {
        // Follow-up starts once the notification week is over ("在以后").
        const startOf = new Map<string, DayNumber>();
        for (const s of ctx.atRiskByClass.get(c.info.id) ?? []) {
          const begin = Math.max(t.start, dayOf(s.documentOn) + notification + 1);
          if (begin > t.end || !activeIn(s, t.start, t.end)) continue;
          startOf.set(s.studentId, Math.min(startOf.get(s.studentId) ?? begin, begin));
        }
        const set = [...startOf.keys()];
        const contacts = termRecords(ctx, c, 'parent-contact').filter((i) => ctx.index.record(i).studentIds !== undefined);
        const cov = coverage(ctx, set, contacts, (i) =>
          ctx.index.record(i).studentIds?.filter((id) => (startOf.get(id) ?? Number.MAX_SAFE_INTEGER) <= (ctx.index.day[i] as number)),
        );
        emitTermCoverage(ctx, rule, {
          subject: classSubject(c.info.id),
          required: set.length,
          cov,
          params: values,
          ...(set.length === 0 ? { status: 'not-applicable' as const, reason: 'no student under warning, processing or sanction to follow up' } : {}),
        });
      }
    },
  }),
  defineRule({
    id: 'CO-DORM',
    title: '每两周至少查寝一次',
    source: { file: FILE, section: '二（六）2', quote: '辅导员每两周至少到所带班级学生的寝室进行检查一次…内务卫生、学生在位情况要记录在册' },
    role: 'counselor',
    audience: 'all',
    subject: 'class',
    period: 'per two-week window from the Monday of teaching week 1, clipped to the term',
    measure: 'count',
    params: { min: 1 },
    evaluate: perWindow('dorm-inspection', 'fortnight'),
  }),
  defineRule({
    id: 'CO-CLASS-CHECK',
    title: '查课每班每周不少于一次',
    source: { file: FILE, section: '三（一）', quote: '辅导员必须坚持查课，每班每周不得少于一次' },
    role: 'counselor',
    audience: 'all',
    subject: 'class',
    period: 'per ISO week, clipped to the term',
    measure: 'count',
    params: { min: 1 },
    evaluate: perWindow('class-check', 'week'),
  }),
  defineRule({
    id: 'CO-LECTURE',
    title: '听课每月不少于一次',
    source: { file: FILE, section: '三（二）', quote: '辅导员必须坚持听课，每月不得少于一次' },
    role: 'counselor',
    audience: 'all',
    subject: 'staff',
    period: 'per calendar month, clipped to the term',
    measure: 'count',
    params: { min: 1 },
    evaluate(ctx, rule) {
      for (const staffId of ctx.staff('counselor')) {
        countPerWindow(ctx, rule, { granularity: 'month', subject: staffSubject(staffId), idxs: ctx.index.ofAuthor('lecture-observation', staffId) });
      }
    },
  }),
  defineRule({
    id: 'CO-TEACHER-CONTACT',
    title: '每学期与每位任课教师联系',
    source: { file: FILE, section: '三（四）', quote: '每学期至少与每一位任课教师联系一次' },
    role: 'counselor',
    audience: 'all',
    subject: 'class',
    period: 'per term',
    measure: 'all-covered',
    params: {},
    evaluate(ctx, rule) {
      const t = ctx.term;
      for (const c of counseled(ctx)) {
        const teachers = c.info.courseTeachers?.find((x) => x.termId === t.term.id)?.teacherIds ?? [];
        const contacts = termRecords(ctx, c, 'course-teacher-contact').filter((i) => ctx.index.record(i).courseTeacherId !== undefined);
        const cov = coverage(ctx, teachers, contacts, (i) => [ctx.index.record(i).courseTeacherId as string]);
        emitTermCoverage(ctx, rule, {
          subject: classSubject(c.info.id),
          required: teachers.length,
          cov,
          params: {},
          ...(teachers.length === 0 ? { status: 'not-applicable' as const, reason: 'no course teachers listed for this term' } : {}),
        });
      }
    },
  }),
  defineRule({
    id: 'CO-TUITION',
    title: '学费缴费率高于90%',
    source: { file: FILE, section: '二（八）', quote: '辅导员要做好学生学费的催缴工作，缴费率高于90%' },
    role: 'counselor',
    audience: 'all',
    subject: 'class',
    period: 'per term, students fully paid over students billed (finance figures); amount paid over amount billed where the tenant sets byAmount to 1',
    measure: 'rate',
    params: { minRate: 0.9, byAmount: 0 },
    evaluate(ctx, rule) {
      const t = ctx.term;
      const { values } = ctx.paramsAt(rule, t.start);
      const minRate = values['minRate'] ?? 0.9;
      for (const c of counseled(ctx)) {
        const fig = c.info.tuition?.find((x) => x.termId === t.term.id);
        const base = { subject: classSubject(c.info.id), evidence: [], measure: 'rate' as const, required: minRate, params: values };
        if (!fig) emitTermCount(ctx, rule, { ...base, actual: 0, status: 'blocked', reason: 'no tuition figures for this class and term' });
        else if (fig.billed <= 0) emitTermCount(ctx, rule, { ...base, actual: 0, status: 'not-applicable', reason: 'nobody billed' });
        else if (values['byAmount'] === 1 && fig.billedAmount !== undefined && fig.billedAmount > 0) {
          emitTermCount(ctx, rule, { ...base, actual: Math.round(((fig.paidAmount ?? 0) / fig.billedAmount) * 10_000) / 10_000 });
        } else emitTermCount(ctx, rule, { ...base, actual: Math.round((fig.paid / fig.billed) * 10_000) / 10_000 });
      }
    },
  }),
  defineRule({
    id: 'CO-SUMMARY-TERM',
    title: '学期工作总结上报系、学生工作部',
    source: { file: FILE, section: '八（二）', quote: '辅导员每学期末必须对本学期的工作做以总结，并将总结上报系、学生工作部' },
    role: 'counselor',
    audience: 'all',
    subject: 'staff',
    period: 'per term, by the last day of the term',
    measure: 'count',
    params: { daysAfterEnd: 0 },
    evaluate: termSummaryOf('counselor'),
  }),
  defineRule({
    id: 'CO-TEACHING-LOAD',
    title: '每学期教学任务不超过54学时',
    source: { file: FILE, section: '八（四）', quote: '每学期上班时间承担的教学任务不超过54学时' },
    role: 'counselor',
    audience: 'all',
    subject: 'staff',
    period: 'per term',
    measure: 'maximum',
    params: { maxHours: 54 },
    evaluate(ctx, rule) {
      const t = ctx.term;
      const { values } = ctx.paramsAt(rule, t.start);
      for (const staffId of ctx.staff('counselor')) {
        // The hours academic affairs records for the term, where it has; else the counselor's own records.
        const recorded = ctx.roster.teachingHours?.find((x) => x.staffId === staffId && x.termId === t.term.id);
        const ev = recorded ? [] : select(ctx, ctx.index.ofAuthor('teaching-hours', staffId), t.start, t.end, endOfDayMs(t.end));
        let hours = recorded?.hours ?? 0;
        for (const i of ev) hours += ctx.index.record(i).hours ?? 0;
        emitTermCount(ctx, rule, { subject: staffSubject(staffId), evidence: ev, measure: 'maximum', required: values['maxHours'] ?? 54, actual: hours, params: values });
      }
    },
  }),
];

/**
 * One quarter of CO-TALK-ATRISK for one class: every student whose status is in
 * force in the quarter must have been talked to since the later of the quarter's
 * start and the status document. A document dated within the grace days before
 * the quarter's end moves that student's first talk to the next quarter.
 */
function atRiskQuarter(
  ctx: RuleContext,
  rule: RuleDefinition,
  c: ActiveClass,
  w: WindowInfo,
  statuses: readonly AtRiskStatus[],
  talks: readonly number[],
  fromCounselor: (i: number) => boolean,
  termId: string,
): void {
  const { values } = ctx.paramsAt(rule, w.from);
  const grace = values['lateWarningGraceDays'] ?? 0;
  const sinceOf = new Map<string, DayNumber>();
  for (const s of statuses) {
    const doc = dayOf(s.documentOn);
    if (!activeIn(s, w.from, w.to) || doc > w.to - grace) continue;
    const since = Math.max(w.from, doc);
    sinceOf.set(s.studentId, Math.min(sinceOf.get(s.studentId) ?? since, since));
  }
  const set = [...sinceOf.keys()];
  const minTalks = values['min'] ?? 1;
  // Most classes have nobody at risk: skip the scan of their talks.
  const ev = set.length === 0 ? [] : select(ctx, talks, w.from, w.to, endOfDayMs(w.to), fromCounselor);
  const perStudent = new Map<string, number>();
  const used: number[] = [];
  for (const i of ev) {
    let useful = false;
    for (const id of ctx.index.record(i).studentIds ?? []) {
      const since = sinceOf.get(id);
      if (since !== undefined && since <= (ctx.index.day[i] as number)) {
        perStudent.set(id, (perStudent.get(id) ?? 0) + 1);
        useful = true;
      }
    }
    if (useful) used.push(i);
  }
  const missingIds = set.filter((id) => (perStudent.get(id) ?? 0) < minTalks);
  const gate =
    windowGate(ctx, w) ??
    (set.length === 0 ? { status: 'not-applicable' as const, reason: 'no student under warning, processing or sanction this quarter' } : undefined);
  emitCoverage(ctx, rule, {
    subject: classSubject(c.info.id),
    periodKey: `${termId}/${w.key}`,
    from: w.from,
    to: w.to,
    required: set.length,
    cov: { covered: set.length - missingIds.length, missingIds, used },
    params: values,
    ...(gate ?? {}),
  });
}
