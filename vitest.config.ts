import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (domain, infra assertions, mocked error paths) needs no engines;
 * `integration` (handlers against DynamoDB Local and s3rver, and the end-to-end run of
 * the local runtime) gets them from the global setup, started once per run.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 90_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/infra/**/*.test.ts'],
          setupFiles: ['test/support/unit-environment.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/environment.ts'],
        },
      },
    ],
  },
});
