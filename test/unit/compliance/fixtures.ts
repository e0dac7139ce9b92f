/**
 * Small builders for compliance tests: a tenant with three terms, classes of 31
 * students, and records that default to "submitted the evening they happened".
 */
import { evaluate, type Evaluation } from '../../../domain/compliance/index.js';
import type {
  AtRiskStatus,
  ClassInfo,
  EngineRecord,
  EvaluationInput,
  ExamSession,
  RecordKind,
  TenantConfig,
} from '../../../domain/compliance/index.js';
import type { Finding } from '../../../domain/compliance/index.js';

export const TERMS = [
  { id: '2025S', start: '2025-02-17', end: '2025-07-06', academicYearId: '2024-2025' },
  { id: '2025A', start: '2025-09-01', end: '2026-01-18', academicYearId: '2025-2026' },
  { id: '2026S', start: '2026-03-02', end: '2026-07-05', academicYearId: '2025-2026' },
] as const;

export const ACADEMIC_YEARS = [
  { id: '2024-2025', start: '2024-08-01', end: '2025-07-31' },
  { id: '2025-2026', start: '2025-08-01', end: '2026-07-31' },
] as const;

export function tenant(over: Partial<TenantConfig> = {}): TenantConfig {
  return { tenantId: 'hq', terms: [...TERMS], academicYears: [...ACADEMIC_YEARS], ...over };
}

export function students(classId: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${classId}-s${String(i + 1).padStart(2, '0')}`);
}

/** A returning class in 2025A (its first term was 2025S) with 31 students and all three roles. */
export function klass(id: string, over: Partial<ClassInfo> = {}): ClassInfo {
  return {
    id,
    firstTermId: '2025S',
    studentIds: students(id, 31),
    classTeacherId: `ct-${id}`,
    counselorId: `co-${id}`,
    registrarId: 'reg-1',
    ...over,
  };
}

let seq = 0;
export function rec(kind: RecordKind, occurredOn: string, authorId: string, over: Partial<EngineRecord> = {}): EngineRecord {
  seq += 1;
  return { id: `r${String(seq).padStart(5, '0')}`, kind, authorId, occurredOn, submittedAt: `${occurredOn}T20:00:00+08:00`, ...over };
}

export interface Scenario {
  readonly asOf: string;
  readonly termId?: string;
  readonly classes: readonly ClassInfo[];
  readonly records?: readonly EngineRecord[];
  readonly atRisk?: readonly AtRiskStatus[];
  readonly exams?: readonly ExamSession[];
  readonly failedCourses?: readonly { studentId: string; count: number }[];
  readonly config?: TenantConfig;
}

export function input(s: Scenario): EvaluationInput {
  return {
    asOf: s.asOf,
    termId: s.termId ?? '2025A',
    config: s.config ?? tenant(),
    roster: {
      classes: s.classes,
      ...(s.atRisk ? { atRisk: s.atRisk } : {}),
      ...(s.exams ? { exams: s.exams } : {}),
      ...(s.failedCourses ? { failedCourses: s.failedCourses } : {}),
    },
    records: s.records ?? [],
  };
}

export function run(s: Scenario): Evaluation {
  return evaluate(input(s));
}

/** The one finding of a rule for a subject (and period key, when given); throws when absent or ambiguous. */
export function find(ev: Evaluation, ruleId: string, subjectId: string, periodKey?: string): Finding {
  const hits = ev.findings.filter(
    (f) => f.ruleId === ruleId && f.subject.id === subjectId && (periodKey === undefined || f.period.key === periodKey),
  );
  if (hits.length !== 1) {
    throw new Error(`expected one ${ruleId} finding for ${subjectId} ${periodKey ?? ''}, got ${hits.length}: ${hits.map((h) => h.key).join(', ')}`);
  }
  return hits[0] as Finding;
}

export function all(ev: Evaluation, ruleId: string, subjectId?: string): Finding[] {
  return ev.findings.filter((f) => f.ruleId === ruleId && (subjectId === undefined || f.subject.id === subjectId));
}

/** After the whole 2025A term has closed (including the one-week reporting tail). */
export const AFTER_2025A = '2026-02-20T12:00:00+08:00';
