/**
 * The asynchronous functions of the catalog as the stack builds them: the schedule in
 * Asia/Shanghai, every function's dead-letter wiring and alarm, and grants that follow
 * the row's declared access only.
 */
import { describe, expect, it } from 'vitest';
import { type AsyncFunctionSpec, asyncFunctions, queues, type QueueName } from '../../functions/catalog.js';
import { logicalIdOf, resourcesOfType, synthesisedForFile } from './support.js';

const built = synthesisedForFile();
const rows = Object.entries(asyncFunctions) as [string, AsyncFunctionSpec][];
const resource = (logicalId: string) => built().template.toJSON().Resources[logicalId];
const idOf = (name: string) => logicalIdOf(built().stack.async.functions[name]!);
const queueId = (queue: QueueName) => logicalIdOf(built().stack.async.queues[queue]);
const dlqId = (name: string) => logicalIdOf(built().stack.async.deadLetterQueues[name]!);

function statementsOf(name: string): any[] {
  const roleId = resource(idOf(name)).Properties.Role['Fn::GetAtt'][0] as string;
  return resourcesOfType(built().template, 'AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties['Roles'] as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap(([, policy]) => policy.Properties['PolicyDocument'].Statement as any[]);
}

describe('the daily compliance run schedule', () => {
  it('fires at 01:30 in the Asia/Shanghai time zone, passing the scheduled instant, with retries and a dead-letter queue', () => {
    const schedules = resourcesOfType(built().template, 'AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(1);
    const schedule = schedules[0]![1].Properties;
    expect(schedule.ScheduleExpression).toBe('cron(30 1 * * ? *)');
    expect(schedule.ScheduleExpressionTimezone).toBe('Asia/Shanghai');
    expect(schedule.Target.Arn).toEqual({ 'Fn::GetAtt': [idOf('dailyRun'), 'Arn'] });
    expect(JSON.parse(schedule.Target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
    expect(schedule.Target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: 2 });
    expect(schedule.Target.DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': [dlqId('dailyRun'), 'Arn'] });
  });
});

describe('every asynchronous function', () => {
  it.each(rows)('%s ends in a dead-letter queue after its retries', (name, spec) => {
    if (spec.trigger.kind === 'queue') {
      const queue = resource(queueId(spec.trigger.queue)).Properties;
      expect(queue.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [dlqId(spec.trigger.queue), 'Arn'] },
        maxReceiveCount: queues[spec.trigger.queue].maxReceiveCount,
      });
      const mappings = resourcesOfType(built().template, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === idOf(name));
      expect(mappings).toHaveLength(1);
      expect(mappings[0]![1].Properties).toMatchObject({ BatchSize: spec.trigger.batchSize, FunctionResponseTypes: ['ReportBatchItemFailures'] });
      // Lambda must finish a delivery before SQS shows the message again.
      expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(resource(idOf(name)).Properties.Timeout);
    } else {
      const configs = resourcesOfType(built().template, 'AWS::Lambda::EventInvokeConfig').filter(([, c]) => c.Properties.FunctionName.Ref === idOf(name));
      expect(configs).toHaveLength(1);
      expect(configs[0]![1].Properties).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlqId(name), 'Arn'] } } },
      });
    }
  });

  it('has an alarm on each dead-letter queue, raised by its first message', () => {
    const alarms = resourcesOfType(built().template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const deadLetterQueues = Object.keys(built().stack.async.deadLetterQueues);
    expect(deadLetterQueues.sort()).toEqual(['dailyRun', 'tenant-runs', 'term-reports', 'transcript-exports', 'unit-evaluations', 'uploadValidator', 'warning-runs']);
    for (const name of deadLetterQueues) {
      expect(alarms).toContainEqual(
        expect.objectContaining({
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Namespace: 'AWS/SQS',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId(name), 'QueueName'] } }],
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        }),
      );
    }
  });

  it.each(rows)('%s may send only to the queues its row declares, and put events only if it says so', (name, spec) => {
    const statements = statementsOf(name);
    const sends = statements.filter((s) => JSON.stringify(s.Action).includes('sqs:SendMessage'));
    // Besides the declared queues, a function invoked asynchronously sends its failures to its own dead-letter queue.
    const ownFailures = spec.trigger.kind === 'queue' ? [] : [{ 'Fn::GetAtt': [dlqId(name), 'Arn'] }];
    const targets = sends.flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource])).map((r) => JSON.stringify(r));
    const expected = [...(spec.access.sendsTo ?? []).map((queue) => ({ 'Fn::GetAtt': [queueId(queue), 'Arn'] })), ...ownFailures];
    expect(targets.sort()).toEqual(expected.map((r) => JSON.stringify(r)).sort());
    const puts = statements.filter((s) => JSON.stringify(s.Action).includes('events:PutEvents'));
    expect(puts.map((s) => s.Resource)).toEqual(spec.access.publishesEvents ? [{ 'Fn::GetAtt': [logicalIdOf(built().stack.async.bus), 'Arn'] }] : []);
    const granted = JSON.stringify(statements);
    expect(granted).not.toMatch(/"Resource":"\*"|dynamodb:Scan/);
    if (spec.access.buckets === undefined) expect(granted).not.toContain('"s3:');
    if (spec.access.table === undefined) expect(granted).not.toContain('dynamodb:');
    // A consumer reads its own queue (the event source mapping) and sends to no queue it was not given.
    for (const [queue] of Object.entries(queues)) {
      const consumes = spec.trigger.kind === 'queue' && spec.trigger.queue === queue;
      const sendsTo = (spec.access.sendsTo as readonly string[] | undefined)?.includes(queue) ?? false;
      if (!consumes && !sendsTo) expect(granted).not.toContain(queueId(queue as QueueName));
    }
  });
});

