/**
 * The Xuewu stack: storage, identity, one Lambda per catalog entry and the HTTP API
 * routing the catalog's rows to them. Everything that varies per function or route comes
 * from functions/catalog.ts; the table comes from functions/storage/table-design.ts.
 */
import { fileURLToPath } from 'node:url';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import {
  type AsyncFunctionSpec,
  asyncFunctions,
  queues,
  type HttpFunctionName,
  type HttpFunctionSpec,
  type HttpRouteSpec,
  httpFunctions,
  httpRoutes,
} from '../functions/catalog.js';
import { queueUrlVariable } from '../functions/messaging.js';
import { Api } from './api.js';
import { AsyncFunctions } from './async-functions.js';
import { Auth } from './auth.js';
import { grantHttpBucketAccess } from './http-bucket-access.js';
import { cursorKeySecret } from './cursor-key.js';
import { type LogLevelName, XuewuFunction } from './lambda-function.js';
import { Storage } from './storage.js';

/** The repository root: entries in the catalog are relative to it. */
export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

export interface XuewuStackProps extends StackProps {
  /** @default the repository this file lives in */
  readonly projectRoot?: string;
  /** @default httpFunctions from functions/catalog.ts */
  readonly functions?: Readonly<Record<HttpFunctionName, HttpFunctionSpec>>;
  /** @default httpRoutes from functions/catalog.ts */
  readonly routes?: readonly HttpRouteSpec[];
  /** @default asyncFunctions from functions/catalog.ts */
  readonly asyncFunctions?: Readonly<Record<string, AsyncFunctionSpec>>;
  /** @default 'INFO' */
  readonly logLevel?: LogLevelName;
}

export class XuewuStack extends Stack {
  public readonly storage: Storage;
  public readonly auth: Auth;
  public readonly functions: Readonly<Record<HttpFunctionName, XuewuFunction>>;
  public readonly api: Api;
  /** Scheduled jobs, queue consumers and storage triggers, their queues and the event bus. */
  public readonly async: AsyncFunctions;
  /** The pagination cursor key; only when some function pages results. */
  public readonly cursorKey: Secret | undefined;

  public constructor(scope: Construct, id: string, props: XuewuStackProps = {}) {
    super(scope, id, {
      description: 'Xuewu (学务) student-affairs backend: HTTP API, Lambda, DynamoDB, S3, Cognito',
      ...props,
    });
    const projectRoot = props.projectRoot ?? repositoryRoot;
    const functionSpecs = props.functions ?? httpFunctions;

    this.storage = new Storage(this, 'Storage');
    this.auth = new Auth(this, 'Auth');

    const specs = Object.entries(functionSpecs) as [HttpFunctionName, HttpFunctionSpec][];
    const cursorKey = specs.some(([, spec]) => spec.pagesResults) ? cursorKeySecret(this, 'CursorKey') : undefined;
    this.cursorKey = cursorKey;

    const functions = {} as Record<HttpFunctionName, XuewuFunction>;
    for (const [name, spec] of specs) {
      const fn = new XuewuFunction(this, functionId(name), {
        projectRoot,
        entry: spec.entry,
        description: spec.description,
        ...(props.logLevel ? { logLevel: props.logLevel } : {}),
      });
      fn.bindTable(this.storage.table, spec.dataAccess);
      if (spec.pagesResults && cursorKey) fn.bindCursorKey(cursorKey);
      const buckets = { uploads: this.storage.uploadsBucket, reports: this.storage.reportsBucket };
      for (const grant of spec.buckets ?? []) grantHttpBucketAccess(fn, buckets[grant.bucket], grant);
      functions[name] = fn;
    }
    this.functions = functions;

    this.api = new Api(this, 'Api', {
      userPool: this.auth.userPool,
      userPoolClient: this.auth.client,
      functions,
      routes: props.routes ?? httpRoutes,
    });

    const buckets = { uploads: this.storage.uploadsBucket, reports: this.storage.reportsBucket };
    this.async = new AsyncFunctions(this, 'Async', {
      projectRoot,
      functions: props.asyncFunctions ?? asyncFunctions,
      queues,
      table: this.storage.table,
      buckets,
      ...(props.logLevel ? { logLevel: props.logLevel } : {}),
    });

    // HTTP functions that start asynchronous work send to the queues their row declares, nothing else
    // (their bucket prefixes are granted above, object actions only).
    for (const [name, spec] of specs) {
      for (const queue of spec.sendsTo ?? []) {
        this.async.queues[queue].grantSendMessages(functions[name]);
        functions[name].addEnvironment(queueUrlVariable(queue), this.async.queues[queue].queueUrl);
      }
    }

    const output = (outputId: string, value: string, description: string) =>
      new CfnOutput(this, outputId, { value, description });
    output('ApiUrl', this.api.stage.url, 'Base URL of the HTTP API');
    output('UserPoolId', this.auth.userPool.userPoolId, 'Cognito user pool that issues the API tokens');
    output('UserPoolClientId', this.auth.client.userPoolClientId, 'App client (SRP + refresh, no secret)');
    output(
      'JwtIssuer',
      `https://${this.auth.userPool.userPoolProviderUrl}`,
      'Issuer (iss) of the ID tokens the API accepts',
    );
    output('TableName', this.storage.table.tableName, 'The single DynamoDB table');
    output('UploadsBucketName', this.storage.uploadsBucket.bucketName, 'Bucket for uploaded images and spreadsheets');
    output('ReportsBucketName', this.storage.reportsBucket.bucketName, 'Bucket for generated reports');
    output('EventBusName', this.async.bus.eventBusName, "The product's event bus (runs completed, reports written)");
    output('AccessLogsBucketName', this.storage.accessLogsBucket.bucketName, 'Server access logs of the data buckets');
  }
}

/** `records` → `RecordsFunction`: stable construct ids, hence stable logical ids. */
export const functionId = (name: string): string => `${name.charAt(0).toUpperCase()}${name.slice(1)}Function`;
