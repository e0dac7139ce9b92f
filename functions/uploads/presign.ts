/**
 * Presigned requests for the uploads bucket: a POST whose policy holds the exact key, the
 * content type and a size range, valid a few minutes; and short-lived GETs of the copies.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { BucketName } from '../catalog.js';
import { bucketClient } from '../storage/s3-client.js';

export interface PresignedPost {
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

export async function presignedPost(input: { key: string; contentType: string; maxBytes: number; expiresSeconds: number }): Promise<PresignedPost> {
  const { client, bucket } = bucketClient('uploads');
  // The presigner is built against its own copy of the S3 client's types; the client is the same at run time.
  return createPresignedPost(client as unknown as Parameters<typeof createPresignedPost>[0], {
    Bucket: bucket,
    Key: input.key,
    Conditions: [
      ['content-length-range', 1, input.maxBytes],
      ['eq', '$Content-Type', input.contentType],
    ],
    Fields: { 'Content-Type': input.contentType },
    Expires: input.expiresSeconds,
  });
}

export async function presignedGet(bucketName: BucketName, key: string, expiresSeconds: number, fileName: string): Promise<string> {
  const { client, bucket } = bucketClient(bucketName);
  const command = new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}` });
  return getSignedUrl(client, command, { expiresIn: expiresSeconds });
}
