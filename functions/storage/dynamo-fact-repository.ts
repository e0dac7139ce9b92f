import { DeleteItemCommand } from 'dynamodb-toolbox/entity/actions/delete';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { execute as executeTransaction } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { AlreadyExistsError, StaleRevisionError } from '../../domain/errors.js';
import type { FactOwner, StoredFact } from '../../domain/facts.js';
import type { FactRepository } from '../../domain/ports.js';
import { failedTransactionConditions, isConditionalCheckFailed } from './dynamo-errors.js';
import { assertItemFits } from './item-size.js';
import { transactionChunks } from './transactions.js';
import { everyPage } from './reading.js';
import { keys, type Storage } from './table.js';

/** Transactions of a bulk write in flight at once: order does not matter between them. */
const parallelTransactions = 4;

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

  /** Refuses (ItemTooLargeError) a fact larger than the table holds, before anything else is written. */
  assertFits(fact: StoredFact): void {
    assertItemFits({ ...fact, pk: this.storage.ownerKey(fact.tenantId, fact.owner), sk: fact.fact });
  }

  /**
   * Version 1 of every fact, all or nothing: each is measured first, then written in
   * byte-sized transactions a few at a time; when one fails, those written are taken back.
   */
  async createAll(facts: readonly StoredFact[]): Promise<void> {
    for (const fact of facts) assertItemFits({ ...fact, pk: this.storage.ownerKey(fact.tenantId, fact.owner), sk: fact.fact });
    const chunks = transactionChunks(facts, 100, (fact) => Buffer.byteLength(JSON.stringify(fact)) + 256);
    const written: StoredFact[][] = [];
    let failure: unknown;
    for (let next = 0; next < chunks.length && failure === undefined; next += parallelTransactions) {
      const batch = chunks.slice(next, next + parallelTransactions);
      const outcomes = await Promise.allSettled(
        batch.map((chunk) => executeTransaction(...chunk.map((fact) => this.storage.fact.build(PutTransaction).item(fact).options({ condition: { attr: 'pk', exists: false } })))),
      );
      outcomes.forEach((outcome, index) => {
        if (outcome.status === 'fulfilled') written.push(batch[index]!);
        else if (failure === undefined) failure = alreadyThere(outcome.reason, batch[index]!);
      });
    }
    if (failure === undefined) return;
    await this.remove(written.flat());
    throw failure;
  }

  /**
   * Several facts as one transaction, each over the version read (version 1: none yet):
   * either all change or none does.
   * @throws StaleRevisionError naming the first fact changed meanwhile
   */
  async changeTogether(nexts: readonly StoredFact[]): Promise<void> {
    const condition = (next: StoredFact) => (next.version === 1 ? ({ attr: 'pk', exists: false } as const) : ({ attr: 'version', eq: next.version - 1 } as const));
    try {
      await executeTransaction(...nexts.map((next) => this.storage.fact.build(PutTransaction).item(next).options({ condition: condition(next) })));
    } catch (error) {
      const failed = failedTransactionConditions(error);
      if (failed === undefined || failed.length === 0) throw error;
      const stale = nexts[Math.min(...failed)]!;
      throw new StaleRevisionError(stale.fact.split('#')[0]!.toLowerCase(), stale.version - 1, { cause: error });
    }
  }

  private async remove(facts: readonly StoredFact[]): Promise<void> {
    for (const fact of facts) await this.storage.fact.build(DeleteItemCommand).key({ tenantId: fact.tenantId, owner: fact.owner, fact: fact.fact }).send();
  }
}

function alreadyThere(error: unknown, chunk: readonly StoredFact[]): unknown {
  const failed = failedTransactionConditions(error);
  if (failed === undefined || failed.length === 0) return error;
  const fact = chunk[Math.min(...failed)]!;
  return new AlreadyExistsError(fact.fact, fact.owner, [], { cause: error });
}
