/**
 * Every kind of record staff submit (DOMAIN.md §3), declared once: what its content
 * holds, whether it belongs to a class or to the staff member, which students it names
 * (they must be on the class roster), which fields are private (DOMAIN.md §7), and how
 * it counts as evidence for the compliance rules.
 */
import * as z from 'zod/mini';
import type { EngineRecord } from '../compliance/index.js';
import { endOfShanghaiDay, type LocalDate } from '../time.js';
import type { Violation } from '../violation.js';
import { channel, count, instant, line, localDate, monthId, noDuplicates, staffId, studentList, studentNumber, studentNumberWord, termId, text, yuan } from './fields.js';

export type RecordScope =
  /** Kept with a class; written by the class's staff or its unit's director. */
  | 'class'
  /** The staff member's own document (plans, reports); a class may be named. */
  | 'staff';

/** A student named by a record, and where in the content. */
export interface NamedStudent {
  readonly path: readonly (string | number)[];
  readonly studentNumber: string;
}

interface KindDefinition<C> {
  readonly scope: RecordScope;
  readonly title: string;
  /** Built on first use: a function serving one kind never pays for the others' schemas. */
  readonly content: () => z.ZodMiniType<C>;
  /** The day the thing happened; documents take the day they were submitted. */
  readonly occurredOn: (content: C, submittedOn: LocalDate) => LocalDate;
  readonly students: (content: C) => NamedStudent[];
  /** Content fields that are private (DOMAIN.md §7): masked for roles that do not need them. */
  readonly privateFields: readonly string[];
  /**
   * The private text is about the students the record names and nobody else (a talk with
   * them, a call to one student's parents), so grants for those students may open it. Not
   * so for a dorm inspection's incidents or a safety incident's description, which can be
   * about anyone present: only the class's own staff read those.
   */
  readonly privateAboutNamedStudents?: true;
  /** What the compliance engine reads of it, beyond id, kind, class, author and dates. */
  readonly evidence: (content: C) => Partial<EngineRecord>;
  /** Rules between the content's own fields, beyond what its schema says. */
  readonly check?: (content: C) => Violation[];
  /**
   * The registrar's own work (seed 003 学籍管理员日常工作): submitted by registrars, of
   * the class's unit where the kind belongs to a class, not by class teachers or counselors.
   */
  readonly author?: 'registrar';
}

const define = <C>(definition: KindDefinition<C>) => {
  let built: z.ZodMiniType<C> | undefined;
  return {
    ...definition,
    get content(): z.ZodMiniType<C> {
      return (built ??= definition.content());
    },
  };
};
const none = (): NamedStudent[] => [];
const listed = (field: string) => (content: Record<string, unknown>) =>
  ((content[field] as readonly string[] | undefined) ?? []).map((studentNumber, index) => ({ path: [field, index], studentNumber }));
const submittedDay = (_: unknown, submittedOn: LocalDate) => submittedOn;

/** Dates that must not go backwards (steps of one procedure); names the first that does. */
function inOrder(
  source: Readonly<Record<string, unknown>> | undefined,
  fields: readonly string[],
  prefix: readonly string[],
  code: string,
  message: string,
  zh: string,
): Violation[] {
  let previous: string | undefined;
  for (const field of fields) {
    const value = source?.[field];
    if (typeof value !== 'string') continue;
    if (previous !== undefined && value < previous) return [{ path: [...prefix, field], code, message, zh }];
    previous = value;
  }
  return [];
}

const document = () => z.strictObject({ covers: termId, content: text(20_000) });

