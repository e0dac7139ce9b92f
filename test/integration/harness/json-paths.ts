/** Paths into JSON values, and the JSON Schema of a route's body found along them. */
import type { $ZodType } from 'zod/v4/core';
import { toJSONSchema } from 'zod/v4/core';
import type { RequestSchemas } from '../../../functions/http/kit/request.js';

export type JsonPath = readonly (string | number)[];
type Json = unknown;
type Schema = Record<string, any>;

/** Every place in a value, with what is there: objects, arrays and leaves alike. */
export function placesIn(value: Json, path: JsonPath = []): { path: JsonPath; value: Json }[] {
  const here = { path, value };
  if (Array.isArray(value)) return [here, ...value.flatMap((item, index) => placesIn(item, [...path, index]))];
  if (value !== null && typeof value === 'object') return [here, ...Object.entries(value).flatMap(([name, inner]) => placesIn(inner, [...path, name]))];
  return [here];
}

export function valueAt(value: Json, path: JsonPath): Json {
  return path.reduce<Json>((inner, step) => (inner as Record<string | number, Json>)[step], value);
}

/** A copy of `value` with the thing at `path` replaced (or removed when `replacement` is `remove`). */
export const remove = Symbol('remove');
export function replacedAt(value: Json, path: JsonPath, replacement: Json | typeof remove): Json {
  if (path.length === 0) return replacement === remove ? undefined : replacement;
  const copy = structuredClone(value) as Record<string | number, Json>;
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (replacement === remove) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

/** RFC 6901 pointer, as the API writes it in a problem (`#/a/0/b`). */
export const pointerOf = (path: JsonPath) => `#/${path.map((step) => String(step).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

/** Whether a problem naming `named` names the place `target`: the same place, one inside it, or one around it. */
export function namesPlace(named: string, target: string): boolean {
  const inside = (outer: string, inner: string) => outer === inner || outer === '#/' || inner.startsWith(`${outer}/`);
  return inside(named, target) || inside(target, named);
}

const jsonSchemaOf = (schema: $ZodType): Schema => toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Schema;
const cache = new WeakMap<$ZodType, Schema>();
const cachedSchema = (schema: $ZodType) => {
  let found = cache.get(schema);
  if (found === undefined) cache.set(schema, (found = jsonSchemaOf(schema)));
  return found;
};

function step(node: Schema | undefined, name: string | number): Schema | undefined {
  if (node === undefined) return undefined;
  for (const alternatives of [node['anyOf'], node['oneOf'], node['allOf']]) {
    if (Array.isArray(alternatives)) {
      for (const alternative of alternatives as Schema[]) {
        const found = step(alternative, name);
        if (found !== undefined) return found;
      }
    }
  }
  if (typeof name === 'number') return node['items'] ?? node['prefixItems']?.[name];
  return node['properties']?.[name] ?? (typeof node['additionalProperties'] === 'object' ? node['additionalProperties'] : undefined);
}

/**
 * The JSON Schema the route applies at `path` of its body: the body part's own schema
 * where the body chooses one (a record's content by its kind), else the body's.
 */
export function schemaAt(schemas: RequestSchemas, body: Json, path: JsonPath): Schema | undefined {
  const part = schemas.bodyParts?.(body).find((candidate) => candidate.path.every((name, index) => path[index] === name));
  const [root, rest] = part ? [cachedSchema(part.schema), path.slice(part.path.length)] : schemas.body ? [cachedSchema(schemas.body), path] : [undefined, path];
  return rest.reduce<Schema | undefined>(step, root);
}
