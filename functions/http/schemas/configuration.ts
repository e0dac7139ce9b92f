import * as z from 'zod/mini';
import { bilingual } from '../../../domain/bilingual.js';
import { identifier, termId } from './common.js';

const localDate = z.iso.date();

const holidayYear = z.object({
  year: z.int().check(z.minimum(2000), z.maximum(2100)),
  holidays: z.array(z.object({ name: z.string().check(z.minLength(1), z.maxLength(64)), from: localDate, to: localDate })),
  makeUpWorkdays: z.array(localDate),
  source: z.string().check(z.minLength(1), z.maxLength(500)),
});

/** A tenant's terms, academic years, holiday calendar and threshold overrides. */
export const configurationBody = z.object({
  academicYears: z.array(z.object({ id: identifier, start: localDate, end: localDate })).check(z.minLength(1), z.maxLength(50)),
  terms: z.array(z.object({ id: termId, start: localDate, end: localDate, academicYearId: identifier })).check(z.minLength(1), z.maxLength(100)),
  holidays: z.optional(
    z.object({
      useDefaults: z.optional(z.boolean()),
      years: z.optional(z.array(holidayYear).check(z.maxLength(50))),
      extensions: z.optional(z.array(holidayYear).check(z.maxLength(50))),
    }),
  ),
  overrides: z.optional(
    z.array(
      z.object({
        ruleId: z.string().check(z.regex(/^[A-Z]+(-[A-Z0-9]+)+$/, bilingual('a rule id such as CO-TALK-RATIO', '规则编号，如 CO-TALK-RATIO'))),
        param: z.string().check(z.minLength(1), z.maxLength(64)),
        value: z.number().check(z.minimum(0)),
        effectiveFrom: localDate,
      }),
    ).check(z.maxLength(500)),
  ),
  minWorkingDaysPerWindow: z.optional(z.int().check(z.minimum(1), z.maximum(7))),
});
