/**
 * s3rver as the local S3, with the buckets the stack defines.
 *
 * Clients talking to it must turn off the SDK's flexible checksums (see
 * `localS3ClientSettings`), and the process needs `--openssl-legacy-provider` for
 * ListObjectsV2 pagination (both from shared/STACK.md).
 */
import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import { freePort } from './process-helpers.js';

export const localBuckets = { uploads: 'xuewu-uploads', reports: 'xuewu-reports' } as const;

export { localS3ClientSettings } from '../../functions/storage/s3-client.js';

/** One record of s3rver's notification, as s3rver shapes it (its key not URL-encoded). */
export interface S3LocalEventRecord {
  readonly eventName: string;
  readonly s3: { readonly bucket: { readonly name: string }; readonly object: { readonly key: string; readonly size?: number; readonly eTag?: string; readonly sequencer: string } };
}

export interface S3Local {
  readonly endpoint: string;
  /** Calls the listener with every object event s3rver fires (put, POST, copy, delete). */
  onEvent(listener: (record: S3LocalEventRecord) => void): void;
  stop(): Promise<void>;
}

export async function startS3Local(options: { dataDir: string; port?: number }): Promise<S3Local> {
  mkdirSync(options.dataDir, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? (await freePort()),
    silent: true,
    directory: options.dataDir,
    configureBuckets: Object.values(localBuckets).map((name) => ({ name })),
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    onEvent: (listener) => void server.on('event', (event) => (event.Records as S3LocalEventRecord[]).forEach(listener)),
    stop: () => server.close(),
  };
}
