/**
 * The NodejsFunction `bundling` props, derived from the one esbuild options object in
 * infra/bundling.ts (which the benchmark also uses, without aws-cdk-lib).
 */
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, Charset, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LAMBDA_NODE_MAJOR, lambdaEsbuildOptions as o } from './bundling.js';

const runtimes: Readonly<Record<number, Runtime>> = {
  22: Runtime.NODEJS_22_X,
  24: Runtime.NODEJS_24_X,
};

/** The Lambda runtime matching the bundles' esbuild `target`. */
export const lambdaRuntime: Runtime = (() => {
  const runtime = runtimes[LAMBDA_NODE_MAJOR];
  if (runtime === undefined) throw new Error(`No Lambda runtime mapped for Node.js ${LAMBDA_NODE_MAJOR}`);
  return runtime;
})();

export const nodejsBundlingOptions: BundlingOptions = {
  // bundle: true and platform: 'node' are what NodejsFunction always passes to esbuild.
  target: o.target,
  format: o.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
  minify: o.minify,
  keepNames: o.keepNames,
  sourceMap: o.sourcemap !== false,
  mainFields: [...o.mainFields],
  banner: o.banner.js,
  externalModules: [...o.external],
  bundleAwsSDK: true,
  charset: o.charset === 'utf8' ? Charset.UTF8 : Charset.ASCII,
  logLevel: LogLevel.WARNING,
  esbuildArgs: { '--legal-comments': o.legalComments },
};
