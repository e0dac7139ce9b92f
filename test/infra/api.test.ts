import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type HttpFunctionName,
  type HttpFunctionSpec,
  httpFunctions,
  httpRoutes,
  routeKeyOf,
} from '../../functions/catalog.js';
import { roleGroups, tenantIdAttribute, unitIdAttribute } from '../../infra/auth.js';
import { tableActions } from '../../infra/lambda-function.js';
import { logicalIdOf, resourcesOfType, type SynthesisedXuewu, synthXuewu } from './support.js';

let synthesised: SynthesisedXuewu;
let template: Template;

beforeAll(() => {
  synthesised = synthXuewu();
  template = synthesised.template;
});
afterAll(() => synthesised?.cleanup());

const catalog = Object.entries(httpFunctions) as [HttpFunctionName, HttpFunctionSpec][];
const resource = (logicalId: string) => template.toJSON().Resources[logicalId];
const functionId = (name: HttpFunctionName) => logicalIdOf(synthesised.stack.functions[name]);
const tableId = () => logicalIdOf(synthesised.stack.storage.table);

describe('functions', () => {
  it('are one Lambda per catalog entry, and nothing else', () => {
    // CDK's own handler that puts the uploads bucket's notification configuration (one per stack) is no catalog entry.
    const ids = resourcesOfType(template, 'AWS::Lambda::Function').map(([logicalId]) => logicalId).filter((id) => !id.startsWith('BucketNotificationsHandler'));
    const asyncIds = Object.values(synthesised.stack.async.functions).map((fn) => logicalIdOf(fn));
    expect(ids.sort()).toEqual([...catalog.map(([name]) => functionId(name)), ...asyncIds].sort());
  });

  it.each(catalog)('%s runs Node.js 22 on arm64 with the project defaults', (name, spec) => {
    const fn = resource(functionId(name));
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 10,
      Description: spec.description,
      Environment: {
        Variables: {
          TABLE_NAME: { Ref: tableId() },
          POWERTOOLS_SERVICE_NAME: 'xuewu',
          LOG_LEVEL: 'INFO',
        },
      },
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO' },
    });
    expect(fn.Properties.TracingConfig).toBeUndefined();
    const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
    expect(resource(logGroupId)).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 90 } });
  });

  it.each(catalog)(
    '%s may write its own log group and touch the table as its dataAccess says, nothing else',
    (name, spec) => {
      // Prepare
      const fn = resource(functionId(name));
      const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
      const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      const role = resource(roleId);
      const statements = resourcesOfType(template, 'AWS::IAM::Policy')
        .filter(([, policy]) => (policy.Properties['Roles'] as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
        .flatMap(([, policy]) => policy.Properties['PolicyDocument'].Statement as any[])
        // Bucket grants follow the row's `buckets` (test/infra/uploads.test.ts).
        .filter((statement) => !JSON.stringify(statement.Action).includes('s3:'));
      const tableArn = { 'Fn::GetAtt': [tableId(), 'Arn'] };

      // Assess
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
      ]);
      // A function that pages results also reads the cursor key (test/infra/cursor-key.test.ts).
      // One that starts runs may send to its declared queues (test/infra/async-functions.test.ts).
      const sends = 'sendsTo' in spec && spec.sendsTo !== undefined && spec.sendsTo.length > 0 ? 1 : 0;
      // Bucket statements, filtered out above, follow the row's `buckets` (test/infra/http-bucket-access.test.ts).
      expect(statements).toHaveLength((spec.pagesResults ? 3 : 2) + sends);
      expect(statements).toContainEqual({
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
      });
      expect(statements).toContainEqual({
        Effect: 'Allow',
        Action: [...tableActions[spec.dataAccess]].sort(),
        Resource: [tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }],
      });
      const granted = JSON.stringify(statements);
      expect(granted).not.toContain('dynamodb:Scan');
      if (spec.dataAccess === 'read-only') {
        expect(granted).not.toMatch(/dynamodb:(Put|Update|Delete|BatchWrite)/);
      }
      for (const bucket of ['uploadsBucket', 'reportsBucket', 'accessLogsBucket'] as const) {
        expect(granted).not.toContain(logicalIdOf(synthesised.stack.storage[bucket]));
      }
      expect(granted).not.toMatch(/"s3:|"Resource":"\*"/);
    },
  );
});

