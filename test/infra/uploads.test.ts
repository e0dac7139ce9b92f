/**
 * The upload path as the stack builds it: the validator triggered by ObjectCreated under
 * incoming/ only, its dead-letter queue and alarm, and every grant of the validator and of
 * the uploads HTTP function limited to the prefixes their catalog rows declare.
 */
import { describe, expect, it } from 'vitest';
import { functionId } from '../../infra/xuewu-stack.js';
import { logicalIdOf, resourcesOfType, synthesisedForFile } from './support.js';

const built = synthesisedForFile();
const resource = (logicalId: string) => built().template.toJSON().Resources[logicalId];
const validatorId = () => logicalIdOf(built().stack.async.functions['uploadValidator']!);
const uploadsFunctionId = () => logicalIdOf(built().stack.functions.uploads);
const uploadsBucketId = () => logicalIdOf(built().stack.storage.uploadsBucket);
const reportsBucketId = () => logicalIdOf(built().stack.storage.reportsBucket);

function s3StatementsOf(functionLogicalId: string): any[] {
  const roleId = resource(functionLogicalId).Properties.Role['Fn::GetAtt'][0] as string;
  return resourcesOfType(built().template, 'AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties['Roles'] as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap(([, policy]) => policy.Properties['PolicyDocument'].Statement as any[])
    .filter((s) => JSON.stringify(s.Action).includes('s3:'));
}

/** Each S3 statement as [bucket logical id, prefix, reads?, writes?]; bucket-level ARNs (for List) give prefix null. */
function grantsOf(functionLogicalId: string) {
  return s3StatementsOf(functionLogicalId).flatMap((statement) => {
    const actions = JSON.stringify(statement.Action);
    const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
    return resources.map((r: any) => {
      const text = JSON.stringify(r);
      const bucket = [uploadsBucketId(), reportsBucketId()].find((id) => text.includes(id)) ?? 'other';
      const prefix = /\/([a-z-]+\/)\*"/.exec(text)?.[1] ?? null;
      return { bucket, prefix, reads: actions.includes('s3:GetObject'), writes: actions.includes('s3:PutObject'), deletes: actions.includes('s3:DeleteObject') };
    });
  });
}

describe('the upload validator', () => {
  it('is invoked by ObjectCreated events of the uploads bucket under incoming/ only', () => {
    const notifications = resourcesOfType(built().template, 'Custom::S3BucketNotifications').map(([, n]) => n.Properties);
    const ofUploads = notifications.filter((n) => JSON.stringify(n.BucketName) === JSON.stringify({ Ref: uploadsBucketId() }));
    expect(ofUploads).toHaveLength(1);
    expect(ofUploads[0]!.NotificationConfiguration.LambdaFunctionConfigurations).toEqual([
      { Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }] } }, LambdaFunctionArn: { 'Fn::GetAtt': [validatorId(), 'Arn'] } },
    ]);
  });

  it('retries twice, then sends the event to its dead-letter queue, whose first message raises an alarm', () => {
    const dlq = logicalIdOf(built().stack.async.deadLetterQueues['uploadValidator']!);
    const configs = resourcesOfType(built().template, 'AWS::Lambda::EventInvokeConfig').filter(([, c]) => c.Properties.FunctionName.Ref === validatorId());
    expect(configs.map(([, c]) => c.Properties)).toEqual([expect.objectContaining({ MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlq, 'Arn'] } } } })]);
    const alarms = resourcesOfType(built().template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(alarms).toContainEqual(expect.objectContaining({ Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }], Threshold: 1 }));
  });

  it('reads incoming/, writes accepted/ and rejected/ and the reports bucket’s upload-annotations/, deletes nothing', () => {
    const grants = grantsOf(validatorId()).filter((g) => g.prefix !== null);
    const key = (g: { bucket: string; prefix: string | null }) => `${g.bucket === uploadsBucketId() ? 'uploads' : 'reports'}:${g.prefix}`;
    expect(new Set(grants.filter((g) => g.reads).map(key))).toEqual(new Set(['uploads:incoming/']));
    expect(new Set(grants.filter((g) => g.writes).map(key))).toEqual(new Set(['uploads:accepted/', 'uploads:rejected/', 'reports:upload-annotations/']));
    expect(grants.some((g) => g.deletes)).toBe(false);
    expect(grantsOf(validatorId()).every((g) => g.bucket !== 'other')).toBe(true);
  });
});

describe('the upload validator’s environment', () => {
  it('names both buckets it writes (the annotated copy goes to reports) and runs V8 with 2 MB semi-spaces, the other functions with Node’s default', () => {
    const variables = resource(validatorId()).Properties.Environment.Variables;
    expect(variables.UPLOADS_BUCKET).toEqual({ Ref: uploadsBucketId() });
    expect(variables.REPORTS_BUCKET).toEqual({ Ref: reportsBucketId() });
    expect(variables.NODE_OPTIONS).toBe('--max-semi-space-size=2');
    const others = Object.entries(built().stack.async.functions).filter(([name]) => name !== 'uploadValidator');
    for (const [name, fn] of others) expect(resource(logicalIdOf(fn)).Properties.Environment.Variables.NODE_OPTIONS, name).toBeUndefined();
  });
});

describe('the uploads HTTP function', () => {
  it('writes incoming/ only (presigned POSTs), reads accepted/ and rejected/ and the annotated copies (presigned GETs), deletes nothing', () => {
    const grants = grantsOf(uploadsFunctionId()).filter((g) => g.prefix !== null);
    const key = (g: { bucket: string; prefix: string | null }) => `${g.bucket === uploadsBucketId() ? 'uploads' : 'reports'}:${g.prefix}`;
    expect(new Set(grants.filter((g) => g.writes).map(key))).toEqual(new Set(['uploads:incoming/']));
    expect(new Set(grants.filter((g) => g.reads).map(key))).toEqual(new Set(['uploads:accepted/', 'uploads:rejected/', 'reports:upload-annotations/']));
    expect(grants.some((g) => g.deletes)).toBe(false);
    const variables = resource(uploadsFunctionId()).Properties.Environment.Variables;
    expect(variables.UPLOADS_BUCKET).toEqual({ Ref: uploadsBucketId() });
    expect(variables.REPORTS_BUCKET).toEqual({ Ref: reportsBucketId() });
  });

  it('is, with the reports and transcripts functions (test/infra/http-bucket-access.test.ts, transcript-exports.test.ts), the only HTTP function with any bucket grant', () => {
    for (const name of Object.keys(built().stack.functions)) {
      if (name === 'uploads' || name === 'reports' || name === 'transcripts') continue;
      expect(s3StatementsOf(logicalIdOf(built().stack.functions[name as 'roster'])), name).toEqual([]);
    }
    expect(functionId('uploads')).toBe('UploadsFunction');
  });
});
