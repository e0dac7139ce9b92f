/**
 * Where the pagination cursor key comes from. On AWS the stack gives the functions that
 * page the ARN of a generated secret (CURSOR_KEY_SECRET_ARN) and read access to it; the
 * local runtime and the tests pass the key itself (CURSOR_KEY).
 */
import { deriveCursorKey } from './cursor.js';

export type CursorKeySource = { readonly secretArn: string } | { readonly secret: string };

export function cursorKeySourceFromEnv(env: NodeJS.ProcessEnv): CursorKeySource | undefined {
  const secretArn = env['CURSOR_KEY_SECRET_ARN'];
  if (secretArn) return { secretArn };
  const secret = env['CURSOR_KEY'];
  return secret ? { secret } : undefined;
}

async function fetchSecret(secretArn: string): Promise<string> {
  // Imported here, so a function that never hands out a cursor never evaluates the client.
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({});
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (!SecretString) throw new Error('the cursor key secret holds no string');
    return SecretString;
  } finally {
    client.destroy();
  }
}

/**
 * The key, loaded on first call and kept for the life of the process (a Lambda cold
 * start fetches the secret once). A failed fetch is not kept, so the next request retries.
 */
export function cursorKeyLoader(source: CursorKeySource | undefined): () => Promise<Buffer> {
  let loading: Promise<Buffer> | undefined;
  const load = async () => {
    if (source === undefined) throw new Error('no cursor key configured: set CURSOR_KEY_SECRET_ARN or CURSOR_KEY');
    return deriveCursorKey('secret' in source ? source.secret : await fetchSecret(source.secretArn));
  };
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
