/** Compliance runs: which periods closed, a unit's findings of them, run bookkeeping, and what the findings API shows. */
export * from './closed-periods.js';
export * from './run.js';
export * from './summary.js';
export * from './unit-findings.js';
