import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { AlreadyExistsError, StaleRevisionError } from '../../domain/errors.js';
import type { Page, PageRequest, PrivacyRepository } from '../../domain/ports.js';
import type { AccessGrant, RevealEntry } from '../../domain/privacy.js';
import { anyValue, type Cursors, equals, startsWith } from './cursor.js';
import { isConditionalCheckFailed } from './dynamo-errors.js';
import { everyPage } from './reading.js';
import { keys, type Storage } from './table.js';

export class DynamoPrivacyRepository implements PrivacyRepository {
  constructor(
    private readonly storage: Storage,
    private readonly cursors: Cursors,
  ) {}

  async createGrant(grant: AccessGrant): Promise<void> {
    try {
      await this.storage.accessGrant.build(PutItemCommand).item(grant).options({ condition: { attr: 'pk', exists: false } }).send();
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw new AlreadyExistsError('access request', grant.grantId, ['grantId'], { cause: error });
      throw error;
    }
  }

  async getGrant(tenantId: string, grantId: string): Promise<AccessGrant | undefined> {
    const { Item } = await this.storage.accessGrant.build(GetItemCommand).key({ tenantId, grantId }).options({ consistent: true }).send();
    return Item as AccessGrant | undefined;
  }

  async decide(grant: AccessGrant): Promise<void> {
    try {
      await this.storage.accessGrant.build(PutItemCommand).item(grant).options({ condition: { attr: 'state', eq: 'pending' } }).send();
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw new StaleRevisionError('access request', 0, { cause: error });
      throw error;
    }
  }

  private async grantsIn(index: 'byParent' | 'byAuthor', partition: string): Promise<AccessGrant[]> {
    const { Items = [] } = await this.storage.table
      .build(QueryCommand)
      .entities(this.storage.accessGrant)
      .query({ index, partition })
      .options({ maxPages: everyPage })
      .send();
    return Items as AccessGrant[];
  }

  grantsOfRequester(tenantId: string, userId: string): Promise<AccessGrant[]> {
    return this.grantsIn('byParent', keys.grantsOfRequester(tenantId, userId));
  }

  grantsOfUnit(tenantId: string, unitId: string): Promise<AccessGrant[]> {
    return this.grantsIn('byAuthor', keys.grantsOfUnit(tenantId, unitId));
  }

  async logReveal(entry: RevealEntry): Promise<void> {
    await this.storage.revealEntry.build(PutItemCommand).item(entry).options({ condition: { attr: 'pk', exists: false } }).send();
  }

  async reveals(tenantId: string, by: { studentNumber: string } | { userId: string }, page: PageRequest): Promise<Page<RevealEntry>> {
    const [index, listing, partition, partitionAttr, sortAttr] =
      'studentNumber' in by
        ? (['byParent', 'reveals-of-student', keys.revealsOfStudent(tenantId, by.studentNumber), 'gsi1pk', 'gsi1sk'] as const)
        : (['byAuthor', 'reveals-by-user', keys.revealsByUser(tenantId, by.userId), 'gsi2pk', 'gsi2sk'] as const);
    const scope = { tenantId, listing, filters: by };
    const shape = {
      pk: startsWith(`TENANT#${tenantId}#REVEAL#`),
      sk: equals(keys.head),
      [partitionAttr]: equals(partition),
      [sortAttr]: anyValue,
    };
    const exclusiveStartKey = await this.cursors.open(page.cursor, scope, shape);
    // Newest first: a supervisor looks at what happened lately.
    const { Items = [], LastEvaluatedKey } = await this.storage.table
      .build(QueryCommand)
      .entities(this.storage.revealEntry)
      .query({ index, partition })
      .options({ limit: page.limit, exclusiveStartKey, reverse: true })
      .send();
    const nextCursor = await this.cursors.seal(LastEvaluatedKey, scope, shape);
    const items = Items as RevealEntry[];
    return nextCursor === undefined ? { items } : { items, nextCursor };
  }
}
