/**
 * Bucket grants of HTTP functions as the stack builds them from the catalog's `buckets`:
 * the reports function may read objects under `term-reports/` of the reports bucket and
 * nothing else of any bucket; functions that declare no bucket get no S3 action at all.
 */
import { describe, expect, it } from 'vitest';
import { httpFunctions, type HttpFunctionName, type HttpFunctionSpec } from '../../functions/catalog.js';
import { logicalIdOf, resourcesOfType, synthesisedForFile } from './support.js';

const built = synthesisedForFile();
const resource = (logicalId: string) => built().template.toJSON().Resources[logicalId];
const idOf = (name: HttpFunctionName) => logicalIdOf(built().stack.functions[name]);

function statementsOf(name: HttpFunctionName): any[] {
  const roleId = resource(idOf(name)).Properties.Role['Fn::GetAtt'][0] as string;
  return resourcesOfType(built().template, 'AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties['Roles'] as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap(([, policy]) => policy.Properties['PolicyDocument'].Statement as any[]);
}

const s3Statements = (name: HttpFunctionName) => statementsOf(name).filter((s) => JSON.stringify(s.Action).includes('s3:'));

describe('the reports function’s bucket grant', () => {
  it('is s3:GetObject on term-reports/* of the reports bucket, and nothing else of S3', () => {
    const bucketId = logicalIdOf(built().stack.storage.reportsBucket);
    expect(s3Statements('reports')).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/term-reports/*']] },
      },
    ]);
  });

  it('names the reports bucket in REPORTS_BUCKET and no other bucket', () => {
    const variables = resource(idOf('reports')).Properties.Environment.Variables;
    expect(variables.REPORTS_BUCKET).toEqual({ Ref: logicalIdOf(built().stack.storage.reportsBucket) });
    expect(variables).not.toHaveProperty('UPLOADS_BUCKET');
  });
});

describe('HTTP functions that declare no bucket', () => {
  const without = (Object.entries(httpFunctions) as [HttpFunctionName, HttpFunctionSpec][]).filter(([, spec]) => (spec.buckets ?? []).length === 0).map(([name]) => name);

  it.each(without)('%s gets no S3 action', (name) => {
    expect(s3Statements(name)).toEqual([]);
  });
});
