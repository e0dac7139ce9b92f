/**
 * Every asynchronous function of the catalog (scheduled jobs, queue consumers, storage
 * triggers) with the conventions fixed once: retries, a dead-letter queue (the queue's
 * redrive target, or the function's failure destination), a CloudWatch alarm on that
 * dead-letter queue, and grants that follow the row's declared access and nothing else.
 * Also the catalog's queues and the product's one event bus.
 */
import { type CfnElement, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AsyncFunctionSpec, BucketAccess, BucketName, QueueName, QueueSpec } from '../functions/catalog.js';
import { bucketVariable } from '../functions/storage/s3-client.js';
import { eventBusVariable, maxReceiveCountVariable, queueUrlVariable } from '../functions/messaging.js';
import { type LogLevelName, XuewuFunction } from './lambda-function.js';
import { eventBridgeCron } from './schedule-expression.js';

export interface AsyncFunctionsProps {
  readonly projectRoot: string;
  readonly functions: Readonly<Record<string, AsyncFunctionSpec>>;
  readonly queues: Readonly<Record<QueueName, QueueSpec>>;
  readonly table: ITable;
  readonly buckets: Readonly<Record<BucketName, IBucket>>;
  readonly logLevel?: LogLevelName;
}

/** Retries of an asynchronous invocation (schedule, storage event) before its failure destination. */
export const asyncRetryAttempts = 2;
const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

export class AsyncFunctions extends Construct {
  public readonly bus: EventBus;
  public readonly queues: Readonly<Record<QueueName, Queue>>;
  /** Every dead-letter queue, by the queue or function it serves. */
  public readonly deadLetterQueues: Readonly<Record<string, Queue>>;
  public readonly alarms: Readonly<Record<string, Alarm>>;
  public readonly functions: Readonly<Record<string, XuewuFunction>>;
  public readonly schedules: Readonly<Record<string, Schedule>>;

