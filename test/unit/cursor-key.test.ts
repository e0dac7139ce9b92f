/** Where the cursor key comes from: Secrets Manager on AWS (mocked here), the environment locally. */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { deriveCursorKey } from '../../functions/storage/cursor.js';
import { cursorKeyLoader, cursorKeySourceFromEnv } from '../../functions/storage/cursor-key.js';
import { readSecretString } from '../../functions/storage/secrets-manager.js';

const secretsManager = mockClient(SecretsManagerClient);
afterAll(() => secretsManager.restore());
beforeEach(() => secretsManager.reset());

const secretArn = 'arn:aws:secretsmanager:ap-east-1:123456789012:secret:CursorKey-AbCdEf';
const secret = 'k'.repeat(64);

describe('the cursor key', () => {
  it('is read from the secret named in CURSOR_KEY_SECRET_ARN, else taken from CURSOR_KEY', () => {
    expect(cursorKeySourceFromEnv({ CURSOR_KEY_SECRET_ARN: secretArn, CURSOR_KEY: secret })).toEqual({ secretArn });
    expect(cursorKeySourceFromEnv({ CURSOR_KEY: secret })).toEqual({ secret });
    expect(cursorKeySourceFromEnv({ CURSOR_KEY: '' })).toBeUndefined();
  });

  it('is fetched from Secrets Manager once per process, however often it is used', async () => {
    secretsManager.on(GetSecretValueCommand, { SecretId: secretArn }).resolves({ SecretString: secret });
    const load = cursorKeyLoader({ secretArn }, readSecretString);
    const [first, second] = await Promise.all([load(), load()]);
    expect(await load()).toBe(first);
    expect(second).toBe(first);
    expect(first.equals(deriveCursorKey(secret))).toBe(true);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('is fetched again after a failed fetch, not kept failing', async () => {
    secretsManager.on(GetSecretValueCommand).rejectsOnce(new Error('throttled')).resolves({ SecretString: secret });
    const load = cursorKeyLoader({ secretArn }, readSecretString);
    await expect(load()).rejects.toThrow('throttled');
    expect((await load()).equals(deriveCursorKey(secret))).toBe(true);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('comes from the environment without calling Secrets Manager, and is missed loudly when unset', async () => {
    expect((await cursorKeyLoader({ secret }, readSecretString)()).equals(deriveCursorKey(secret))).toBe(true);
    await expect(cursorKeyLoader(undefined, readSecretString)()).rejects.toThrow(/no cursor key configured/);
    // A function whose entry brings no secret reader (its catalog row does not page) cannot fetch one.
    await expect(cursorKeyLoader({ secretArn })()).rejects.toThrow(/without a secret reader/);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });
});
