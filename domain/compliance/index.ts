/** Public API of the compliance engine. */
export { evaluate, standing, type Evaluation, type StandingSubject } from './evaluate.js';
export { RULES, CLASS_TEACHER_RULES, COUNSELOR_RULES, REGISTRAR_RULES } from './rules/index.js';
export { RULE_SET_VERSION, EvaluationInputError } from './context.js';
export { paramInForce } from './param-in-force.js';
export { findingKey, type Finding, type FindingPeriod, type FindingStatus, type MeasureKind, type Subject, type SubjectKind } from './findings.js';
export type { RuleDefinition, Role, SeedSource } from './rule.js';
export type { RejectedRecord } from './record-index.js';
export {
  RECORD_KINDS,
  isCompleteMeeting,
  type AtRiskStatus,
  type ClassGraduation,
  type FormerHolder,
  type ClassInfo,
  type ContactChannel,
  type EngineRecord,
  type EvaluationInput,
  type ExamSession,
  type RecordKind,
  type Roster,
  type TenantConfig,
  type ThresholdOverride,
} from './inputs.js';
