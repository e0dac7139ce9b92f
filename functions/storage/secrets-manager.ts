/**
 * Reads a secret's string from Secrets Manager. Only the entries of functions that hand
 * out cursors import this module, so the client stays out of every other bundle; and
 * it is imported on first use, so even those load no faster or slower until they page.
 */
export async function readSecretString(secretArn: string): Promise<string> {
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({});
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (!SecretString) throw new Error('the secret holds no string');
    return SecretString;
  } finally {
    client.destroy();
  }
}