  public constructor(scope: Construct, id: string, props: AsyncFunctionsProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { description: "Xuewu's events: runs completed, reports written" });
    const deadLetterQueues: Record<string, Queue> = {};
    const alarms: Record<string, Alarm> = {};
    const deadLetterQueue = (name: string, what: string): Queue => {
      const dlq = new Queue(this, `${pascal(name)}DeadLetterQueue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: `It is the dead-letter queue of ${what}; a dead-letter queue of its own would only move the same messages again.` });
      deadLetterQueues[name] = dlq;
      alarms[name] = new Alarm(this, `${pascal(name)}DeadLetterAlarm`, {
        alarmDescription: `Messages in the dead-letter queue of ${what}: a run, unit or event failed after every retry`,
        metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      return dlq;
    };

    const queues = {} as Record<QueueName, Queue>;
    for (const [name, spec] of Object.entries(props.queues) as [QueueName, QueueSpec][]) {
      queues[name] = new Queue(this, `${pascal(name)}Queue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: deadLetterQueue(name, `queue ${name}`), maxReceiveCount: spec.maxReceiveCount },
      });
    }
    this.queues = queues;

    const functions: Record<string, XuewuFunction> = {};
    const schedules: Record<string, Schedule> = {};
    for (const [name, spec] of Object.entries(props.functions)) {
      const fn = new XuewuFunction(this, `${pascal(name)}Function`, {
        projectRoot: props.projectRoot,
        entry: spec.entry,
        description: spec.description,
        timeout: Duration.seconds(spec.timeoutSeconds ?? 60),
        memorySize: spec.memorySize ?? 512,
        ...(spec.nodeOptions !== undefined ? { nodeOptions: spec.nodeOptions } : {}),
        ...(props.logLevel ? { logLevel: props.logLevel } : {}),
      });
      this.grantDeclared(fn, spec, props, queues);

      const trigger = spec.trigger;
      if (trigger.kind === 'queue') {
        const queue = queues[trigger.queue];
        fn.addEventSource(new SqsEventSource(queue, { batchSize: trigger.batchSize, reportBatchItemFailures: true }));
        fn.addEnvironment(maxReceiveCountVariable, String(props.queues[trigger.queue].maxReceiveCount));
      } else {
        // Invoked asynchronously: Lambda retries, then hands the event to the failure destination.
        const dlq = deadLetterQueue(name, `function ${name}`);
        fn.configureAsyncInvoke({ retryAttempts: asyncRetryAttempts, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(dlq) });
        if (trigger.kind === 'schedule') {
          // A role of this schedule's own (the default is one role shared by every schedule target of the stack).
          const role = new Role(this, `${pascal(name)}SchedulerRole`, {
            assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
            description: `EventBridge Scheduler invoking ${name}`,
          });
          Validations.of(role).acknowledge({
            id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).resolve(Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnElement))}.Arn>:*]`,
            reason: `Scheduler may invoke ${name} and its versions (ARN:*), nothing else.`,
          });
          schedules[name] = new Schedule(this, `${pascal(name)}Schedule`, {
            description: spec.description,
            schedule: ScheduleExpression.expression(eventBridgeCron(trigger.cron), TimeZone.of(trigger.timeZone)),
            target: new LambdaInvoke(fn, {
              // The scheduled instant, not the delivery time: a retried or duplicated delivery is the same run.
              input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
              retryAttempts: asyncRetryAttempts,
              maxEventAge: Duration.hours(6),
              deadLetterQueue: dlq,
              role,
            }),
          });
        } else {
          props.buckets[trigger.bucket].addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn), { prefix: trigger.prefix });
        }
      }
      functions[name] = fn;
    }
    // CDK's own handler that writes a bucket's notification configuration (a singleton of the stack).
    const notificationsHandler = Stack.of(this).node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
    if (notificationsHandler !== undefined) {
      Validations.of(notificationsHandler).acknowledge(
        { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: "CDK's bucket-notifications handler: it runs at deployment only, to put the uploads bucket's notification configuration; the managed policy lets it write its logs." },
        { id: 'AwsSolutions-IAM5[Resource::*]', reason: "CDK's bucket-notifications handler calls s3:PutBucketNotification at deployment; CDK scopes it as the construct defines." },
      );
    }
    this.functions = functions;
    this.schedules = schedules;
    this.deadLetterQueues = deadLetterQueues;
    this.alarms = alarms;
  }

  /** The row's `access`, as grants and environment; nothing the row does not declare. */
  private grantDeclared(fn: XuewuFunction, spec: AsyncFunctionSpec, props: AsyncFunctionsProps, queues: Record<QueueName, Queue>): void {
    if (spec.access.table) fn.bindTable(props.table, spec.access.table);
    for (const grant of spec.access.buckets ?? []) grantBucketAccess(this, fn, props.buckets[grant.bucket], grant);
    for (const queue of spec.access.sendsTo ?? []) {
      queues[queue].grantSendMessages(fn);
      fn.addEnvironment(queueUrlVariable(queue), queues[queue].queueUrl);
    }
    if (spec.access.publishesEvents) {
      this.bus.grantPutEventsTo(fn);
      fn.addEnvironment(eventBusVariable, this.bus.eventBusName);
    }
  }
}

/**
 * A function's grant on one bucket prefix, as a catalog row declares it (asynchronous rows'
 * `access.buckets`, HTTP rows' `buckets`): the bucket's name in its environment, and object
 * actions on that prefix only.
 */
export function grantBucketAccess(scope: Construct, fn: XuewuFunction, bucket: IBucket, grant: BucketAccess): void {
  fn.addEnvironment(bucketVariable(grant.bucket), bucket.bucketName);
  const objects = `${grant.prefix}*`;
  if (grant.access !== 'write') bucket.grantRead(fn, objects);
  if (grant.access !== 'read') bucket.grantPut(fn, objects);
  const bucketArn = `<${Stack.of(scope).resolve(Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnElement))}.Arn>`;
  const actions = [...(grant.access !== 'write' ? ['s3:GetObject*', 's3:GetBucket*', 's3:List*'] : []), ...(grant.access !== 'read' ? ['s3:Abort*'] : [])];
  for (const id of [`AwsSolutions-IAM5[Resource::${bucketArn}/${objects}]`, ...actions.map((action) => `AwsSolutions-IAM5[Action::${action}]`)]) {
    Validations.of(fn.role ?? fn).acknowledge({
      id,
      reason: `The catalog row grants the ${grant.bucket} bucket's ${grant.prefix} prefix only (${grant.access}); objects under it are named at run time.`,
    });
  }
}
