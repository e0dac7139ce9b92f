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

export interface S3Local {
  readonly endpoint: string;
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
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
