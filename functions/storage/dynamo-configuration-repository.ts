import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { execute as executeTransaction } from 'dynamodb-toolbox/entity/actions/transactWrite';
import type { TenantConfiguration } from '../../domain/configuration.js';
import { AlreadyExistsError, StaleRevisionError } from '../../domain/errors.js';
import type { ConfigurationRepository, StoredConfiguration } from '../../domain/ports.js';
import { failedTransactionConditions } from './dynamo-errors.js';
import { keys, type Storage } from './table.js';

export class DynamoConfigurationRepository implements ConfigurationRepository {
  constructor(private readonly storage: Storage) {}

  async get(tenantId: string): Promise<StoredConfiguration | undefined> {
    return this.read(tenantId, keys.configuration);
  }

  async getRevision(tenantId: string, revision: number): Promise<StoredConfiguration | undefined> {
    return this.read(tenantId, keys.configurationRevision(revision));
  }

  private async read(tenantId: string, entry: string): Promise<StoredConfiguration | undefined> {
    const { Item } = await this.storage.configuration
      .build(GetItemCommand)
      .key({ tenantId, entry })
      .options({ consistent: true })
      .send();
    if (Item === undefined) return undefined;
    return {
      configuration: Item.document as TenantConfiguration,
      revision: Item.revision,
      updatedAt: Item.updatedAt,
      updatedBy: Item.updatedBy,
    };
  }

  async save(tenantId: string, stored: StoredConfiguration, expectedRevision?: number): Promise<void> {
    const { configuration: entity } = this.storage;
    const fields = { tenantId, revision: stored.revision, document: stored.configuration, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy };
    const head = entity
      .build(PutTransaction)
      .item({ ...fields, entry: keys.configuration })
      .options({
        condition: expectedRevision === undefined ? { attr: 'pk', exists: false } : { attr: 'revision', eq: expectedRevision },
      });
    // Every revision is also kept under its own key, so no configuration is ever lost.
    const kept = entity
      .build(PutTransaction)
      .item({ ...fields, entry: keys.configurationRevision(stored.revision) })
      .options({ condition: { attr: 'pk', exists: false } });
    try {
      await executeTransaction(head, kept);
    } catch (error) {
      const failed = failedTransactionConditions(error);
      if (failed === undefined || failed.length === 0) throw error;
      if (expectedRevision === undefined) throw new AlreadyExistsError('configuration', tenantId, [], { cause: error });
      throw new StaleRevisionError('configuration', expectedRevision, { cause: error });
    }
  }
}