export const recordKinds = {
  'term-plan': define({
    scope: 'staff',
    title: '学期工作计划',
    content: document,
    occurredOn: submittedDay,
    students: none,
    privateFields: [],
    evidence: (c) => ({ covers: c.covers }),
  }),
  'monthly-report': define({
    scope: 'staff',
    title: '本月工作小结及下月计划',
    content: () => z.strictObject({ covers: monthId, summary: text(20_000), nextMonthPlan: text(20_000) }),
    occurredOn: submittedDay,
    students: none,
    privateFields: [],
    evidence: (c) => ({ covers: c.covers }),
  }),
  'term-summary': define({
    scope: 'staff',
    title: '学期工作总结',
    content: document,
    occurredOn: submittedDay,
    students: none,
    privateFields: [],
    evidence: (c) => ({ covers: c.covers }),
  }),
  'class-plan': define({
    scope: 'class',
    title: '班计划',
    content: document,
    occurredOn: submittedDay,
    students: none,
    privateFields: [],
    evidence: (c) => ({ covers: c.covers }),
  }),
  'class-meeting': define({
    scope: 'class',
    title: '班会',
    // Seed 000 §2.2: 议程、通知、签到、总结 — all four, or the meeting does not count.
    content: () => z.strictObject({
      heldOn: localDate,
      kind: z.enum(['regular', 'orientation', 'graduation']),
      agenda: text(),
      noticeIssuedAt: instant,
      attendees: studentList(1),
      summary: text(),
    }),
    occurredOn: (c) => c.heldOn,
    students: listed('attendees'),
    privateFields: [],
    evidence: (c) => ({ studentIds: c.attendees, complete: true }),
    check: (c) =>
      Date.parse(c.noticeIssuedAt) >= endOfShanghaiDay(c.heldOn).getTime()
        ? [{ path: ['noticeIssuedAt'], code: 'meeting.notice-after-meeting', message: 'the notice must be issued before the meeting day is over', zh: '班会通知须在班会当天结束前发出' }]
        : [],
  }),
  'committee-election': define({
    scope: 'class',
    title: '选举班干部、组建班委会',
    content: () => z.strictObject({
      heldOn: localDate,
      members: z
        .array(z.strictObject({ studentNumber, post: line(32) }))
        .check(z.minLength(1), z.maxLength(30), noDuplicates((m: { studentNumber: string }) => m.studentNumber, studentNumberWord)),
    }),
    occurredOn: (c) => c.heldOn,
    students: (c) => c.members.map((m, index) => ({ path: ['members', index, 'studentNumber'], studentNumber: m.studentNumber })),
    privateFields: [],
    evidence: (c) => ({ studentIds: c.members.map((m) => m.studentNumber) }),
  }),
  'committee-meeting': define({
    scope: 'class',
    title: '班委会工作会议',
    content: () => z.strictObject({ heldOn: localDate, agenda: text(), attendees: studentList(1), minutes: text() }),
    occurredOn: (c) => c.heldOn,
    students: listed('attendees'),
    privateFields: [],
    evidence: (c) => ({ studentIds: c.attendees }),
  }),
  talk: define({
    scope: 'class',
    title: '谈话',
    content: () => z.strictObject({ heldOn: localDate, students: studentList(1, 50), topic: line(200), notes: text() }),
    occurredOn: (c) => c.heldOn,
    students: listed('students'),
    privateFields: ['notes'],
    privateAboutNamedStudents: true,
    evidence: (c) => ({ studentIds: c.students }),
  }),
  'parent-contact': define({
    scope: 'class',
    title: '家长联系',
    content: () => z.strictObject({
      contactedOn: localDate,
      studentNumber,
      channel,
      reason: z.enum(['routine', 'warning']),
      notes: text(),
    }),
    occurredOn: (c) => c.contactedOn,
    students: (c) => [{ path: ['studentNumber'], studentNumber: c.studentNumber }],
    privateFields: ['notes'],
    privateAboutNamedStudents: true,
    evidence: (c) => ({ studentIds: [c.studentNumber], channel: c.channel, reason: c.reason }),
  }),
  'dorm-inspection': define({
    scope: 'class',
    title: '查寝',
    content: () => z.strictObject({
      inspectedOn: localDate,
      rooms: z.array(line(32)).check(z.minLength(1), z.maxLength(100)),
      hygiene: text(2000),
      absentStudents: studentList(),
      incidents: z.optional(text()),
    }),
    occurredOn: (c) => c.inspectedOn,
    students: listed('absentStudents'),
    privateFields: ['incidents'],
    evidence: () => ({}),
  }),
  'class-check': define({
    scope: 'class',
    title: '查课',
    content: () => z.strictObject({
      checkedOn: localDate,
      course: line(100),
      expected: count(0, 1000),
      present: count(0, 1000),
      absent: studentList(),
      late: studentList(),
    }),
    occurredOn: (c) => c.checkedOn,
    students: (c) => [...listed('absent')(c), ...listed('late')(c)],
    privateFields: [],
    evidence: () => ({}),
    check: (c) =>
      c.present > c.expected
        ? [{ path: ['present'], code: 'class-check.more-present-than-expected', message: 'more students present than expected', zh: '实到人数多于应到人数' }]
        : [],
  }),
  'lecture-observation': define({
    scope: 'staff',
    title: '听课',
    content: () => z.strictObject({ observedOn: localDate, course: line(100), teacher: line(64), notes: text() }),
    occurredOn: (c) => c.observedOn,
    students: none,
    privateFields: [],
    evidence: () => ({}),
  }),
  'course-teacher-contact': define({
    scope: 'class',
    title: '与任课教师联系',
    content: () => z.strictObject({ contactedOn: localDate, courseTeacherId: staffId, channel, notes: text() }),
    occurredOn: (c) => c.contactedOn,
    students: none,
    privateFields: [],
    evidence: (c) => ({ courseTeacherId: c.courseTeacherId, channel: c.channel }),
  }),
  'class-activity': define({
    scope: 'class',
    title: '班级活动',
    content: () => z.strictObject({
      heldOn: localDate,
      endsOn: z.optional(localDate),
      plan: text(),
      /** In yuan (元), with fen (分) at most: 0 to 100,000,000. */
      expenses: z.optional(yuan),
      report: z.optional(
        z.strictObject({ writtenOn: localDate, approvedOn: z.optional(localDate), publishedOn: z.optional(localDate), text: text(20_000) }),
      ),
    }),
    occurredOn: (c) => c.heldOn,
    students: none,
    privateFields: [],
    check: (c) => [
      ...(c.endsOn !== undefined && c.endsOn < c.heldOn ? [{ path: ['endsOn'], code: 'activity.ends-before-start', message: 'an activity ends on or after the day it starts', zh: '活动结束日期不能早于开始日期' }] : []),
      ...inOrder(c.report, ['writtenOn', 'approvedOn', 'publishedOn'], ['report'], 'activity.report-out-of-order', 'the report is written, then approved by the center head, then published', '活动报告须先撰写、再经负责人审核、后发布'),
    ],
    evidence: (c) => ({
      ...(c.endsOn !== undefined ? { endsOn: c.endsOn } : {}),
      ...(c.report !== undefined
        ? {
            report: {
              writtenOn: c.report.writtenOn,
              ...(c.report.approvedOn !== undefined ? { approvedOn: c.report.approvedOn } : {}),
              ...(c.report.publishedOn !== undefined ? { publishedOn: c.report.publishedOn } : {}),
            },
          }
        : {}),
    }),
  }),
  'contact-list': define({
    scope: 'class',
    title: '班级通讯录',
    content: () => z.strictObject({ compiledOn: localDate, checkedOn: localDate, distributedOn: localDate }),
    occurredOn: (c) => c.distributedOn,
    students: none,
    privateFields: [],
    evidence: () => ({}),
    check: (c) => inOrder(c, ['compiledOn', 'checkedOn', 'distributedOn'], [], 'contact-list.out-of-order', 'a contact list is compiled, then checked, then distributed', '通讯录须先编制、再核对、后发放'),
  }),
  'safety-incident': define({
    scope: 'class',
    title: '安全事件',
    content: () => z.strictObject({ occurredOn: localDate, students: studentList(), description: text() }),
    occurredOn: (c) => c.occurredOn,
    students: listed('students'),
    privateFields: ['description'],
    evidence: (c) => ({ studentIds: c.students }),
  }),
  'exam-booking-followup': define({
    scope: 'class',
    title: '未预约考试学生的电话/短信跟进',
    content: () => z.strictObject({ examId: line(64), contactedOn: localDate, students: studentList(1), channel }),
    occurredOn: (c) => c.contactedOn,
    students: listed('students'),
    privateFields: [],
    evidence: (c) => ({ examId: c.examId, studentIds: c.students, channel: c.channel }),
  }),
  'exam-notice-followup': define({
    scope: 'class',
    title: '未确认考试通知学生的再次电话通知',
    content: () => z.strictObject({ examId: line(64), contactedOn: localDate, students: studentList(1), channel }),
    occurredOn: (c) => c.contactedOn,
    students: listed('students'),
    privateFields: [],
    evidence: (c) => ({ examId: c.examId, studentIds: c.students, channel: c.channel }),
  }),
  // The registrar's own work and the class teacher's lists and hand-overs the REG-* and CT-ARCHIVE rules count.
  'unregistered-list': define({
    scope: 'class',
    title: '欠学费和未按时报到的学生名单',
    // Seed 003 学籍管理员日常工作 1: the class teacher hands in the list, student numbers as the tenant registers them.
    content: () => z.strictObject({ covers: termId, unpaid: studentList(0, 1000), unregistered: studentList(0, 1000) }),
    occurredOn: submittedDay,
    students: (c) => [...listed('unpaid')(c), ...listed('unregistered')(c)],
    privateFields: [],
    evidence: (c) => ({ covers: c.covers, studentNumbers: [...c.unpaid, ...c.unregistered] }),
  }),
  registration: define({
    scope: 'class',
    author: 'registrar',
    title: '学生注册（教务系统内注册）',
    content: () => z.strictObject({ covers: termId, registeredOn: localDate, registered: count(0, 1000) }),
    occurredOn: (c) => c.registeredOn,
    students: none,
    privateFields: [],
    evidence: (c) => ({ covers: c.covers }),
  }),
  'papers-archive': define({
    scope: 'staff',
    author: 'registrar',
    title: '上学期试卷、成绩单归档及考试工作量上报',
    content: () => z.strictObject({ covers: termId, archivedOn: localDate, notes: z.optional(text()) }),
    occurredOn: (c) => c.archivedOn,
    students: none,
    privateFields: [],
    evidence: (c) => ({ covers: c.covers }),
  }),
  'makeup-exam': define({
    scope: 'staff',
    author: 'registrar',
    title: '上学期不及格课程补考',
    content: () => z.strictObject({ heldOn: localDate, courses: z.array(line(100)).check(z.minLength(1), z.maxLength(100)), examinees: count(0, 100_000) }),
    occurredOn: (c) => c.heldOn,
    students: none,
    privateFields: [],
    evidence: () => ({}),
  }),
  'makeup-results': define({
    scope: 'staff',
    author: 'registrar',
    title: '补考成绩上报',
    content: () => z.strictObject({ reportedOn: localDate, makeupExamId: z.optional(z.uuid()) }),
    occurredOn: (c) => c.reportedOn,
    students: none,
    privateFields: [],
    evidence: (c) => (c.makeupExamId !== undefined ? { relatesTo: c.makeupExamId } : {}),
  }),
  'academic-warning-run': define({
    scope: 'staff',
    author: 'registrar',
    title: '补考后学籍预警',
    content: () => z.strictObject({ runOn: localDate, makeupExamId: z.optional(z.uuid()), warned: count(0, 100_000) }),
    occurredOn: (c) => c.runOn,
    students: none,
    privateFields: [],
    evidence: (c) => (c.makeupExamId !== undefined ? { relatesTo: c.makeupExamId } : {}),
  }),
  'status-processing-list': define({
    scope: 'class',
    author: 'registrar',
    title: '累计4门及以上不及格学生名单（学籍处理）',
    // Seed 003 学籍管理员日常工作 4: the list handed to 教务处 in the first month of the academic
    // year's first term, per class, naming the students the warning run put on it (REG-STATUS-PROCESSING).
    content: () => z.strictObject({ covers: termId, students: studentList(1, 1000) }),
    occurredOn: submittedDay,
    students: listed('students'),
    privateFields: [],
    evidence: (c) => ({ covers: c.covers, studentIds: c.students }),
  }),
  'archive-handover': define({
    scope: 'class',
    title: '毕业生资料移交学习中心档案室',
    // Seed 000 学籍档案整理 4: the class teacher's hand-over, not seed 001's departmental one.
    content: () => z.strictObject({ handedOverOn: localDate, students: studentList(1, 1000), receivedBy: line(64) }),
    occurredOn: (c) => c.handedOverOn,
    students: listed('students'),
    privateFields: [],
    evidence: (c) => ({ studentIds: c.students }),
  }),
} as const;

export type SubmittableKind = keyof typeof recordKinds;
export const submittableKinds = Object.keys(recordKinds) as SubmittableKind[];
export type ContentOf<K extends SubmittableKind> = z.infer<(typeof recordKinds)[K]['content']>;
