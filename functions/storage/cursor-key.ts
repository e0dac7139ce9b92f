/**
 * Where the pagination cursor key comes from. On AWS the stack gives the functions that
 * page the ARN of a generated secret (CURSOR_KEY_SECRET_ARN) and read access to it, and
 * their entries pass the reader; the local runtime and the tests pass the key itself
 * (CURSOR_KEY).
 */
import { deriveCursorKey } from './cursor.js';

export type CursorKeySource = { readonly secretArn: string } | { readonly secret: string };

export function cursorKeySourceFromEnv(env: NodeJS.ProcessEnv): CursorKeySource | undefined {
  const secretArn = env['CURSOR_KEY_SECRET_ARN'];
  if (secretArn) return { secretArn };
  const secret = env['CURSOR_KEY'];
  return secret ? { secret } : undefined;
}

/** How a function reads a secret by its ARN (functions/storage/secrets-manager.ts on AWS). */
export type SecretReader = (secretArn: string) => Promise<string>;

/**
 * The key, loaded on first call and kept for the life of the process (a Lambda cold
 * start fetches the secret once). A failed fetch is not kept, so the next request retries.
 */
export function cursorKeyLoader(source: CursorKeySource | undefined, readSecret?: SecretReader): () => Promise<Buffer> {
  let loading: Promise<Buffer> | undefined;
  const load = async () => {
    if (source === undefined) throw new Error('no cursor key configured: set CURSOR_KEY_SECRET_ARN or CURSOR_KEY');
    if ('secret' in source) return deriveCursorKey(source.secret);
    if (readSecret === undefined) throw new Error('CURSOR_KEY_SECRET_ARN is set, but this function was built without a secret reader');
    return deriveCursorKey(await readSecret(source.secretArn));
  };
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
