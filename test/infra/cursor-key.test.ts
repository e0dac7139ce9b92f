import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type HttpFunctionName, type HttpFunctionSpec, httpFunctions } from '../../functions/catalog.js';
import { repositoryRoot } from '../../infra/xuewu-stack.js';
import { logicalIdOf, resourcesOfType, synthesisedForFile, synthXuewu } from './support.js';

const synthesised = synthesisedForFile();

const catalog = Object.entries(httpFunctions) as [HttpFunctionName, HttpFunctionSpec][];
const secretId = () => logicalIdOf(synthesised().stack.cursorKey!);
const functionJson = (name: HttpFunctionName) => synthesised().template.toJSON().Resources[logicalIdOf(synthesised().stack.functions[name])];
/** Every IAM statement in the template that names the secret, with the roles its policy is attached to. */
const statementsOnSecret = () =>
  resourcesOfType(synthesised().template, 'AWS::IAM::Policy').flatMap(([, policy]) =>
    (policy.Properties['PolicyDocument'].Statement as any[])
      .filter((statement) => JSON.stringify(statement.Resource).includes(secretId()))
      .map((statement) => ({ statement, roles: policy.Properties['Roles'] as unknown[] })),
  );

describe('the pagination cursor key', () => {
  it('is one generated secret of 64 letters and digits, with no value in the template', () => {
    const secrets = resourcesOfType(synthesised().template, 'AWS::SecretsManager::Secret');
    expect(secrets.map(([logicalId]) => logicalId)).toEqual([secretId()]);
    const [, secret] = secrets[0]!;
    expect(secret.Properties['GenerateSecretString']).toEqual({ PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false });
    expect(secret.Properties['SecretString']).toBeUndefined();
    expect(resourcesOfType(synthesised().template, 'AWS::SecretsManager::ResourcePolicy')).toEqual([]);
  });

  it('is read by the functions that page results, and no other role', () => {
    const paging = catalog.filter(([, spec]) => spec.pagesResults).map(([name]) => name);
    expect(paging.sort()).toEqual(['academics', 'findings', 'privacy', 'records', 'uploads']);
    const pagingRoles = paging.map((name) => functionJson(name).Properties.Role['Fn::GetAtt'][0] as string);
    const readers = statementsOnSecret();
    expect(readers.flatMap((r) => r.roles.map((role) => (role as { Ref: string }).Ref)).sort()).toEqual(pagingRoles.sort());
    for (const { statement } of readers) {
      expect(statement).toEqual({
        Effect: 'Allow',
        Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
        Resource: { Ref: secretId() },
      });
    }
  });

  it.each(catalog)('is named in the environment of %s exactly when it pages results', (name, spec) => {
    const variables = functionJson(name).Properties.Environment.Variables;
    if (spec.pagesResults) expect(variables['CURSOR_KEY_SECRET_ARN']).toEqual({ Ref: secretId() });
    else expect(variables).not.toHaveProperty('CURSOR_KEY_SECRET_ARN');
    expect(variables).not.toHaveProperty('CURSOR_KEY');
  });

  it.each(catalog)('can be read by the code of %s exactly when it pages results', (name, spec) => {
    // The Secrets Manager client is bundled only into the entries that pass the reader.
    const source = fs.readFileSync(path.join(repositoryRoot, spec.entry), 'utf8');
    expect(source.includes('fromEnvironment({ readSecret: readSecretString })'), name).toBe(spec.pagesResults === true);
  });

  it('is not created when no function pages results', () => {
    const functions = Object.fromEntries(catalog.map(([name, { pagesResults: _, ...spec }]) => [name, spec])) as Record<HttpFunctionName, HttpFunctionSpec>;
    const other = synthXuewu({ stackProps: { functions } });
    try {
      expect(other.stack.cursorKey).toBeUndefined();
      expect(resourcesOfType(other.template, 'AWS::SecretsManager::Secret')).toEqual([]);
    } finally {
      other.cleanup();
    }
  });
});
