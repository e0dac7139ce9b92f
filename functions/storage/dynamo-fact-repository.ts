import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { AlreadyExistsError, StaleRevisionError } from '../../domain/errors.js';
import type { FactOwner, StoredFact } from '../../domain/facts.js';
import type { FactRepository } from '../../domain/ports.js';
import { isConditionalCheckFailed } from './dynamo-errors.js';
import { everyPage } from './reading.js';
import { keys, type Storage } from './table.js';

export class DynamoFactRepository implements FactRepository {
  constructor(private readonly storage: Storage) {}

  async get<C>(tenantId: string, owner: FactOwner, fact: string): Promise<StoredFact<C> | undefined> {
    const { Item } = await this.storage.fact.build(GetItemCommand).key({ tenantId, owner, fact }).options({ consistent: true }).send();
    return Item as StoredFact<C> | undefined;
  }

  async list<C>(tenantId: string, owner: FactOwner, prefix: string): Promise<StoredFact<C>[]> {
    const { Items = [] } = await this.storage.table
      .build(QueryCommand)
      .entities(this.storage.fact)
      .query({ partition: this.storage.ownerKey(tenantId, owner), range: { beginsWith: keys.fact(prefix) } })
      .options({ consistent: true, maxPages: everyPage })
      .send();
    return Items as StoredFact<C>[];
  }

  /** Version 1 only if there is none; any later one only over the version before it. */
  async put(next: StoredFact): Promise<void> {
    const condition = next.version === 1 ? ({ attr: 'pk', exists: false } as const) : ({ attr: 'version', eq: next.version - 1 } as const);
    try {
      await this.storage.fact.build(PutItemCommand).item(next).options({ condition }).send();
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      if (next.version === 1) throw new AlreadyExistsError(next.fact, next.owner, [], { cause: error });
      throw new StaleRevisionError(next.fact, next.version - 1, { cause: error });
    }
  }
}
