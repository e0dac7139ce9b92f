import fs from 'node:fs';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXuewu, logicalIdOf } from './support.js';

type Built = ReturnType<typeof buildXuewu>;
let built: Built;

beforeAll(() => {
  built = buildXuewu({ nag: true });
  // Synthesis runs the registered cdk-nag pack and throws on any unacknowledged error.
  built.app.synth();
});
afterAll(() => built?.cleanup());

/** Every acknowledgement in the tree: `{ path, id, reason }`. */
function acknowledgements(root: IConstruct) {
  return root.node
    .findAll()
    .flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) =>
          Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
            path: construct.node.path,
            id: id.replace(/^annotation::/i, ''),
            reason,
          })),
        ),
    );
}

describe('cdk-nag AWS Solutions checks', () => {
  it('find no unacknowledged error or warning', () => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(built.app);

    // Assess
    expect(report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('leave no error annotation and no AwsSolutions warning on the stack', () => {
    const annotations = Annotations.fromStack(built.stack);
    annotations.hasNoError('*', Match.anyValue());
    annotations.hasNoWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'));
  });

  it('reported nothing into the cloud assembly validation report', () => {
    const report = JSON.parse(fs.readFileSync(path.join(built.outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { summary?: { status?: string }; violations?: unknown[] }[];
    };
    for (const pluginReport of report.pluginReports) {
      expect(pluginReport.violations ?? []).toEqual([]);
    }
  });

  it('are acknowledged only where reviewed, each with a concrete reason', () => {
    // Prepare
    const found = acknowledgements(built.app).filter((a) => a.id.startsWith('AwsSolutions-'));
    const tableId = logicalIdOf(built.stack.storage.table);

    // Assess: a new suppression must be added here on purpose, with its review.
    expect([...new Set(found.map((a) => a.id))].sort()).toEqual(
      [
        'AwsSolutions-COG2',
        'AwsSolutions-COG8',
        `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
        'AwsSolutions-L1',
        'AwsSolutions-SMG4',
        // Each dead-letter queue (reviewed: it is the end of the line, infra/async-functions.ts).
        'AwsSolutions-SQS3',
        // The schedule's own role may invoke its function and the function's versions.
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(built.stack.async.functions['dailyRun']!)}.Arn>:*]`,
        // The report function puts objects under its row's prefix of the reports bucket (s3:PutObject* and s3:Abort* for multipart uploads).
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(built.stack.storage.reportsBucket)}.Arn>/term-reports/*]`,
        'AwsSolutions-IAM5[Action::s3:Abort*]',
        // Uploads (issue #12): the validator and the uploads HTTP function hold their rows' prefixes only (test/infra/uploads.test.ts).
        ...['incoming', 'accepted', 'rejected'].map((prefix) => `AwsSolutions-IAM5[Resource::<${logicalIdOf(built.stack.storage.uploadsBucket)}.Arn>/${prefix}/*]`),
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(built.stack.storage.reportsBucket)}.Arn>/upload-annotations/*]`,
        // Transcript exports (issue #11): the export job puts, the transcripts HTTP function gets, under transcripts/ only (test/infra/transcript-exports.test.ts).
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(built.stack.storage.reportsBucket)}.Arn>/transcripts/*]`,
        'AwsSolutions-IAM5[Action::s3:GetObject*]',
        'AwsSolutions-IAM5[Action::s3:GetBucket*]',
        'AwsSolutions-IAM5[Action::s3:List*]',
        // CDK's bucket-notifications handler (deployment time only): its logs, and s3:PutBucketNotification.
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'AwsSolutions-IAM5[Resource::*]',
      ].sort(),
    );
    for (const a of found) {
      expect(a.reason.length, `${a.path} ${a.id}`).toBeGreaterThan(60);
    }
    // IAM5 is acknowledged on the function roles only, not stack-wide.
    for (const a of found.filter((x) => x.id.startsWith('AwsSolutions-IAM5'))) {
      expect(a.path).toMatch(/Function(Role)?$|SchedulerRole$|\/BucketNotificationsHandler[0-9a-f]{32}$/);
    }
  });

  it('fail synthesis when a finding is not acknowledged', () => {
    // Prepare: the same app plus a bucket without access logs (AwsSolutions-S1).
    const other = buildXuewu({ nag: true });
    try {
      new Bucket(other.stack, 'UnloggedBucket', { enforceSSL: true });

      // Act / Assess
      expect(() => other.app.synth()).toThrow(/AwsSolutions-S1/);
    } finally {
      other.cleanup();
    }
  });
});
