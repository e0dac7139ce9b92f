/**
 * The size DynamoDB counts for an item, and a guard that refuses an item larger than the
 * table holds before anything is sent (DynamoDB's own refusal would come as a 500, and in
 * a multi-step write only after earlier steps were written).
 *
 * Sizes follow DynamoDB's rules (Developer Guide, "Item sizes and formats"): attribute
 * names and strings count their UTF-8 bytes, a number about one byte per two significant
 * digits plus one, booleans and null one byte, and every list or map three bytes plus one
 * byte per element. Items are measured as the document client takes them (plain values).
 */
import type { MiddlewareStack } from '@smithy/types';
import { ItemTooLargeError } from '../../domain/errors.js';

/** DynamoDB holds 400 KB an item; 50 KB are kept back for what this count approximates. */
export const largestItemBytes = 350 * 1024;

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

function numberBytes(value: number | bigint): number {
  const digits = String(value).replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+|0+$/g, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** The bytes DynamoDB counts for one attribute value. */
export function valueBytes(value: unknown): number {
  if (typeof value === 'string') return utf8Bytes(value);
  if (typeof value === 'number' || typeof value === 'bigint') return numberBytes(value);
  if (typeof value === 'boolean' || value === null) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((total: number, element) => total + valueBytes(element), 0);
  if (Array.isArray(value)) return value.reduce((total: number, element) => total + 1 + valueBytes(element), 3);
  if (typeof value === 'object') return 3 + Object.entries(value).reduce((total, [name, inner]) => (inner === undefined ? total : total + 1 + utf8Bytes(name) + valueBytes(inner)), 0);
  return 0;
}

/** The bytes DynamoDB counts for an item: each attribute's name and value. */
export function itemBytes(item: Readonly<Record<string, unknown>>): number {
  return Object.entries(item).reduce((total, [name, value]) => (value === undefined ? total : total + utf8Bytes(name) + valueBytes(value)), 0);
}

/** Refuses an item larger than `largestItemBytes`. */
export function assertItemFits(item: Readonly<Record<string, unknown>>): void {
  const bytes = itemBytes(item);
  if (bytes > largestItemBytes) throw new ItemTooLargeError(bytes, largestItemBytes);
}

type Item = Record<string, unknown>;

/** Every item a write command would put: PutItem, TransactWriteItems' puts, BatchWriteItem's puts. */
function itemsPutBy(input: Record<string, unknown>): Item[] {
  const items: Item[] = [];
  if (typeof input['Item'] === 'object' && input['Item'] !== null) items.push(input['Item'] as Item);
  for (const action of (input['TransactItems'] as { Put?: { Item?: Item } }[] | undefined) ?? []) if (action.Put?.Item !== undefined) items.push(action.Put.Item);
  for (const requests of Object.values((input['RequestItems'] as Record<string, { PutRequest?: { Item?: Item } }[]> | undefined) ?? {})) {
    if (!Array.isArray(requests)) continue;
    for (const request of requests) if (request.PutRequest?.Item !== undefined) items.push(request.PutRequest.Item);
  }
  return items;
}

/**
 * Adds the guard to a client's middleware stack (the document client shares its base
 * client's): it runs at `initialize`, before the document client marshals the input, so
 * every put of every repository is measured as the plain values it holds.
 */
export function guardItemSizes(stack: MiddlewareStack<any, any>): void {
  stack.add(
    (next) => async (args) => {
      const { input } = args as { input: Record<string, unknown> };
      for (const item of itemsPutBy(input)) assertItemFits(item);
      return next(args);
    },
    { step: 'initialize', name: 'xuewuItemSizeGuard', override: true },
  );
}
