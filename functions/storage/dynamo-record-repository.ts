import { isDeepStrictEqual } from 'node:util';
import { BatchGetRequest } from 'dynamodb-toolbox/entity/actions/batchGet';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { execute as executeTransaction } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { AlreadyExistsError, ConflictingImportError, StaleRevisionError } from '../../domain/errors.js';
import type { Page, PageRequest, RecordFilter, RecordRepository } from '../../domain/ports.js';
import type { StaffRecord } from '../../domain/records/record.js';
import { type Cursors, equals, startsWith } from './cursor.js';
import { failedTransactionConditions, StorageBusyError } from './dynamo-errors.js';
import { assertItemFits } from './item-size.js';
import { everyPage, readByKeys } from './reading.js';
import { keys, type Storage } from './table.js';
import { settleInParallel } from './parallel.js';
import { transactionChunks } from './transactions.js';

const recordsPerTransaction = 50;

/** Records in transaction-sized chunks: each record is two items (head and version 1). */
const recordChunks = (records: readonly StaffRecord[]) =>
  transactionChunks(records, recordsPerTransaction, (record) => 2 * (Buffer.byteLength(JSON.stringify(record)) + 256));

/** The same row of the same import: what it says, not when this attempt ran. */
function isSameImportedRow(original: StaffRecord, row: StaffRecord): boolean {
  return (
    original.imported?.importId === row.imported?.importId &&
    original.kind === row.kind &&
    original.classId === row.classId &&
    original.authorId === row.authorId &&
    original.submittedAt === row.submittedAt &&
    isDeepStrictEqual(original.content, row.content)
  );
}

type StoredItem = Omit<StaffRecord, 'kind' | 'change'> & { kind: string; entry: string; change?: unknown };

const fromItem = ({ entry: _entry, ...item }: StoredItem): StaffRecord => item as StaffRecord;

/** A record from a raw index item: its own fields, none of the storage keys. */
function recordFromListing(item: Record<string, unknown>): StaffRecord {
  const { tenantId, recordId, kind, classId, authorId, unitId, submittedAt, occurredOn, version, status, content, change, imported } = item as unknown as StaffRecord;
  return {
    tenantId,
    recordId,
    kind,
    ...(classId !== undefined ? { classId } : {}),
    authorId,
    ...(unitId !== undefined ? { unitId } : {}),
    submittedAt,
    occurredOn,
    version,
    status,
    content,
    ...(change !== undefined ? { change } : {}),
    ...(imported !== undefined ? { imported } : {}),
  };
}

/** The key range of a listing: one kind (optionally between two days), or everything. */
type KeyRange = { readonly beginsWith: string } | { readonly between: [string, string] };

function rangeOf(filter: RecordFilter): KeyRange | undefined {
  if (filter.kind === undefined) return undefined;
  if (filter.from === undefined && filter.to === undefined) return { beginsWith: `${filter.kind}#` };
  return { between: [`${filter.kind}#${filter.from ?? ''}`, `${filter.kind}#${filter.to ?? '9999-12-31'}#\uffff`] };
}

/** The two record listings: by class (index byParent) and by author (byAuthor). */
const recordListings = {
  byParent: { listing: 'records-of-class', ownerFilter: 'classId', partition: keys.classRecords, partitionAttr: 'gsi1pk', sortAttr: 'gsi1sk' },
  byAuthor: { listing: 'records-of-author', ownerFilter: 'authorId', partition: keys.authorRecords, partitionAttr: 'gsi2pk', sortAttr: 'gsi2sk' },
} as const;
type RecordIndex = keyof typeof recordListings;

export class DynamoRecordRepository implements RecordRepository {
  constructor(
    private readonly storage: Storage,
    private readonly cursors: Cursors,
  ) {}

  private put(record: StaffRecord, entry: string) {
    return this.storage.staffRecord.build(PutTransaction).item({ ...record, entry });
  }

  async create(record: StaffRecord): Promise<void> {
    try {
      await executeTransaction(
        this.put(record, keys.head).options({ condition: { attr: 'pk', exists: false } }),
        this.put(record, keys.recordVersion(record.version)).options({ condition: { attr: 'pk', exists: false } }),
      );
    } catch (error) {
      if (failedTransactionConditions(error)?.length) throw new AlreadyExistsError('record', record.recordId, ['recordId'], { cause: error });
      throw error;
    }
  }

