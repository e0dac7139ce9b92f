/**
 * Builds the CDK app (the stack plus the cdk-nag AWS Solutions checks) without
 * synthesising it, so the CLI entry (infra/app.ts) and the infra tests share one path.
 */
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { XuewuStack, type XuewuStackProps } from './xuewu-stack.js';

export const STACK_ID = 'Xuewu';

export interface XuewuAppOptions {
  readonly appProps?: AppProps;
  readonly stackProps?: XuewuStackProps;
  /** Register the cdk-nag AWS Solutions pack as a validation plugin. @default true */
  readonly nag?: boolean;
}

export function createXuewuApp(options: XuewuAppOptions = {}): { app: App; stack: XuewuStack } {
  const app = new App(options.appProps);
  const account = process.env['CDK_DEFAULT_ACCOUNT'];
  const region = process.env['CDK_DEFAULT_REGION'];
  const stack = new XuewuStack(app, STACK_ID, {
    // Environment-agnostic unless the CLI knows the account and region (synth stays offline).
    ...(account && region ? { env: { account, region } } : {}),
    ...options.stackProps,
  });
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  return { app, stack };
}
