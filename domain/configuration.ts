/**
 * A tenant's configuration: its terms and academic years, its holiday calendar and the
 * thresholds it sets in place of the seeds' defaults. The compliance engine reads it;
 * this module holds the rules a configuration must satisfy before it is accepted.
 */
import { addMonths, dayOf, holidayYearViolations, type LocalDate } from './calendar/index.js';
import type { TenantConfig } from './compliance/index.js';
import { RULES } from './compliance/index.js';
import type { Cohort } from './organisation.js';
import { termIdPattern } from './records/fields.js';
import type { Violation } from './violation.js';
import type { AcademicSettings } from './academics/results.js';
import { uploadSettingsViolations, type UploadSettings } from './uploads/templates/code-lists.js';

/**
 * `academics`: the pass mark, warning and processing counts and certificate limit (domain/academics/results.ts), where the tenant sets its own.
 * `uploads`: the code lists the spreadsheet checks read, where the tenant sets its own (domain/uploads/templates/code-lists.ts).
 */
export type TenantConfiguration = Omit<TenantConfig, 'tenantId' | 'revision'> & { readonly academics?: Partial<AcademicSettings>; readonly uploads?: UploadSettings };

/**
 * Rule parameters that are fractions (CO-TALK-RATIO's 1/3, CO-TUITION's 90 % as 0.9); every
 * other parameter counts whole things — days, weeks, months, records, hours, digits.
 */
const fractionParams: ReadonlySet<string> = new Set(['ratio', 'minRate']);
/** Far beyond any deadline or quota in the seeds, and short of dates the calendar cannot hold. */
const largestCount = 1000;

/** Rule parameters that choose between two ways of counting: 0 or 1 (CO-TUITION's byAmount). */
const switchParams: ReadonlySet<string> = new Set(['byAmount']);

function overrideValueViolations(param: string, value: number, path: readonly (string | number)[]): Violation[] {
  if (switchParams.has(param)) {
    return value === 0 || value === 1 ? [] : [{ path, code: 'configuration.switch-out-of-range', message: `${param} is 0 or 1`, zh: `${param} 只能为0或1` }];
  }
  if (fractionParams.has(param)) {
    return value > 0 && value <= 1 ? [] : [{ path, code: 'configuration.fraction-out-of-range', message: `${param} is a fraction above 0 and at most 1 (90 % is 0.9)`, zh: `${param} 为大于0且不超过1的比例（90% 写作 0.9）` }];
  }
  return Number.isInteger(value) && value <= largestCount
    ? []
    : [{ path, code: 'configuration.count-out-of-range', message: `${param} counts whole days, weeks, months or items, from 0 to ${largestCount}`, zh: `${param} 为0到${largestCount}之间的整数（天、周、月或份数）` }];
}

/**
 * How long a term and an academic year may last. Terms come two a year (spring, autumn),
 * each about five months with its exams; nine months leaves room for a term that takes in
 * a summer session, and a longer one is a typing slip (a 98-year term). An academic year
 * is twelve months; thirteen allow a year that starts a few weeks late.
 */
export const longestTermMonths = 9;
export const longestAcademicYearMonths = 13;

const lastsLongerThan = (start: LocalDate, end: LocalDate, months: number) => dayOf(end) >= addMonths(dayOf(start), months);

