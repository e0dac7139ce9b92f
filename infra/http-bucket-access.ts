/**
 * Bucket grants of HTTP functions, from their catalog row's `buckets` and nothing else:
 * object actions on the declared prefix only (no bucket-level List or GetBucket*, which
 * CDK's grantRead adds), and the bucket's name in `<BUCKET>_BUCKET`. A presigned URL is
 * signed with the function's credentials, so the URL can do no more than this grant.
 */
import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { BucketAccess } from '../functions/catalog.js';
import { bucketVariable } from '../functions/storage/s3-client.js';
import type { XuewuFunction } from './lambda-function.js';

export const httpBucketActions = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject'],
  'read-write': ['s3:GetObject', 's3:PutObject'],
} as const satisfies Record<BucketAccess['access'], readonly string[]>;

export function grantHttpBucketAccess(fn: XuewuFunction, bucket: IBucket, grant: BucketAccess): void {
  fn.addEnvironment(bucketVariable(grant.bucket), bucket.bucketName);
  const objects = `${grant.prefix}*`;
  fn.addToRolePolicy(new PolicyStatement({ actions: [...httpBucketActions[grant.access]], resources: [bucket.arnForObjects(objects)] }));
  const bucketArn = `<${Stack.of(fn).resolve(Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnElement))}.Arn>`;
  Validations.of(fn.role ?? fn).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${bucketArn}/${objects}]`,
    reason: `The catalog row grants the ${grant.bucket} bucket's ${grant.prefix} prefix only (${grant.access}); the objects under it are named at request time.`,
  });
}