  /**
   * Writes an import in transactions of up to 50 records and 3 MB (DynamoDB allows 100
   * items and 4 MB). When a record exists already, the import's key was used before: every
   * row is then compared with the one imported then, before anything more is written, and
   * only the rows still missing are written (an import cut short is completed this way).
   * Transactions run several at a time (`settleInParallel`): each holds disjoint records.
   */
  async importAll(records: readonly StaffRecord[]): Promise<{ written: number; alreadyPresent: number }> {
    // Every row is measured before the first transaction: none is written if one cannot be
    // (each put is measured again as it is sent, keys included; the margin covers them).
    for (const record of records) assertItemFits({ ...record, entry: keys.head });
    const { done: written, failures } = await settleInParallel(recordChunks(records), (chunk) => executeTransaction(...chunk.flatMap((record) => this.putNew(record))));
    const writtenHere = new Set(written.flat().map((record) => record.recordId));
    if (failures.length === 0) return { written: writtenHere.size, alreadyPresent: 0 };
    const unexpected = failures.find(({ error }) => !failedTransactionConditions(error)?.length);
    if (unexpected !== undefined) throw unexpected.error;
    return this.completeImport(records, writtenHere);
  }

  /** `writtenHere`: what this request wrote before it met rows that exist (a concurrent or earlier attempt). */
  private async completeImport(records: readonly StaffRecord[], writtenHere: ReadonlySet<string>): Promise<{ written: number; alreadyPresent: number }> {
    const originals = await this.firstVersions(records);
    records.forEach((record, index) => {
      const original = originals.get(record.recordId);
      if (original !== undefined && !isSameImportedRow(original, record)) throw new ConflictingImportError(record.imported?.importId ?? '', index);
    });
    const missing = records.filter((record) => !originals.has(record.recordId));
    const { failures } = await settleInParallel(recordChunks(missing), (chunk) => executeTransaction(...chunk.flatMap((record) => this.putNew(record))));
    // Another request with the same import key is writing these rows at this moment:
    // "retry shortly" (503), and the retry finds them present.
    if (failures.some(({ error }) => failedTransactionConditions(error)?.length)) throw new StorageBusyError();
    if (failures.length > 0) throw failures[0]!.error;
    return { written: writtenHere.size + missing.length, alreadyPresent: originals.size - writtenHere.size };
  }

  /** Version 1 of each record that exists, by record id. */
  private async firstVersions(records: readonly StaffRecord[]): Promise<Map<string, StaffRecord>> {
    const found = await readByKeys(this.storage.table, records, ({ tenantId, recordId }) =>
      this.storage.staffRecord.build(BatchGetRequest).key({ tenantId, recordId, entry: keys.recordVersion(1) }),
    );
    return new Map(found.map((item) => fromItem(item as unknown as StoredItem)).map((record) => [record.recordId, record]));
  }

  private putNew(record: StaffRecord) {
    return [
      this.put(record, keys.head).options({ condition: { attr: 'pk', exists: false } }),
      this.put(record, keys.recordVersion(record.version)).options({ condition: { attr: 'pk', exists: false } }),
    ];
  }

  async get(tenantId: string, recordId: string): Promise<StaffRecord | undefined> {
    const { Item } = await this.storage.staffRecord
      .build(GetItemCommand)
      .key({ tenantId, recordId, entry: keys.head })
      .options({ consistent: true })
      .send();
    return Item === undefined ? undefined : fromItem(Item as StoredItem);
  }

  async versions(tenantId: string, recordId: string): Promise<StaffRecord[]> {
    const { Items = [] } = await this.storage.table
      .build(QueryCommand)
      .entities(this.storage.staffRecord)
      .query({ partition: keys.record(tenantId, recordId), range: { beginsWith: keys.recordVersion(0).slice(0, 'VERSION#'.length) } })
      // Every version, however many pages they fill (a long report's versions pass 1 MB quickly).
      .options({ consistent: true, maxPages: everyPage })
      .send();
    return Items.map((item) => fromItem(item as StoredItem));
  }

