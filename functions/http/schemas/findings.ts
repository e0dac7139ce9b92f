/** Requests of the run and findings routes. */
import * as z from 'zod/mini';
import { bilingual } from '../../../domain/bilingual.js';
import { line } from '../../../domain/records/fields.js';
import { identifier, instant, pageQuery, staffId, studentNumber, termId } from './common.js';

export const startRunBody = z.strictObject({ termId, asOf: instant });

/** A run's id: a daily run's (`daily-20260125T013000Z`) or an on-demand run's UUID. */
export const runPath = z.object({
  tenantId: identifier,
  runId: z.string().check(z.regex(/^(daily-\d{8}T\d{6}Z|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/, bilingual('a run id as the API handed it out', '检查编号须为接口返回的编号'))),
});
export const termPath = z.object({ tenantId: identifier, termId });

const ruleId = z.string().check(z.regex(/^[A-Z]{2,4}(-[A-Z]+){1,3}$/, bilingual('a rule id like CT-MEETING-NEW', '规则编号形如 CT-MEETING-NEW')));

const findingFilters = {
  unitId: z.optional(identifier),
  classId: z.optional(identifier),
  staffId: z.optional(staffId),
  studentNumber: z.optional(studentNumber),
  ruleId: z.optional(ruleId),
  family: z.optional(z.enum(['class-teacher', 'counselor', 'registrar'])),
  periodKey: z.optional(line(80)),
  status: z.optional(z.enum(['met', 'missed', 'pending', 'not-applicable', 'blocked'])),
};

export const findingsQuery = z.extend(pageQuery, findingFilters);
export const summaryQuery = z.strictObject({ by: z.enum(['unit', 'class', 'staff', 'rule']), ...findingFilters });
