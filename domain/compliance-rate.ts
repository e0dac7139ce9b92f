/**
 * The compliance rate, one definition for the findings API's summaries and the term-end
 * report: met ÷ (met + missed), the share of decided findings that were met. Pending,
 * not applicable and blocked findings are neither success nor failure and stay out of
 * both sides; null when nothing was decided.
 */
export function complianceRate(met: number, missed: number): number | null {
  return met + missed === 0 ? null : met / (met + missed);
}

/** The rate as the API answers it: rounded to 4 decimals (a percentage to two places). */
export function roundedComplianceRate(met: number, missed: number): number | null {
  const rate = complianceRate(met, missed);
  return rate === null ? null : Math.round(rate * 10_000) / 10_000;
}