  async change(next: StaffRecord): Promise<void> {
    const expectedVersion = next.version - 1;
    try {
      await executeTransaction(
        this.put(next, keys.head).options({ condition: { and: [{ attr: 'version', eq: expectedVersion }, { attr: 'status', eq: 'active' }] } }),
        this.put(next, keys.recordVersion(next.version)).options({ condition: { attr: 'pk', exists: false } }),
      );
    } catch (error) {
      if (failedTransactionConditions(error)?.length) throw new StaleRevisionError('record', expectedVersion, { cause: error });
      throw error;
    }
  }

  /** One query of a record listing: a page from `exclusiveStartKey`, or every page. */
  private async queryIndex(index: RecordIndex, partition: string, filter: RecordFilter, options: { limit: number; exclusiveStartKey?: Record<string, string> | undefined } | { maxPages: number }) {
    const range = rangeOf(filter);
    const dayFilter =
      filter.kind === undefined && (filter.from !== undefined || filter.to !== undefined)
        ? { attr: 'occurredOn' as const, between: [filter.from ?? '0000-01-01', filter.to ?? '9999-12-31'] as [string, string] }
        : undefined;
    // Listings skip dynamodb-toolbox's per-item formatting (measured at ~0.5 ms for 20 items,
    // most of a list request's CPU): these index partitions hold records only, and
    // `recordFromListing` takes exactly the record's fields from each raw item.
    const { Items = [], LastEvaluatedKey } = await this.storage.table
      .build(QueryCommand)
      .query({ index, partition, ...(range !== undefined ? { range } : {}) })
      .options({ ...options, ...(dayFilter !== undefined ? { filter: dayFilter } : {}) })
      .send();
    return { items: Items.map(recordFromListing), lastEvaluatedKey: LastEvaluatedKey };
  }

  /** A page for an API client: the cursor is bound to the tenant, the listing and every filter. */
  private async listIndex(index: RecordIndex, tenantId: string, owner: string, filter: RecordFilter, page: PageRequest): Promise<Page<StaffRecord>> {
    const { listing, ownerFilter, partition, partitionAttr, sortAttr } = recordListings[index];
    const scope = { tenantId, listing, filters: { [ownerFilter]: owner, kind: filter.kind, from: filter.from, to: filter.to } };
    const range = rangeOf(filter);
    // A cursor must lie inside this very listing's range, or the query would fail.
    const insideRange = (value: string) =>
      range === undefined ? true : 'beginsWith' in range ? value.startsWith(range.beginsWith) : value >= range.between[0] && value <= range.between[1];
    const shape = {
      pk: startsWith(keys.record(tenantId, '')),
      sk: equals(keys.head),
      [partitionAttr]: equals(partition(tenantId, owner)),
      [sortAttr]: insideRange,
    };
    const exclusiveStartKey = await this.cursors.open(page.cursor, scope, shape);
    const { items, lastEvaluatedKey } = await this.queryIndex(index, partition(tenantId, owner), filter, { limit: page.limit, exclusiveStartKey });
    const nextCursor = await this.cursors.seal(lastEvaluatedKey, scope, shape);
    return nextCursor === undefined ? { items } : { items, nextCursor };
  }

  listByClass(tenantId: string, classId: string, filter: RecordFilter, page: PageRequest): Promise<Page<StaffRecord>> {
    return this.listIndex('byParent', tenantId, classId, filter, page);
  }

  listByAuthor(tenantId: string, authorId: string, filter: RecordFilter, page: PageRequest): Promise<Page<StaffRecord>> {
    return this.listIndex('byAuthor', tenantId, authorId, filter, page);
  }

  /** Every record of the listing, for evaluation: paged inside this process, no cursor handed out. */
  private async all(index: RecordIndex, tenantId: string, owner: string): Promise<StaffRecord[]> {
    const { items } = await this.queryIndex(index, recordListings[index].partition(tenantId, owner), {}, { maxPages: everyPage });
    return items;
  }

  allOfClass(tenantId: string, classId: string): Promise<StaffRecord[]> {
    return this.all('byParent', tenantId, classId);
  }

  allOfAuthor(tenantId: string, authorId: string): Promise<StaffRecord[]> {
    return this.all('byAuthor', tenantId, authorId);
  }
}
