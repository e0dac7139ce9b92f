/**
 * Data at rest: the single DynamoDB table, built from the shared key design
 * (functions/storage/table-design.ts), and the S3 buckets (uploads, reports, and the
 * bucket that receives their server access logs).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type BucketProps,
  type LifecycleRule,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { tableDesign } from '../functions/storage/table-design.js';
import { TRANSCRIPT_FILE_DAYS, TRANSCRIPTS_PREFIX } from '../functions/storage/transcript-export-keys.js';

/** The shape of tableDesign, loosened so the builder handles what the design may grow into. */
type KeyType = 'string' | 'number' | 'binary';
interface KeyDesign {
  readonly name: string;
  readonly type: KeyType;
}
interface IndexDesign {
  readonly type: 'global' | 'local';
  readonly partitionKey?: KeyDesign;
  readonly sortKey?: KeyDesign;
}
export interface TableDesignShape {
  readonly partitionKey: KeyDesign;
  readonly sortKey?: KeyDesign;
  readonly indexes: Readonly<Record<string, IndexDesign>>;
  readonly timeToLiveAttribute?: string;
}

const attributeTypes: Readonly<Record<KeyType, AttributeType>> = {
  string: AttributeType.STRING,
  number: AttributeType.NUMBER,
  binary: AttributeType.BINARY,
};
const attribute = (key: KeyDesign) => ({ name: key.name, type: attributeTypes[key.type] });

export interface StorageProps {
  /** @default tableDesign from functions/storage/table-design.ts */
  readonly design?: TableDesignShape;
}

export class Storage extends Construct {
  public readonly table: Table;
  public readonly uploadsBucket: Bucket;
  public readonly reportsBucket: Bucket;
  public readonly accessLogsBucket: Bucket;

  public constructor(scope: Construct, id: string, props: StorageProps = {}) {
    super(scope, id);
    const design: TableDesignShape = props.design ?? tableDesign;

    this.table = new Table(this, 'Table', {
      partitionKey: attribute(design.partitionKey),
      ...(design.sortKey ? { sortKey: attribute(design.sortKey) } : {}),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      ...(design.timeToLiveAttribute ? { timeToLiveAttribute: design.timeToLiveAttribute } : {}),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [indexName, index] of Object.entries(design.indexes)) {
      if (index.type === 'global') {
        if (!index.partitionKey) throw new Error(`Global index ${indexName} needs a partition key`);
        this.table.addGlobalSecondaryIndex({
          indexName,
          partitionKey: attribute(index.partitionKey),
          ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
          projectionType: ProjectionType.ALL,
        });
      } else {
        if (!index.sortKey) throw new Error(`Local index ${indexName} needs a sort key`);
        this.table.addLocalSecondaryIndex({
          indexName,
          sortKey: attribute(index.sortKey),
          projectionType: ProjectionType.ALL,
        });
      }
    }

    // Server access logs of the data buckets. S3 log delivery only supports SSE-S3 here.
    this.accessLogsBucket = new Bucket(this, 'AccessLogsBucket', {
      ...secureBucketDefaults,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        { id: 'expire-access-logs', expiration: Duration.days(365) },
        { id: 'expire-noncurrent', noncurrentVersionExpiration: Duration.days(30) },
      ],
    });
    // No access logs of its own: cdk-nag's S1 recognises a bucket that is the access-log
    // target of another bucket, and logging it into itself would log its own deliveries.

    this.uploadsBucket = new Bucket(this, 'UploadsBucket', {
      ...secureBucketDefaults,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'uploads/',
      lifecycleRules: dataBucketLifecycle,
    });
    this.reportsBucket = new Bucket(this, 'ReportsBucket', {
      ...secureBucketDefaults,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'reports/',
      lifecycleRules: [
        ...dataBucketLifecycle,
        // a transcript workbook is collected within days (transcript-export-keys.ts); term reports stay
        { id: 'expire-transcript-exports', prefix: TRANSCRIPTS_PREFIX, expiration: Duration.days(TRANSCRIPT_FILE_DAYS) },
      ],
    });
  }
}

const secureBucketDefaults = {
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  encryption: BucketEncryption.S3_MANAGED,
  versioned: true,
  removalPolicy: RemovalPolicy.RETAIN,
  autoDeleteObjects: false,
} as const satisfies BucketProps;

const dataBucketLifecycle: LifecycleRule[] = [
  {
    id: 'expire-noncurrent-versions',
    noncurrentVersionExpiration: Duration.days(90),
    noncurrentVersionsToRetain: 3,
  },
  { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
];
