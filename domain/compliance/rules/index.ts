import type { RuleDefinition } from '../rule.js';
import { CLASS_TEACHER_RULES } from './class-teacher.js';
import { COUNSELOR_RULES } from './counselor.js';
import { REGISTRAR_RULES } from './registrar.js';

/** The rule set, in declaration order; ids are unique (checked by a test). */
export const RULES: readonly RuleDefinition[] = [...CLASS_TEACHER_RULES, ...COUNSELOR_RULES, ...REGISTRAR_RULES];

export { CLASS_TEACHER_RULES, COUNSELOR_RULES, REGISTRAR_RULES };
