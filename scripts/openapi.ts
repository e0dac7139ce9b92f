/**
 * `npm run openapi [-- out.json]`: writes the OpenAPI 3.1 description generated from the
 * route catalog and the zod schemas (default: cdk.out/openapi.json, beside the template).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openApiDocument } from '../functions/http/api-description.js';

const target = resolve(process.argv[2] ?? 'cdk.out/openapi.json');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`OpenAPI description written to ${target}`);