describe('HTTP API', () => {
  const authorizerId = () => {
    const authorizers = resourcesOfType(template, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    return authorizers[0]![0];
  };

  it('has one route per catalog row, each JWT-authorised and integrated with its function', () => {
    // Prepare
    const routes = resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);
    const integrationUri = (target: any) => {
      const integrationId = target['Fn::Join'][1][1].Ref as string;
      return resource(integrationId).Properties.IntegrationUri;
    };

    // Assess
    expect(routes.map((route) => route['RouteKey']).sort()).toEqual(httpRoutes.map(routeKeyOf).sort());
    for (const spec of httpRoutes) {
      const route = routes.find((r) => r['RouteKey'] === routeKeyOf(spec))!;
      expect(route['AuthorizationType'], routeKeyOf(spec)).toBe('JWT');
      expect(route['AuthorizerId'], routeKeyOf(spec)).toEqual({ Ref: authorizerId() });
      expect(integrationUri(route['Target']), routeKeyOf(spec)).toEqual({
        'Fn::GetAtt': [functionId(spec.function), 'Arn'],
      });
    }
  });

  it('leaves no route open', () => {
    for (const [logicalId, route] of resourcesOfType(template, 'AWS::ApiGatewayV2::Route')) {
      expect(route.Properties['AuthorizationType'], logicalId).toBe('JWT');
    }
  });

  it('has one Lambda proxy integration per function (payload 2.0)', () => {
    const integrations = resourcesOfType(template, 'AWS::ApiGatewayV2::Integration');
    expect(integrations).toHaveLength(catalog.length);
    for (const [, integration] of integrations) {
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    }
  });

  it('accepts only ID/access tokens of the stack user pool and its client', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalIdOf(synthesised.stack.auth.client) }],
        Issuer: {
          'Fn::Join': ['', Match.arrayWith([{ Ref: logicalIdOf(synthesised.stack.auth.userPool) }])],
        },
      },
    });
  });

  it('logs access to a log group and throttles on its default stage, without CORS', () => {
    const stages = resourcesOfType(template, 'AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    const [, stage] = stages[0]!;
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [logicalIdOf(synthesised.stack.api.accessLogGroup), 'Arn'] },
      },
    });
    expect(JSON.parse(stage.Properties['AccessLogSettings'].Format)).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.absent(),
    });
  });
});

describe('user pool', () => {
  it('admits admin-created users only, with a strong password policy', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: Match.anyValue(),
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
    const [, pool] = resourcesOfType(template, 'AWS::Cognito::UserPool')[0]!;
    expect(pool.Properties['Policies'].PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
    expect(pool.DeletionPolicy).toBe('Retain');
  });

  it('carries an immutable tenantId and an admin-set unitId', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        Match.objectLike({ Name: tenantIdAttribute, AttributeDataType: 'String', Mutable: false }),
        Match.objectLike({ Name: unitIdAttribute, AttributeDataType: 'String', Mutable: true }),
      ]),
    });
  });

  it('has one group per role', () => {
    const groups = resourcesOfType(template, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties['GroupName']);
    expect(groups.sort()).toEqual([...roleGroups].sort());
  });

  it('has a secretless SRP client whose ID tokens carry the tenant and unit claims it cannot write', () => {
    const clients = resourcesOfType(template, 'AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(1);
    const [, client] = clients[0]!;
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      ExplicitAuthFlows: expect.arrayContaining(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      ReadAttributes: expect.arrayContaining([`custom:${tenantIdAttribute}`, `custom:${unitIdAttribute}`]),
    });
    expect(client.Properties['ExplicitAuthFlows']).toHaveLength(2);
    expect(client.Properties['WriteAttributes']).toBeDefined();
    expect((client.Properties['WriteAttributes'] as string[]).filter((a) => a.startsWith('custom:'))).toEqual([]);
  });
});

describe('outputs', () => {
  it('name the API URL, user pool, client, table and buckets', () => {
    const { stack } = synthesised;
    const outputs = template.toJSON().Outputs;
    expect(outputs.UserPoolId.Value).toEqual({ Ref: logicalIdOf(stack.auth.userPool) });
    expect(outputs.UserPoolClientId.Value).toEqual({ Ref: logicalIdOf(stack.auth.client) });
    expect(outputs.TableName.Value).toEqual({ Ref: logicalIdOf(stack.storage.table) });
    expect(outputs.UploadsBucketName.Value).toEqual({ Ref: logicalIdOf(stack.storage.uploadsBucket) });
    expect(outputs.ReportsBucketName.Value).toEqual({ Ref: logicalIdOf(stack.storage.reportsBucket) });
    expect(JSON.stringify(outputs.ApiUrl.Value)).toContain(logicalIdOf(stack.api.httpApi));
    expect(JSON.stringify(outputs.JwtIssuer.Value)).toContain(logicalIdOf(stack.auth.userPool));
  });
});