describe('the term-end report function', () => {
  it('may put objects under term-reports/ of the reports bucket only, and read nothing there', () => {
    const statements = statementsOf('termReport').filter((s) => JSON.stringify(s.Action).includes('s3:'));
    const bucketId = logicalIdOf(built().stack.storage.reportsBucket);
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      const resources = (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]).map((r: unknown) => JSON.stringify(r));
      for (const r of resources) expect(r).toMatch(new RegExp(`${bucketId}.*/term-reports/\\*`));
      expect(JSON.stringify(statement.Action)).not.toMatch(/s3:GetObject|s3:DeleteObject|s3:\*/);
    }
    expect(resource(idOf('termReport')).Properties.Environment.Variables.REPORTS_BUCKET).toEqual({ Ref: bucketId });
  });

  it('consumes term-reports, whose dead-letter queue has an alarm', () => {
    expect(built().stack.async.alarms['term-reports']).toBeDefined();
    expect(resource(queueId('term-reports')).Properties.RedrivePolicy.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': [dlqId('term-reports'), 'Arn'] });
  });
});

describe('the warning run function', () => {
  it('consumes warning-runs one class at a time, three deliveries then a dead-letter queue with an alarm', () => {
    const queue = resource(queueId('warning-runs')).Properties;
    expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlqId('warning-runs'), 'Arn'] }, maxReceiveCount: 3 });
    expect(built().stack.async.alarms['warning-runs']).toBeDefined();
    const mappings = resourcesOfType(built().template, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === idOf('warningRun'));
    expect(mappings.map(([, m]) => m.Properties.EventSourceArn)).toEqual([{ 'Fn::GetAtt': [queueId('warning-runs'), 'Arn'] }]);
    expect(mappings[0]![1].Properties.BatchSize).toBe(1);
  });

  it('touches the table only: no bucket, no queue to send to, no event bus', () => {
    const granted = JSON.stringify(statementsOf('warningRun'));
    expect(granted).toContain('dynamodb:UpdateItem');
    expect(granted).not.toMatch(/"s3:|sqs:SendMessage|events:PutEvents/);
  });

  it('is sent to by the academics HTTP function, which is given its URL', () => {
    const academics = built().stack.functions.academics;
    const variables = resource(logicalIdOf(academics)).Properties.Environment.Variables;
    expect(variables.QUEUE_URL_WARNING_RUNS).toEqual({ Ref: queueId('warning-runs') });
    const roleId = resource(logicalIdOf(academics)).Properties.Role['Fn::GetAtt'][0] as string;
    const sends = resourcesOfType(built().template, 'AWS::IAM::Policy')
      .filter(([, policy]) => (policy.Properties['Roles'] as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
      .flatMap(([, policy]) => policy.Properties['PolicyDocument'].Statement as any[])
      .filter((s) => JSON.stringify(s.Action).includes('sqs:SendMessage'));
    expect(sends.map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [queueId('warning-runs'), 'Arn'] }]);
  });
});

describe('the event bus', () => {
  it('is one bus of the product', () => {
    expect(resourcesOfType(built().template, 'AWS::Events::EventBus')).toHaveLength(1);
  });
});
