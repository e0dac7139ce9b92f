import { defineConfig } from 'vitest/config';

/**
 * The unit tests that pin the calendar and the compliance engine, and nothing else: the
 * test set Stryker runs against each mutant (`npm run mutation`, see MUTATION.md). It needs
 * no engines, so a mutant never waits on DynamoDB Local or s3rver.
 */
export default defineConfig({
  test: {
    include: ['test/unit/calendar/**/*.test.ts', 'test/unit/compliance/**/*.test.ts'],
    setupFiles: ['test/support/unit-environment.ts'],
  },
});
