/**
 * The seeded data set the benchmarks share: one term (2025A, 20 weeks) for N classes of
 * 40 students, ~1,000 records per class, generated deterministically (mulberry32), so
 * every machine evaluates the same records.
 */
import { dayOf, formatDay } from '../domain/calendar/index.js';
import type { AtRiskStatus, ClassInfo, EngineRecord, EvaluationInput, ExamSession, RecordKind } from '../domain/compliance/index.js';

export const STUDENTS_PER_CLASS = 40;
export const RECORDS_PER_CLASS = 1000;

/** Small, fast, seedable PRNG: the same seed gives the same data set on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const TERM = { id: '2025A', start: '2025-09-01', end: '2026-01-18', academicYearId: '2025-2026' };
const config = {
  tenantId: 'bench',
  terms: [{ id: '2025S', start: '2025-02-17', end: '2025-07-06', academicYearId: '2024-2025' }, TERM],
  academicYears: [
    { id: '2024-2025', start: '2024-08-01', end: '2025-07-31' },
    { id: '2025-2026', start: '2025-08-01', end: '2026-07-31' },
  ],
};

/** Kinds with weights per class and term, summing to RECORDS_PER_CLASS; who writes them. */
const MIX: readonly [RecordKind, number, 'ct' | 'co'][] = [
  ['talk', 330, 'co'],
  ['parent-contact', 220, 'co'],
  ['class-check', 160, 'co'],
  ['dorm-inspection', 60, 'co'],
  ['course-teacher-contact', 40, 'co'],
  ['class-meeting', 12, 'co'],
  ['committee-meeting', 4, 'co'],
  ['lecture-observation', 6, 'co'],
  ['teaching-hours', 10, 'co'],
  ['class-meeting', 5, 'ct'],
  ['exam-booking-followup', 60, 'ct'],
  ['exam-notice-followup', 40, 'ct'],
  ['class-activity', 10, 'ct'],
  ['monthly-report', 3, 'ct'],
  ['supervision-sheet', 1, 'ct'],
  ['recruitment', 20, 'ct'],
  ['graduation-photo', 19, 'ct'],
];

export function generate(classCount: number, seed: number): EvaluationInput {
  const rnd = mulberry32(seed);
  const first = dayOf(TERM.start);
  const days = dayOf(TERM.end) - first + 1;
  const dates = Array.from({ length: days }, (_, i) => formatDay(first + i));
  const submitted = dates.map((d) => `${d}T20:30:00+08:00`);
  const classes: ClassInfo[] = [];
  const atRisk: AtRiskStatus[] = [];
  const exams: ExamSession[] = [];
  const records: EngineRecord[] = [];
  let n = 0;
  for (let c = 0; c < classCount; c += 1) {
    const id = `C${String(c).padStart(5, '0')}`;
    const studentIds = Array.from({ length: STUDENTS_PER_CLASS }, (_, s) => `${id}-${String(s).padStart(2, '0')}`);
    const teachers = Array.from({ length: 8 }, (_, t) => `T${(c * 3 + t) % 400}`);
    const ct = `CT${Math.floor(c / 2)}`;
    const co = `CO${Math.floor(c / 2)}`;
    classes.push({
      id,
      firstTermId: c % 4 === 0 ? '2025A' : '2025S',
      studentIds,
      classTeacherId: ct,
      counselorId: co,
      registrarId: `REG${Math.floor(c / 50)}`,
      courseTeachers: [{ termId: TERM.id, teacherIds: teachers }],
      tuition: [{ termId: TERM.id, billed: STUDENTS_PER_CLASS, paid: 34 + Math.floor(rnd() * 7) }],
    });
    for (const s of studentIds) {
      if (rnd() < 0.05) {
        atRisk.push({ id: `W${s}`, studentId: s, classId: id, kind: 'academic-warning', documentOn: dates[Math.floor(rnd() * days)] as string });
      }
    }
    exams.push({
      id: `E${id}`,
      classId: id,
      bookingOpensOn: '2025-11-01',
      bookingClosesOn: '2025-11-20',
      examOn: '2025-12-20',
      unbookedStudentIds: studentIds.slice(0, 5),
      unconfirmedStudentIds: studentIds.slice(5, 8),
    });
    for (const [kind, count, who] of MIX) {
      for (let k = 0; k < count; k += 1) {
        const d = Math.floor(rnd() * days);
        const student = studentIds[Math.floor(rnd() * STUDENTS_PER_CLASS)] as string;
        n += 1;
        const r: EngineRecord = {
          id: `R${String(n).padStart(8, '0')}`, // time-ordered ids, as a store returns them
          kind,
          authorId: who === 'ct' ? ct : co,
          classId: id,
          occurredOn: dates[d] as string,
          submittedAt: submitted[d] as string,
          studentIds: [student],
          complete: true,
          channel: 'phone',
          reason: rnd() < 0.2 ? 'warning' : 'routine',
          courseTeacherId: teachers[k % teachers.length] as string,
          examId: `E${id}`,
          recruitKind: k % 2 ? 'referral' : 'continuation',
          hours: 2,
          report: { writtenOn: dates[d] as string, approvedOn: dates[d] as string, publishedOn: dates[Math.min(d + 1, days - 1)] as string },
        };
        records.push(r);
      }
    }
  }
  return { asOf: '2026-02-01T09:00:00+08:00', termId: TERM.id, config, roster: { classes, atRisk, exams }, records };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

