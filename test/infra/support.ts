/**
 * Builds the Xuewu app for template assertions: the same construction path as
 * infra/app.ts, the feature flags of cdk.json (the CLI passes them; `new App()` alone
 * would not), bundling skipped, and the cloud assembly in a temporary folder that
 * `cleanup()` removes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll } from 'vitest';
import { createXuewuApp, type XuewuAppOptions } from '../../infra/xuewu-app.js';
import { repositoryRoot, type XuewuStack } from '../../infra/xuewu-stack.js';

export interface SynthesisedXuewu {
  readonly app: App;
  readonly stack: XuewuStack;
  readonly template: Template;
  readonly outdir: string;
  cleanup(): void;
}

const cdkJsonContext = (): Record<string, unknown> => {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
};

/** Everything but synthesis: for tests that synthesise (or validate) themselves. */
export function buildXuewu(options: Omit<XuewuAppOptions, 'appProps'> = {}) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk.out.xuewu-'));
  const { app, stack } = createXuewuApp({
    nag: false,
    ...options,
    appProps: {
      outdir,
      context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] },
    },
  });
  const cleanup = () => fs.rmSync(outdir, { recursive: true, force: true });
  return { app, stack, outdir, cleanup };
}

export function synthXuewu(options: Omit<XuewuAppOptions, 'appProps'> = {}): SynthesisedXuewu {
  const built = buildXuewu(options);
  try {
    return { ...built, template: Template.fromStack(built.stack) };
  } catch (error) {
    built.cleanup();
    throw error;
  }
}

/** Synthesises once for the calling test file and cleans up after it; call the result inside tests. */
export function synthesisedForFile(options: Omit<XuewuAppOptions, 'appProps'> = {}): () => SynthesisedXuewu {
  let synthesised: SynthesisedXuewu | undefined;
  beforeAll(() => {
    synthesised = synthXuewu(options);
  });
  afterAll(() => synthesised?.cleanup());
  return () => {
    if (synthesised === undefined) throw new Error('the app is synthesised in beforeAll');
    return synthesised;
  };
}

/** Resources of one type, as `[logicalId, resource]` pairs. */
export function resourcesOfType(template: Template, type: string): [string, CfnResourceJson][] {
  return Object.entries(template.findResources(type)) as [string, CfnResourceJson][];
}

export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties: Record<string, any>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

/** The logical id of a construct's CloudFormation resource (an L2's default child). */
export function logicalIdOf(construct: IConstruct): string {
  const element = CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild;
  if (element === undefined || !CfnElement.isCfnElement(element)) {
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  }
  const stack = Stack.of(element);
  return stack.resolve(stack.getLogicalId(element)) as string;
}
