/**
 * The caller, from the claims API Gateway's JWT authorizer has already verified
 * (locally, the same claims from the development token the local runtime verifies).
 *
 * The contract with the identity provider (Cognito ID tokens): `sub`,
 * `custom:tenantId`, `custom:unitId` and the roles as `cognito:groups`.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { roles, type Principal, type Role } from '../../../domain/access.js';
import { bilingual } from '../../../domain/bilingual.js';
import { UnauthorizedError } from './problem.js';

export const claimNames = {
  userId: 'sub',
  tenantId: 'custom:tenantId',
  unitId: 'custom:unitId',
  roles: 'cognito:groups',
} as const;

/**
 * Roles exactly as API Gateway passes Cognito's `cognito:groups`: an HTTP API JWT
 * authorizer hands an array claim to the function as one string, `[class-teacher counselor]`
 * (group names hold no whitespace); a direct invocation may pass a real array. Only exact
 * role names count: a group named `class-teacher,tenant-admin` is one unknown group, not
 * two roles.
 */
function parseRoles(claim: unknown): Role[] {
  const bracketed = typeof claim === 'string' ? /^\[(.*)\]$/s.exec(claim) : null;
  const names: unknown[] = Array.isArray(claim) ? claim : bracketed !== null ? (bracketed[1] ?? '').split(/\s+/) : typeof claim === 'string' ? [claim] : [];
  return names.filter((name): name is Role => typeof name === 'string' && (roles as readonly string[]).includes(name));
}

export function principalOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): Principal {
  const claims: Record<string, unknown> = event.requestContext?.authorizer?.jwt?.claims ?? {};
  const userId = claims[claimNames.userId];
  const tenantId = claims[claimNames.tenantId];
  const unitId = claims[claimNames.unitId];
  if (typeof userId !== 'string' || userId === '' || typeof tenantId !== 'string' || tenantId === '') {
    throw new UnauthorizedError(bilingual('The token carries no user or tenant.', '令牌中没有用户或机构信息。'));
  }
  return {
    userId,
    tenantId,
    ...(typeof unitId === 'string' && unitId !== '' ? { unitId } : {}),
    roles: parseRoles(claims[claimNames.roles]),
  };
}
