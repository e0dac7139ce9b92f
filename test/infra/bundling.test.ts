import fs from 'node:fs';
import path from 'node:path';
import { Charset, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { asyncFunctions, httpFunctions } from '../../functions/catalog.js';
import { CREATE_REQUIRE_BANNER, lambdaEsbuildOptions } from '../../infra/bundling.js';
import { lambdaRuntime, nodejsBundlingOptions } from '../../infra/nodejs-bundling.js';
import { repositoryRoot } from '../../infra/xuewu-stack.js';

describe('lambdaEsbuildOptions', () => {
  it('bundles ESM for Node.js 22 with the AWS SDK inside and a working require', () => {
    expect(lambdaEsbuildOptions).toMatchObject({
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      minify: true,
      mainFields: ['module', 'main'],
      external: [],
      banner: { js: CREATE_REQUIRE_BANNER },
    });
    expect(CREATE_REQUIRE_BANNER).toBe(
      "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
    );
  });

  it('stays importable without aws-cdk-lib (the benchmark bundles with esbuild directly)', () => {
    const source = fs.readFileSync(path.join(repositoryRoot, 'infra', 'bundling.ts'), 'utf8');
    const imports = [...source.matchAll(/^import\s.*from\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(imports).toEqual(['esbuild']);
    expect(source).toMatch(/^import type \{[^}]*\} from 'esbuild'/m);
  });
});

describe('nodejsBundlingOptions', () => {
  it('is derived from lambdaEsbuildOptions', () => {
    expect(nodejsBundlingOptions).toMatchObject({
      target: lambdaEsbuildOptions.target,
      format: OutputFormat.ESM,
      minify: lambdaEsbuildOptions.minify,
      keepNames: lambdaEsbuildOptions.keepNames,
      sourceMap: false,
      mainFields: lambdaEsbuildOptions.mainFields,
      banner: lambdaEsbuildOptions.banner.js,
      externalModules: [],
      bundleAwsSDK: true,
      charset: Charset.UTF8,
    });
  });

  it('runs on the Lambda runtime matching the esbuild target', () => {
    expect(lambdaRuntime.name).toBe(`nodejs${lambdaEsbuildOptions.target.replace('node', '')}.x`);
  });
});

describe('the HTTP functions’ bundles', () => {
  it.each(Object.entries(httpFunctions))('%s does not include exceljs (only the report function writes workbooks)', async (_name, spec) => {
    const result = await build({ ...lambdaEsbuildOptions, entryPoints: [path.join(repositoryRoot, spec.entry)], write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.length).toBeGreaterThan(10);
    expect(inputs.filter((input) => input.includes('node_modules/exceljs/') || input.includes('functions/reports/'))).toEqual([]);
  });

  it('includes exceljs in the report function', async () => {
    const result = await build({ ...lambdaEsbuildOptions, entryPoints: [path.join(repositoryRoot, asyncFunctions.termReport.entry)], write: false, metafile: true, logLevel: 'silent' });
    expect(Object.keys(result.metafile.inputs).some((input) => input.includes('node_modules/exceljs/'))).toBe(true);
  });

  it('includes exceljs in the transcript export function, which writes the workbook the transcripts HTTP function only signs', async () => {
    const result = await build({ ...lambdaEsbuildOptions, entryPoints: [path.join(repositoryRoot, asyncFunctions.transcriptExport.entry)], write: false, metafile: true, logLevel: 'silent' });
    expect(Object.keys(result.metafile.inputs).some((input) => input.includes('node_modules/exceljs/'))).toBe(true);
  });
});
