/**
 * Who the callers are: a Cognito user pool whose ID tokens carry the claims the handlers
 * authorise with.
 *
 * The contract with the handlers (and with the local runtime's token issuer):
 * - `sub`               the user's stable id
 * - `custom:tenantId`   the tenant (school group) the user belongs to; set by an admin at
 *                       creation, immutable
 * - `custom:unitId`     the unit (learning center, department) the user works in; admin-set
 * - `cognito:groups`    the user's roles, one user-pool group per role (`roleGroups`)
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { roles, type Role } from '../domain/access.js';

/** One user-pool group per role of the access policy; a user's roles arrive in `cognito:groups`. */
export const roleGroups = roles;
export type RoleGroup = Role;

/** Custom attribute names without the `custom:` prefix the claims carry. */
export const tenantIdAttribute = 'tenantId';
export const unitIdAttribute = 'unitId';

export class Auth extends Construct {
  public readonly userPool: UserPool;
  public readonly client: UserPoolClient;

  public constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      // Accounts are created by tenant admins (AdminCreateUser), never by sign-up.
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: false },
      autoVerify: { email: true },
      // A changed email only replaces the sign-in address once the new one is verified.
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        [tenantIdAttribute]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
        [unitIdAttribute]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional (TOTP only, no SMS cost): staff of small learning centers share devices and ' +
          'accounts are admin-created with strong passwords; tenants that need it enforce MFA per pool.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'Essentials tier: the Plus tier (threat protection) is priced per monthly active user and is not ' +
          'justified for admin-created staff accounts without self sign-up or federation.',
      },
    );

    roleGroups.forEach((role, index) => {
      this.userPool.addGroup(`Group-${role}`, {
        groupName: role,
        description: `Role: ${role}`,
        precedence: index,
      });
    });

    this.client = this.userPool.addClient('ApiClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      // Token refresh works with any auth flow; no hosted UI / OAuth flows are offered.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      // The ID token only carries attributes the client may read: the tenant and unit claims.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(tenantIdAttribute, unitIdAttribute),
      // Users must not move themselves to another unit or tenant: no custom attribute is
      // writable by the client (admins set them). Cognito requires required attributes
      // (email) to be writable.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
  }
}
