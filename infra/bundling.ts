/**
 * How every Lambda function is bundled, as one plain esbuild options object.
 *
 * Two consumers read it, so they can never drift apart:
 * - the CDK stack, through `nodejsBundlingOptions` (infra/nodejs-bundling.ts), which maps
 *   it onto the NodejsFunction `bundling` props;
 * - the benchmark, which calls `esbuild.build({ ...lambdaEsbuildOptions, entryPoints })`
 *   directly to measure bundle size and cold-start cost.
 *
 * This module must stay free of side effects and of aws-cdk-lib imports: it is imported
 * by code that never synthesises a stack.
 */
import type { BuildOptions } from 'esbuild';

/** Node.js major version of the Lambda runtime; the CDK side picks the matching runtime. */
export const LAMBDA_NODE_MAJOR = 22;

/**
 * ESM bundles that contain CommonJS dependencies (which call `require`) need a real
 * `require` in module scope.
 */
export const CREATE_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export const lambdaEsbuildOptions = Object.freeze({
  bundle: true,
  platform: 'node',
  target: `node${LAMBDA_NODE_MAJOR}`,
  format: 'esm',
  minify: true,
  /** Keep class and function names readable in logged errors despite minification. */
  keepNames: true,
  /**
   * No source maps: `--enable-source-maps` slows every cold start, and the handlers log
   * structured errors with names and messages rather than relying on stack positions.
   */
  sourcemap: false,
  /** Prefer the ESM build of dependencies (the AWS SDK v3, middy) so tree shaking works. */
  mainFields: ['module', 'main'],
  banner: { js: CREATE_REQUIRE_BANNER },
  /**
   * Nothing is external: the AWS SDK v3 is bundled, so the function runs exactly the
   * SDK versions pinned in package-lock.json rather than the runtime's copy.
   */
  external: [],
  legalComments: 'none',
  charset: 'utf8',
} satisfies BuildOptions);

export type LambdaEsbuildOptions = typeof lambdaEsbuildOptions;
