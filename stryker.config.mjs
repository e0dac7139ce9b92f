// @ts-check
/**
 * Mutation testing of the calendar and the compliance engine (`npm run mutation`, figures
 * in MUTATION.md). Not part of `npm test` or CI: a full run takes about 25 minutes here.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  // The calendar arithmetic and the compliance engine's rules. Left out: re-exports
  // (index.ts), the holiday data (holidays.ts), types and the finding/evaluation plumbing.
  mutate: [
    'domain/calendar/local-date.ts',
    'domain/calendar/periods.ts',
    'domain/calendar/working-calendar.ts',
    'domain/compliance/context.ts',
    'domain/compliance/record-index.ts',
    'domain/compliance/rules/helpers.ts',
    'domain/compliance/rules/class-teacher.ts',
    'domain/compliance/rules/counselor.ts',
    'domain/compliance/rules/registrar.ts',
  ],
  mutator: { excludedMutations: ['StringLiteral'] },
  // Stryker rewrites the tsconfig it is pointed at with the TypeScript compiler API, which
  // TypeScript 7 no longer offers (`ts.parseConfigFileTextToJson is not a function`). No
  // type checker runs here and vitest reads tsconfig.json itself, so point it at a file
  // that does not exist and the rewrite is skipped.
  tsconfigFile: 'tsconfig.stryker-none.json',
  // Only what the unit tests of the calendar and compliance engine load goes in the sandbox.
  ignorePatterns: ['.stryker-tmp', 'reports', 'cdk.out', '.local', 'bench/.out', 'coverage', 'infra', 'functions', 'scripts', 'test/integration', 'test/e2e', 'test/infra'],
  concurrency: 2,
  // A mutant that loops forever is ended by the timeout, or crashes its runner by running
  // out of memory; Stryker restarts the runner either way. The first run in a restarted
  // runner transforms and loads every test file again (10–20 s on a busy 2-core machine), so
  // a short timeout cascades into mutants that merely waited: keep it long.
  timeoutMS: 30000,
  incremental: false,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
