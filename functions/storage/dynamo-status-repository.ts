import { DeleteItemCommand } from 'dynamodb-toolbox/entity/actions/delete';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { execute as executeTransaction } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { AlreadyExistsError, StaleRevisionError } from '../../domain/errors.js';
import type { StatusRepository } from '../../domain/ports.js';
import type { StudentStatus } from '../../domain/student-status.js';
import { failedTransactionConditions, isConditionalCheckFailed } from './dynamo-errors.js';
import { assertItemFits } from './item-size.js';
import { everyPage } from './reading.js';
import { keys, type Storage } from './table.js';
import { settleInParallel } from './parallel.js';
import { transactionChunks } from './transactions.js';

const statusesPerTransaction = 100;

export class DynamoStatusRepository implements StatusRepository {
  constructor(private readonly storage: Storage) {}

  async create(status: StudentStatus): Promise<void> {
    await this.put(status, { attr: 'pk', exists: false }).catch((error: unknown) => {
      if (isConditionalCheckFailed(error)) throw new AlreadyExistsError('status', status.statusId, [], { cause: error });
      throw error;
    });
  }

  async lift(next: StudentStatus): Promise<void> {
    await this.put(next, { attr: 'version', eq: next.version - 1 }).catch((error: unknown) => {
      if (isConditionalCheckFailed(error)) throw new StaleRevisionError('status', next.version - 1, { cause: error });
      throw error;
    });
  }

  /**
   * All or nothing: every status is measured first; transactions run several at a time,
   * and when one fails, every one that succeeded is taken back.
   */
  async importAll(statuses: readonly StudentStatus[]): Promise<void> {
    for (const status of statuses) assertItemFits({ ...status });
    const chunks = transactionChunks(statuses, statusesPerTransaction, (status) => Buffer.byteLength(JSON.stringify(status)) + 256);
    const { done: written, failures } = await settleInParallel(chunks, (chunk) =>
      executeTransaction(...chunk.map((status) => this.storage.studentStatus.build(PutTransaction).item(withoutUndefined(status)).options({ condition: { attr: 'pk', exists: false } }))),
    );
    if (failures.length === 0) return;
    await this.remove(written.flat());
    for (const { chunk, error } of failures) {
      const failed = failedTransactionConditions(error);
      if (failed?.length) throw new AlreadyExistsError('status', chunk[Math.min(...failed)]?.statusId ?? '', [], { cause: error });
    }
    throw failures[0]!.error;
  }

  async ofClass(tenantId: string, classId: string): Promise<StudentStatus[]> {
    return this.query(tenantId, classId, keys.statuses);
  }

  async ofStudent(tenantId: string, classId: string, studentNumber: string): Promise<StudentStatus[]> {
    return this.query(tenantId, classId, keys.statusesOf(studentNumber));
  }

  private async query(tenantId: string, classId: string, prefix: string): Promise<StudentStatus[]> {
    const { Items = [] } = await this.storage.table
      .build(QueryCommand)
      .entities(this.storage.studentStatus)
      .query({ partition: keys.class(tenantId, classId), range: { beginsWith: prefix } })
      .options({ consistent: true, maxPages: everyPage })
      .send();
    return Items.map((item) => withoutUndefined(item as StudentStatus));
  }

  private put(status: StudentStatus, condition: { attr: 'pk'; exists: false } | { attr: 'version'; eq: number }) {
    return this.storage.studentStatus.build(PutItemCommand).item(withoutUndefined(status)).options({ condition }).send();
  }

  /** Takes back what an import wrote before it failed, as many deletes at once as the import wrote transactions. */
  private async remove(statuses: readonly StudentStatus[]): Promise<void> {
    await settleInParallel(
      statuses.map((status) => [status]),
      ([s]) => this.storage.studentStatus.build(DeleteItemCommand).key({ tenantId: s!.tenantId, classId: s!.classId, studentNumber: s!.studentNumber, statusId: s!.statusId }).send(),
    ).then(({ failures }) => {
      if (failures.length > 0) throw failures[0]!.error;
    });
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
