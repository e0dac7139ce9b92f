/**
 * The key that seals pagination cursors (functions/storage/cursor.ts): a secret the stack
 * generates, read only by the functions whose catalog row says they page results.
 */
import { Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

/** Where a paging function finds the secret; it fetches the value once per cold start. */
export const CURSOR_KEY_SECRET_ARN = 'CURSOR_KEY_SECRET_ARN';

export function cursorKeySecret(scope: Construct, id: string): Secret {
  const secret = new Secret(scope, id, {
    description: 'Xuewu: key that seals pagination cursors (AES-256-GCM, derived with HKDF)',
    // 64 letters and digits, about 380 bits: no punctuation, so no quoting trouble anywhere.
    generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'A MAC/encryption key for pagination cursors only, not a credential: a new key merely ends the cursors open at the time ' +
      '(clients list again from the first page), so no rotation Lambda is needed; the cursor format is versioned (v1.) for a later rotation.',
  });
  return secret;
}