/** Every inconsistency in a configuration, all at once. */
export function checkConfiguration(configuration: TenantConfiguration): Violation[] {
  const violations: Violation[] = [];
  const years = new Map<string, { id: string; start: LocalDate; end: LocalDate }>();
  configuration.academicYears.forEach((year, index) => {
    if (years.has(year.id)) violations.push({ path: ['academicYears', index, 'id'], code: 'configuration.duplicate-id', message: `academic year ${year.id} is listed twice`, zh: `学年 ${year.id} 重复` });
    if (year.start > year.end) violations.push({ path: ['academicYears', index, 'end'], code: 'configuration.ends-before-start', message: 'an academic year ends on or after its start', zh: '学年结束日期不能早于开始日期' });
    else if (lastsLongerThan(year.start, year.end, longestAcademicYearMonths)) {
      violations.push({ path: ['academicYears', index, 'end'], code: 'configuration.year-too-long', message: `an academic year lasts less than ${longestAcademicYearMonths} months`, zh: `学年不能长于${longestAcademicYearMonths}个月` });
    }
    years.set(year.id, year);
  });

  const termIds = new Set<string>();
  configuration.terms.forEach((term, index) => {
    if (termIds.has(term.id)) violations.push({ path: ['terms', index, 'id'], code: 'configuration.duplicate-id', message: `term ${term.id} is listed twice`, zh: `学期 ${term.id} 重复` });
    termIds.add(term.id);
    if (term.start > term.end) violations.push({ path: ['terms', index, 'end'], code: 'configuration.ends-before-start', message: 'a term ends on or after its start', zh: '学期结束日期不能早于开始日期' });
    else if (lastsLongerThan(term.start, term.end, longestTermMonths)) {
      violations.push({ path: ['terms', index, 'end'], code: 'configuration.term-too-long', message: `a term lasts less than ${longestTermMonths} months`, zh: `学期不能长于${longestTermMonths}个月` });
    }
    const year = years.get(term.academicYearId);
    if (year === undefined) {
      violations.push({ path: ['terms', index, 'academicYearId'], code: 'configuration.unknown-academic-year', message: `no academic year ${term.academicYearId}`, zh: `没有学年 ${term.academicYearId}` });
    } else if (term.start < year.start || term.end > year.end) {
      violations.push({ path: ['terms', index], code: 'configuration.term-outside-year', message: `term ${term.id} does not lie within academic year ${year.id}`, zh: `学期 ${term.id} 不在学年 ${year.id} 之内` });
    }
  });
  const byStart = configuration.terms.map((term, index) => ({ term, index })).sort((a, b) => (a.term.start < b.term.start ? -1 : 1));
  for (let i = 1; i < byStart.length; i++) {
    const previous = byStart[i - 1]!;
    const current = byStart[i]!;
    if (current.term.start <= previous.term.end) {
      violations.push({ path: ['terms', current.index, 'start'], code: 'configuration.terms-overlap', message: `term ${current.term.id} starts before term ${previous.term.id} ends`, zh: `学期 ${current.term.id} 与学期 ${previous.term.id} 时间重叠` });
    }
  }

  for (const part of ['years', 'extensions'] as const) {
    (configuration.holidays?.[part] ?? []).forEach((year, index) => {
      for (const violation of holidayYearViolations(year)) violations.push({ ...violation, path: ['holidays', part, index, ...violation.path] });
    });
  }

  (configuration.overrides ?? []).forEach((override, index) => {
    const rule = RULES.find((candidate) => candidate.id === override.ruleId);
    if (rule === undefined) {
      violations.push({ path: ['overrides', index, 'ruleId'], code: 'configuration.unknown-rule', message: `no rule ${override.ruleId}`, zh: `没有规则 ${override.ruleId}` });
    } else if (!(override.param in rule.params)) {
      violations.push({
        path: ['overrides', index, 'param'],
        code: 'configuration.unknown-parameter',
        message: `rule ${rule.id} has the parameters ${Object.keys(rule.params).join(', ') || '(none)'}`,
        zh: `规则 ${rule.id} 的参数为：${Object.keys(rule.params).join('、') || '（无）'}`,
      });
    } else {
      violations.push(...overrideValueViolations(override.param, override.value, ['overrides', index, 'value']));
    }
  });
  if (configuration.uploads !== undefined) violations.push(...uploadSettingsViolations(configuration.uploads));
  return violations;
}

/**
 * The term whose rules apply on `today`: the term in session, or between terms the one
 * that ended last (its end-of-term deadlines still run). Undefined before the first term.
 */
export function termInForce(configuration: TenantConfiguration, today: LocalDate): string | undefined {
  const started = configuration.terms.filter((term) => term.start <= today).sort((a, b) => (a.start < b.start ? 1 : -1));
  return started[0]?.id;
}

/** Term ids are written `2025-autumn` (the API's termId): spring comes before autumn in a year. */
export function termOrdinal(termId: string): number | undefined {
  const match = termIdPattern.exec(termId);
  return match === null ? undefined : Number(match[1]) * 2 + (match[2] === 'autumn' ? 1 : 0);
}

/**
 * A class is new (新生) in the term it entered and returning (老生) after, so its cohort
 * follows from its entry term and the term in force on `today`. Undefined when that cannot
 * be told (no term in force yet, or a term id not written like `2025-autumn`).
 */
export function cohortOf(configuration: TenantConfiguration, entryTerm: string, today: LocalDate): Cohort | undefined {
  const inForce = termInForce(configuration, today);
  const entry = termOrdinal(entryTerm);
  const current = inForce === undefined ? undefined : termOrdinal(inForce);
  if (entry === undefined || current === undefined) return undefined;
  return entry < current ? 'returning' : 'new';
}

/** The next term to start after `today`: its duties due before it starts (the term plan) are open already. */
export function termToCome(configuration: TenantConfiguration, today: LocalDate): string | undefined {
  const coming = configuration.terms.filter((term) => term.start > today).sort((a, b) => (a.start < b.start ? -1 : 1));
  return coming[0]?.id;
}
