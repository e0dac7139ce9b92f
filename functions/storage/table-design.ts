/**
 * The single table's key design, as plain data.
 *
 * One definition serves three places, so they can never drift apart:
 * the CDK stack (infra/), the local runtime and test harness that create the table in
 * DynamoDB Local (scripts/local/), and the dynamodb-toolbox Table the handlers use.
 */
export const tableDesign = {
  partitionKey: { name: 'pk', type: 'string' },
  sortKey: { name: 'sk', type: 'string' },
  indexes: {
    /** Items listed under a parent other than their own partition (e.g. the students of a class). */
    byParent: {
      type: 'global',
      partitionKey: { name: 'gsi1pk', type: 'string' },
      sortKey: { name: 'gsi1sk', type: 'string' },
    },
    /** Records listed by the staff member who submitted them. */
    byAuthor: {
      type: 'global',
      partitionKey: { name: 'gsi2pk', type: 'string' },
      sortKey: { name: 'gsi2sk', type: 'string' },
    },
  },
  /** Epoch seconds; short-lived items (upload sessions, idempotency records) expire by TTL. */
  timeToLiveAttribute: 'expiresAt',
} as const;

export type TableDesign = typeof tableDesign;
