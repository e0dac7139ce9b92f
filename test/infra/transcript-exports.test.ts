/**
 * The transcript export as the stack builds it from the catalog: the transcript-exports
 * queue with its dead-letter queue and alarm, the transcriptExport consumer that may put
 * objects under transcripts/ of the reports bucket and nothing else there, and the
 * transcripts HTTP function that may read (presign) under transcripts/ only and send to
 * that queue only.
 */
import { describe, expect, it } from 'vitest';
import { logicalIdOf, resourcesOfType, synthesisedForFile } from './support.js';

const built = synthesisedForFile();
const resource = (logicalId: string) => built().template.toJSON().Resources[logicalId];
const jobId = () => logicalIdOf(built().stack.async.functions['transcriptExport']!);
const httpId = () => logicalIdOf(built().stack.functions.transcripts);
const queueId = () => logicalIdOf(built().stack.async.queues['transcript-exports']);
const dlqId = () => logicalIdOf(built().stack.async.deadLetterQueues['transcript-exports']!);
const bucketId = () => logicalIdOf(built().stack.storage.reportsBucket);

function statementsOfFunction(functionId: string): any[] {
  const roleId = resource(functionId).Properties.Role['Fn::GetAtt'][0] as string;
  return resourcesOfType(built().template, 'AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties['Roles'] as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap(([, policy]) => policy.Properties['PolicyDocument'].Statement as any[]);
}
const s3Statements = (functionId: string) => statementsOfFunction(functionId).filter((s) => JSON.stringify(s.Action).includes('s3:'));
const resourcesOf = (statement: any): string[] => (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]).map((r: unknown) => JSON.stringify(r));

describe('the transcript-exports queue', () => {
  it('redrives to its dead-letter queue after 3 deliveries, and that queue has an alarm raised by its first message', () => {
    expect(resource(queueId()).Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlqId(), 'Arn'] }, maxReceiveCount: 3 });
    const alarm = built().stack.async.alarms['transcript-exports']!;
    const alarmResource = resource(logicalIdOf(alarm));
    expect(alarmResource.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', MetricName: 'ApproximateNumberOfMessagesVisible' });
    expect(alarmResource.Properties.Dimensions).toEqual([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId(), 'QueueName'] } }]);
  });

  it('is consumed by the transcriptExport function, one message at a time, reporting failures per item', () => {
    const mappings = resourcesOfType(built().template, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties['EventSourceArn']).includes(queueId()));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]![1].Properties).toMatchObject({ FunctionName: { Ref: jobId() }, BatchSize: 1, FunctionResponseTypes: ['ReportBatchItemFailures'] });
  });
});

describe('the transcriptExport function', () => {
  it('may put objects under transcripts/ of the reports bucket only, and read nothing there', () => {
    const statements = s3Statements(jobId());
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      for (const r of resourcesOf(statement)) expect(r).toMatch(new RegExp(`${bucketId()}.*/transcripts/\\*`));
      expect(JSON.stringify(statement.Action)).not.toMatch(/s3:GetObject|s3:DeleteObject|s3:\*/);
    }
    expect(resource(jobId()).Properties.Environment.Variables.REPORTS_BUCKET).toEqual({ Ref: bucketId() });
  });
});

describe('the transcripts HTTP function', () => {
  it('may get objects under transcripts/ of the reports bucket (to presign), nothing else of S3', () => {
    expect(s3Statements(httpId())).toEqual([{ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId(), 'Arn'] }, '/transcripts/*']] } }]);
  });

  it('sends to transcript-exports and to no other queue', () => {
    const sqs = statementsOfFunction(httpId()).filter((s) => JSON.stringify(s.Action).includes('sqs:'));
    expect(sqs.flatMap(resourcesOf)).toEqual([JSON.stringify({ 'Fn::GetAtt': [queueId(), 'Arn'] })]);
    expect(resource(httpId()).Properties.Environment.Variables.QUEUE_URL_TRANSCRIPT_EXPORTS).toEqual({ Ref: queueId() });
  });
});
