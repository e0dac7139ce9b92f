/**
 * Watches every command the handlers send through the document client, so the harness can
 * tell which items a request wrote. Wraps the client class's `send` (shared by every
 * document client in this process); no table is scanned to find out.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface ObservedWrite {
  readonly command: string;
  /** Partition keys of the items the command writes. */
  readonly keys: readonly string[];
}

const pkOf = (item: unknown): string => String((item as { pk?: unknown } | undefined)?.pk ?? '?');

/** The partition keys a write command touches; undefined for commands that only read. */
function writtenKeys(command: string, input: Record<string, any>): string[] | undefined {
  switch (command) {
    case 'PutCommand':
      return [pkOf(input['Item'])];
    case 'UpdateCommand':
    case 'DeleteCommand':
      return [pkOf(input['Key'])];
    case 'TransactWriteCommand':
      return (input['TransactItems'] as Record<string, any>[]).flatMap((entry) =>
        entry['Put'] ? [pkOf(entry['Put'].Item)] : entry['Update'] ? [pkOf(entry['Update'].Key)] : entry['Delete'] ? [pkOf(entry['Delete'].Key)] : [],
      );
    case 'BatchWriteCommand':
      return Object.values(input['RequestItems'] as Record<string, Record<string, any>[]>).flatMap((requests) =>
        requests.map((request) => pkOf(request['PutRequest']?.Item ?? request['DeleteRequest']?.Key)),
      );
    case 'ExecuteStatementCommand':
    case 'ExecuteTransactionCommand':
    case 'BatchExecuteStatementCommand':
      return ['(PartiQL)'];
    default:
      return undefined;
  }
}

export interface WriteWatch {
  /** Writes that took effect, and scans, since the last `reset`. */
  readonly writes: () => readonly ObservedWrite[];
  readonly scans: () => number;
  readonly reset: () => void;
  readonly stop: () => void;
}

export function watchWrites(): WriteWatch {
  const prototype = Object.getPrototypeOf(DynamoDBDocumentClient.prototype) as { send: (...args: any[]) => any };
  const original = prototype.send;
  let writes: ObservedWrite[] = [];
  let scans = 0;
  prototype.send = function (this: unknown, command: { constructor: { name: string }; input: Record<string, any> }, ...rest: unknown[]) {
    if (this instanceof DynamoDBDocumentClient) {
      const name = command.constructor.name;
      if (name === 'ScanCommand') scans += 1;
      const keys = writtenKeys(name, command.input);
      // Counted once it succeeds: a conditional write its condition refused changed nothing.
      if (keys !== undefined) {
        const sent = original.call(this, command, ...rest) as Promise<unknown>;
        return sent.then((output) => {
          writes.push({ command: name, keys });
          return output;
        });
      }
    }
    return original.call(this, command, ...rest);
  };
  return {
    writes: () => writes,
    scans: () => scans,
    reset: () => {
      writes = [];
      scans = 0;
    },
    stop: () => {
      prototype.send = original;
    },
  };
}

/** Idempotency claims and releases are the only writes a refused request may make. */
export const isIdempotencyWrite = (write: ObservedWrite) => write.keys.every((key) => key.startsWith('IDEMPOTENCY#'));
