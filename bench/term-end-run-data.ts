/**
 * The tenant the term-end run bench loads (bench/term-end-run.ts): classes of 40 students,
 * 10 classes a unit, a class teacher and a counselor per two classes, and ~1,000 records a
 * class with real content in the mix of bench/compliance-data.ts, generated from a seed so
 * every machine loads the same records.
 */
import { v7 as uuidv7 } from 'uuid';
import type { TenantConfiguration } from '../domain/configuration.js';
import type { StaffRecord } from '../domain/records/record.js';

export const STUDENTS = 40;
export const CLASSES_PER_UNIT = 10;
export const TENANT = 'bench';
export const TERM_ID = '2025-autumn';
export const configuration: TenantConfiguration = {
  academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }],
  terms: [{ id: TERM_ID, start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' }],
};
/** One week and a day after the term's last day, 00:00 in Beijing: the report is due. */
export const AS_OF = '2026-01-24T16:00:00.000Z';

/** A small seedable PRNG (mulberry32): every machine loads the same records. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Records a class and its two staff hand in over a term, by kind, per 1,000 (bench/compliance-data.ts's mix). */
const MIX: readonly [string, number, 'ct' | 'co'][] = [
  ['talk', 330, 'co'],
  ['parent-contact', 220, 'co'],
  ['class-check', 160, 'co'],
  ['dorm-inspection', 60, 'co'],
  ['course-teacher-contact', 40, 'co'],
  ['class-meeting', 17, 'co'],
  ['committee-meeting', 4, 'co'],
  ['lecture-observation', 6, 'co'],
  ['exam-booking-followup', 60, 'ct'],
  ['exam-notice-followup', 40, 'ct'],
  ['class-activity', 10, 'ct'],
  ['monthly-report', 5, 'ct'],
  ['term-plan', 1, 'ct'],
  ['class-plan', 1, 'ct'],
  ['term-summary', 1, 'ct'],
];
const STAFF_KINDS = new Set(['lecture-observation', 'monthly-report', 'term-plan', 'term-summary']);

function contentOf(kind: string, day: string, pick: () => string): Record<string, unknown> {
  switch (kind) {
    case 'talk': return { heldOn: day, students: [pick()], topic: '学习状态与统考准备', notes: '谈话记录：学习进度正常，提醒按时完成平台作业。' };
    case 'parent-contact': return { contactedOn: day, studentNumber: pick(), channel: 'phone', reason: 'routine', notes: '通报在校学习情况。' };
    case 'class-check': return { checkedOn: day, course: '高等数学', expected: STUDENTS, present: STUDENTS - 1, absent: [pick()], late: [] };
    case 'dorm-inspection': return { inspectedOn: day, rooms: ['3-201', '3-202'], hygiene: '整洁', absentStudents: [] };
    case 'course-teacher-contact': return { contactedOn: day, courseTeacherId: 't-math', channel: 'qq', notes: '了解作业完成情况。' };
    case 'class-meeting': return { heldOn: day, kind: 'regular', agenda: '学习进度与考风考纪', noticeIssuedAt: `${day}T08:00:00+08:00`, attendees: [pick(), pick(), pick()], summary: '通报学习进度。' };
    case 'committee-meeting': return { heldOn: day, agenda: '班委分工', attendees: [pick(), pick()], minutes: '分工明确。' };
    case 'lecture-observation': return { observedOn: day, course: '大学英语', teacher: '李老师', notes: '课堂互动好。' };
    case 'exam-booking-followup':
    case 'exam-notice-followup': return { examId: 'E-2025-12', contactedOn: day, students: [pick()], channel: 'sms' };
    case 'class-activity': return { heldOn: day, plan: '秋游', expenses: 300, report: { writtenOn: day, approvedOn: day, publishedOn: day, text: '活动报告。' } };
    case 'monthly-report': return { covers: day.slice(0, 7), summary: '本月工作小结。', nextMonthPlan: '下月工作计划。' };
    default: return { covers: TERM_ID, content: '学期文件。' };
  }
}

const days = (() => {
  const out: string[] = [];
  for (let t = Date.parse('2025-09-01T00:00:00Z'); t <= Date.parse('2026-01-16T00:00:00Z'); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
})();

export const classId = (c: number) => `C${String(c).padStart(5, '0')}`;
export const unitId = (c: number) => `U${String(Math.floor(c / CLASSES_PER_UNIT)).padStart(4, '0')}`;
export const teacherOf = (c: number) => `CT${Math.floor(c / 2)}`;
export const counselorOf = (c: number) => `CO${Math.floor(c / 2)}`;

export function recordsOfClass(c: number, perClass: number, rnd: () => number): StaffRecord[] {
  const students = Array.from({ length: STUDENTS }, (_, s) => `${classId(c)}${String(s).padStart(2, '0')}`);
  const pick = () => students[Math.floor(rnd() * STUDENTS)]!;
  const records: StaffRecord[] = [];
  for (const [kind, per1000, who] of MIX) {
    for (let k = 0; k < Math.round((per1000 * perClass) / 1000); k++) {
      const day = days[Math.floor(rnd() * days.length)]!;
      const submittedAt = `${day}T12:30:00.000Z`;
      const authorId = who === 'ct' ? teacherOf(c) : counselorOf(c);
      records.push({
        tenantId: TENANT,
        recordId: uuidv7({ msecs: Date.parse(submittedAt) }),
        kind: kind as StaffRecord['kind'],
        ...(STAFF_KINDS.has(kind) ? { unitId: unitId(c) } : { classId: classId(c) }),
        authorId,
        submittedAt,
        occurredOn: day,
        version: 1,
        status: 'active',
        content: contentOf(kind, day, pick),
      } as StaffRecord);
    }
  }
  return records;
}
