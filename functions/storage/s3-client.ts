/**
 * The S3 client of a function that declares bucket access, built from its environment:
 * on Lambda the bucket's name (`REPORTS_BUCKET`, set by the stack from the catalog row);
 * locally also `S3_ENDPOINT`, s3rver, which needs path-style addressing and the SDK's
 * flexible checksums off (streamed uploads are stored corrupted otherwise; STACK.md).
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { BucketName } from '../catalog.js';

/** Settings for a client talking to s3rver (which knows one key pair, its own). */
export const localS3ClientSettings = {
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
} as const;

/** The environment variable holding a bucket's name: `reports` → `REPORTS_BUCKET` (the stack sets it from the row). */
export const bucketVariable = (bucket: BucketName): string => `${bucket.toUpperCase()}_BUCKET`;

export interface BucketClient {
  readonly client: S3Client;
  readonly bucket: string;
}

const clients = new Map<string, BucketClient>();

/** The bucket's client, built once per process for each endpoint and bucket. */
export function bucketClient(bucket: BucketName, env: NodeJS.ProcessEnv = process.env): BucketClient {
  const name = env[bucketVariable(bucket)];
  if (name === undefined || name === '') throw new Error(`${bucketVariable(bucket)} is not set: the catalog row does not declare this bucket`);
  const endpoint = env['S3_ENDPOINT'];
  const key = JSON.stringify([name, endpoint]);
  let built = clients.get(key);
  if (built === undefined) {
    built = { bucket: name, client: new S3Client(endpoint ? { endpoint, ...localS3ClientSettings } : {}) };
    clients.set(key, built);
  }
  return built;
}
