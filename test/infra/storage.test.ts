import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDesign } from '../../functions/storage/table-design.js';
import { logicalIdOf, resourcesOfType, type SynthesisedXuewu, synthXuewu } from './support.js';

let synthesised: SynthesisedXuewu;
let template: Template;

beforeAll(() => {
  synthesised = synthXuewu();
  template = synthesised.template;
});
afterAll(() => synthesised?.cleanup());

const attributeType = { string: 'S', number: 'N', binary: 'B' } as const;

describe('table', () => {
  it('is the single table, keyed exactly as tableDesign says', () => {
    // Prepare
    const tables = resourcesOfType(template, 'AWS::DynamoDB::Table');
    const indexes = Object.entries(tableDesign.indexes);

    // Assess
    expect(tables).toHaveLength(1);
    const [, table] = tables[0]!;
    expect(table.Properties['KeySchema']).toEqual([
      { AttributeName: tableDesign.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: tableDesign.sortKey.name, KeyType: 'RANGE' },
    ]);
    expect(table.Properties['GlobalSecondaryIndexes']).toEqual(
      indexes.map(([indexName, index]) => ({
        IndexName: indexName,
        KeySchema: [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    const keys = [
      tableDesign.partitionKey,
      tableDesign.sortKey,
      ...indexes.flatMap(([, index]) => [index.partitionKey, index.sortKey]),
    ];
    expect(table.Properties['AttributeDefinitions']).toEqual(
      expect.arrayContaining(keys.map((key) => ({ AttributeName: key.name, AttributeType: attributeType[key.type] }))),
    );
    expect(table.Properties['AttributeDefinitions']).toHaveLength(keys.length);
  });

  it('is on demand, recoverable, encrypted, expires by TTL and survives stack deletion', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
        DeletionProtectionEnabled: true,
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});

describe('buckets', () => {
  const dataBuckets = () => {
    const { storage } = synthesised.stack;
    return {
      uploads: logicalIdOf(storage.uploadsBucket),
      reports: logicalIdOf(storage.reportsBucket),
      accessLogs: logicalIdOf(storage.accessLogsBucket),
    };
  };

  it('are exactly uploads, reports and their access-log bucket', () => {
    const ids = Object.values(dataBuckets());
    expect(resourcesOfType(template, 'AWS::S3::Bucket').map(([logicalId]) => logicalId).sort()).toEqual(ids.sort());
  });

  it('block all public access, are versioned, encrypted and retained', () => {
    const buckets = resourcesOfType(template, 'AWS::S3::Bucket');
    for (const [logicalId, bucket] of buckets) {
      expect(bucket.Properties['PublicAccessBlockConfiguration'], logicalId).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties['VersioningConfiguration'], logicalId).toEqual({ Status: 'Enabled' });
      expect(bucket.Properties['BucketEncryption'], logicalId).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      });
      expect(bucket.DeletionPolicy, logicalId).toBe('Retain');
    }
  });

  it('refuse requests without TLS (and TLS below 1.2) in their bucket policies', () => {
    const policies = resourcesOfType(template, 'AWS::S3::BucketPolicy');
    const bucketsWithPolicy = policies.map(([, policy]) => policy.Properties['Bucket']?.Ref as string);
    expect(bucketsWithPolicy.sort()).toEqual(Object.values(dataBuckets()).sort());
    for (const [logicalId, policy] of policies) {
      const statements = policy.Properties['PolicyDocument'].Statement as any[];
      expect(statements, logicalId).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
      expect(statements, logicalId).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
        }),
      );
    }
  });

  it('log server access of uploads and reports to the access-log bucket', () => {
    const ids = dataBuckets();
    for (const [name, prefix] of [
      ['uploads', 'uploads/'],
      ['reports', 'reports/'],
    ] as const) {
      const bucket = template.toJSON().Resources[ids[name]];
      expect(bucket.Properties.LoggingConfiguration).toEqual({
        DestinationBucketName: { Ref: ids.accessLogs },
        LogFilePrefix: prefix,
      });
      expect(bucket.Properties.LifecycleConfiguration.Rules).toContainEqual(
        expect.objectContaining({ NoncurrentVersionExpiration: expect.objectContaining({ NoncurrentDays: 90 }) }),
      );
    }
  });

  it('delete transcript workbooks 7 days after they are written, and nothing else of the reports bucket', () => {
    const ids = dataBuckets();
    const expiring = (name: 'uploads' | 'reports') =>
      (template.toJSON().Resources[ids[name]].Properties.LifecycleConfiguration.Rules as { ExpirationInDays?: number; Prefix?: string }[]).filter((rule) => rule.ExpirationInDays !== undefined);
    expect(expiring('reports')).toEqual([expect.objectContaining({ Prefix: 'transcripts/', ExpirationInDays: 7, Status: 'Enabled' })]);
    expect(expiring('uploads')).toEqual([]);
  });
});
