import * as z from 'zod/mini';
import { bilingual } from '../../../domain/bilingual.js';
import { decimal, line } from '../../../domain/records/fields.js';
import { identifier, localDate, termId } from './common.js';

/**
 * How much a configuration may hold. It is stored as one DynamoDB item (400 KB at most), so
 * every list is bounded and the largest configuration these bounds allow is measured to
 * fit (test/unit/contracts.test.ts). Each bound is far above what an institution needs:
 * the State Council's notice lists 7 holiday spans and 5–6 make-up days a year.
 */
export const configurationLimits = {
  academicYears: 50,
  terms: 100,
  /** Years of holiday calendar, each list (`years`, `extensions`). */
  holidayYears: 20,
  holidaySpansPerYear: 40,
  makeUpWorkdaysPerYear: 20,
  overrides: 200,
  /** Entries of a tenant's code list (免考科目, 免考原因): a province's exemptible subjects and reasons number a handful. */
  codeListEntries: 50,
  /** A code (71, or a reason's short text such as 年满40周岁) and what it stands for. */
  codeLength: 20,
  codeNameLength: 100,
} as const;

const codeList = z
  .array(z.strictObject({ code: line(configurationLimits.codeLength), name: line(configurationLimits.codeNameLength) }))
  .check(z.minLength(1), z.maxLength(configurationLimits.codeListEntries));

const holidayYear = z.strictObject({
  year: z.int().check(z.minimum(2000), z.maximum(2100)),
  holidays: z.array(z.strictObject({ name: line(32), from: localDate, to: localDate })).check(z.maxLength(configurationLimits.holidaySpansPerYear)),
  makeUpWorkdays: z.array(localDate).check(z.maxLength(configurationLimits.makeUpWorkdaysPerYear)),
  source: line(200),
});

/** A tenant's terms, academic years, holiday calendar and threshold overrides. */
export const configurationBody = z.strictObject({
  academicYears: z.array(z.strictObject({ id: identifier, start: localDate, end: localDate })).check(z.minLength(1), z.maxLength(configurationLimits.academicYears)),
  terms: z.array(z.strictObject({ id: termId, start: localDate, end: localDate, academicYearId: identifier })).check(z.minLength(1), z.maxLength(configurationLimits.terms)),
  holidays: z.optional(
    z.strictObject({
      useDefaults: z.optional(z.boolean()),
      years: z.optional(z.array(holidayYear).check(z.maxLength(configurationLimits.holidayYears))),
      extensions: z.optional(z.array(holidayYear).check(z.maxLength(configurationLimits.holidayYears))),
    }),
  ),
  overrides: z.optional(
    z.array(
      z.strictObject({
        ruleId: z.string().check(z.maxLength(40), z.regex(/^[A-Z]+(-[A-Z0-9]+)+$/, bilingual('a rule id such as CO-TALK-RATIO', '规则编号，如 CO-TALK-RATIO'))),
        param: z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, bilingual('a parameter name such as minTalks', '参数名，如 minTalks'))),
        /** Counts up to 1,000 or fractions such as 1/3 (0.3333): the domain checks which the parameter takes. */
        value: decimal(0, 1000, 6),
        effectiveFrom: localDate,
      }),
    ).check(z.maxLength(configurationLimits.overrides)),
  ),
  minWorkingDaysPerWindow: z.optional(z.int().check(z.minimum(1), z.maximum(7))),
  /** The share (0–1, default 0.25) of a month's or quarter's days a term must hold for that cut month or quarter to apply. */
  minWindowShare: z.optional(decimal(0, 1, 4)),
  /** Results and the warning run (default pass mark 60, 1 failed course warns, 4 in total to processing, 3 certificates). */
  academics: z.optional(
    z.strictObject({
      passMark: z.optional(decimal(0, 100, 1)),
      warningFailedCourses: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
      processingFailedCourses: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
      certificateLimit: z.optional(z.int().check(z.minimum(0), z.maximum(100))),
    }),
  ),
  /** The spreadsheet checks' code lists the tenant sets (免考科目代码, 免考原因), each replacing the default list whole. */
  uploads: z.optional(
    z.strictObject({
      codeLists: z.optional(z.strictObject({ exemptionSubjects: z.optional(codeList), exemptionReasons: z.optional(codeList) })),
    }),
  ),
});
