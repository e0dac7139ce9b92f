/**
 * Development tokens for the local runtime.
 *
 * On AWS, API Gateway's JWT authorizer verifies Cognito ID tokens. Locally we play both
 * parts: sign tokens with a key generated on first start (kept in the data folder, so
 * tokens survive a restart) and verify them the way the authorizer would, with the
 * same claim names the handlers read.
 */
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { Role } from '../../domain/access.js';
import { claimNames } from '../../functions/http/kit/principal.js';
import { readOrCreateKeyFile } from './key-file.js';

export const localIssuer = 'urn:xuewu:local-issuer';
export const localAudience = 'xuewu-local';
const algorithm = 'ES256';

export interface DevIdentity {
  readonly userId: string;
  readonly tenantId: string;
  readonly unitId?: string;
  readonly roles: readonly Role[];
}

export interface DevAuth {
  issue(identity: DevIdentity, lifetime?: string): Promise<string>;
  /** The verified claims, or undefined when the token is missing, forged or expired. */
  verify(token: string): Promise<JWTPayload | undefined>;
}

async function loadOrCreateKeys(keyFile: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const stored = await readOrCreateKeyFile(keyFile, async () => {
    const { privateKey, publicKey } = await generateKeyPair(algorithm, { extractable: true });
    return JSON.stringify({ privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) });
  });
  return JSON.parse(stored);
}

export async function devAuth(keyFile: string): Promise<DevAuth> {
  const { privateJwk, publicJwk } = await loadOrCreateKeys(keyFile);
  const privateKey = await importJWK(privateJwk, algorithm);
  const publicKey = await importJWK(publicJwk, algorithm);
  return {
    issue: (identity, lifetime = '12h') =>
      new SignJWT({
        [claimNames.tenantId]: identity.tenantId,
        ...(identity.unitId !== undefined ? { [claimNames.unitId]: identity.unitId } : {}),
        [claimNames.roles]: [...identity.roles],
        token_use: 'id',
      })
        .setProtectedHeader({ alg: algorithm })
        .setSubject(identity.userId)
        .setIssuer(localIssuer)
        .setAudience(localAudience)
        .setIssuedAt()
        .setExpirationTime(lifetime)
        .sign(privateKey),
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(token, publicKey, { issuer: localIssuer, audience: localAudience });
        return payload;
      } catch {
        return undefined;
      }
    },
  };
}
