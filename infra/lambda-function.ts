/**
 * A NodejsFunction with the project's defaults fixed once: runtime and architecture,
 * bundling, its own log group with retention, JSON logs, environment, memory and timeout,
 * and a role with no managed policies (it may write to its own log group, nothing else,
 * until `bindTable` grants table access).
 */
import path from 'node:path';
import { CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { ApplicationLogLevel, Architecture, LoggingFormat, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { DataAccess } from '../functions/catalog.js';
import { CURSOR_KEY_SECRET_ARN } from './cursor-key.js';
import { lambdaRuntime, nodejsBundlingOptions } from './nodejs-bundling.js';

export type LogLevelName = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface XuewuFunctionProps {
  /** Absolute path of the repository root (holds package-lock.json). */
  readonly projectRoot: string;
  /** Entry file relative to `projectRoot`; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  /** @default 'INFO' */
  readonly logLevel?: LogLevelName;
  /** @default RetentionDays.THREE_MONTHS */
  readonly logRetention?: RetentionDays;
  /** @default Tracing.DISABLED (active tracing needs a wildcard xray:Put* grant) */
  readonly tracing?: Tracing;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** NODE_OPTIONS for this function alone (V8 flags the catalog row asks for). */
  readonly nodeOptions?: string;
}

export const SERVICE_NAME = 'xuewu';

/**
 * Table actions per catalog `dataAccess`, narrower than grantReadData/grantReadWriteData:
 * no Scan (a scan of the single table crosses tenants), no stream reads. Transactions need
 * no action of their own: IAM checks the Put/Update/Delete/ConditionCheck inside them.
 */
export const tableActions = {
  'read-only': [
    'dynamodb:BatchGetItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DescribeTable',
    'dynamodb:GetItem',
    'dynamodb:Query',
  ],
  'read-write': [
    'dynamodb:BatchGetItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DeleteItem',
    'dynamodb:DescribeTable',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:UpdateItem',
  ],
} as const satisfies Record<DataAccess, readonly string[]>;

const applicationLogLevels: Readonly<Record<LogLevelName, ApplicationLogLevel>> = {
  DEBUG: ApplicationLogLevel.DEBUG,
  INFO: ApplicationLogLevel.INFO,
  WARN: ApplicationLogLevel.WARN,
  ERROR: ApplicationLogLevel.ERROR,
};

export class XuewuFunction extends NodejsFunction {
  public readonly functionLogGroup: LogGroup;

  public constructor(scope: Construct, id: string, props: XuewuFunctionProps) {
    const logLevel = props.logLevel ?? 'INFO';
    const logGroup = new LogGroup(scope, `${id}LogGroup`, {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An explicit role instead of the default one, which carries the AWS managed
    // AWSLambdaBasicExecutionRole (logs:* on every log group): this one may only write
    // to the function's own log group.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      entry: path.resolve(props.projectRoot, props.entry),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: path.join(props.projectRoot, 'package-lock.json'),
      description: props.description,
      runtime: lambdaRuntime,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: props.tracing ?? Tracing.DISABLED,
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: applicationLogLevels[logLevel],
      systemLogLevelV2: SystemLogLevel.WARN,
      bundling: nodejsBundlingOptions,
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        LOG_LEVEL: logLevel,
        ...(props.nodeOptions !== undefined ? { NODE_OPTIONS: props.nodeOptions } : {}),
      },
    });
    this.functionLogGroup = logGroup;

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        `Pinned to ${lambdaRuntime.name} on purpose: the bundles target the same Node.js major ` +
        '(infra/bundling.ts) and the local runtime and tests run on it; moving to a newer runtime is a deliberate upgrade.',
    });
  }

  /**
   * Gives the function the table's name (TABLE_NAME) and the least access its catalog
   * entry declares (`tableActions`), on the table and its indexes (`<table ARN>/index/*`),
   * nothing else. The table is encrypted with the AWS-managed key, so no KMS grant is
   * needed; a customer-managed key would need its own grant here.
   */
  public bindTable(table: ITable, access: DataAccess): void {
    this.addEnvironment('TABLE_NAME', table.tableName);
    table.grant(this, ...tableActions[access]);
    const indexArnPattern = `Resource::<${Stack.of(this).resolve(tableLogicalId(table))}.Arn>/index/*`;
    // The grant lands in the execution role's default policy, so that is where it is acknowledged.
    Validations.of(this.role ?? this).acknowledge({
      id: `AwsSolutions-IAM5[${indexArnPattern}]`,
      reason:
        'Queries on the global secondary indexes need the index ARNs; the wildcard is limited to ' +
        "this table's own indexes (<table ARN>/index/*), no other resource.",
    });
  }

  /** Lets the function seal and open pagination cursors: the key's ARN in its environment, read access to it. */
  public bindCursorKey(secret: ISecret): void {
    this.addEnvironment(CURSOR_KEY_SECRET_ARN, secret.secretArn);
    secret.grantRead(this);
  }
}

function tableLogicalId(table: ITable): string {
  const stack = Stack.of(table);
  const cfn = table.node.defaultChild;
  if (cfn === undefined || !CfnElement.isCfnElement(cfn)) {
    throw new Error(`Table ${table.node.path} has no CloudFormation resource in this app`);
  }
  return stack.getLogicalId(cfn);
}
