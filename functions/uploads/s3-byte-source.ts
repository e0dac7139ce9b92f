/** An uploaded object as a `ByteSource`: every read one ranged GET, never the whole object. */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { ByteSource } from '../../domain/uploads/ports.js';
import type { BucketClient } from '../storage/s3-client.js';

export interface CountingByteSource extends ByteSource {
  /** Bytes fetched so far (the bench reports it per validation). */
  readonly bytesRead: number;
}

export function s3ByteSource(bucket: BucketClient, key: string, size: number, etag: string): CountingByteSource {
  let bytesRead = 0;
  return {
    size,
    get bytesRead() {
      return bytesRead;
    },
    async read(start, end) {
      const from = Math.max(0, start);
      const to = Math.min(end, size);
      if (to <= from) return new Uint8Array(0);
      // IfMatch: every range comes from the object validated, not a newer one sent meanwhile.
      const answer = await bucket.client.send(new GetObjectCommand({ Bucket: bucket.bucket, Key: key, Range: `bytes=${from}-${to - 1}`, IfMatch: etag }));
      const bytes = await answer.Body!.transformToByteArray();
      bytesRead += bytes.length;
      return bytes;
    },
  };
}
