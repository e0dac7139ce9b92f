/**
 * `npm run report -- --tenant demo --term 2025-autumn --as-of 2026-01-24T00:00:00+08:00`:
 * an operator starts a compliance run against the running local backend (`npm start`),
 * as the tenant admin would through the API, and waits for its outcome (the script polls
 * the run's GET for the operator; inside the backend the units join by a counter).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { devAuth } from './local/dev-auth.js';

const usage = `usage: npm run report -- --tenant <id> --term <term id> --as-of <ISO instant> [--url http://127.0.0.1:3000] [--data-dir .local]`;
let values;
try {
  ({ values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      term: { type: 'string' },
      'as-of': { type: 'string' },
      url: { type: 'string', default: 'http://127.0.0.1:3000' },
      'data-dir': { type: 'string', default: '.local' },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  console.error(`npm run report: ${error instanceof Error ? error.message : String(error)}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (values.tenant === undefined || values.term === undefined || values['as-of'] === undefined) {
  console.error(`npm run report: --tenant, --term and --as-of are required\n${usage}`);
  process.exit(2);
}

const auth = await devAuth(join(resolve(values['data-dir']), 'dev-signing-key.json'));
const token = await auth.issue({ userId: 'operator', tenantId: values.tenant, roles: ['tenant-admin'] });
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const started = await fetch(`${values.url}/tenants/${encodeURIComponent(values.tenant)}/runs`, { method: 'POST', headers, body: JSON.stringify({ termId: values.term, asOf: values['as-of'] }) });
const run = (await started.json()) as { runId?: string; detail?: string };
if (started.status !== 202 || run.runId === undefined) {
  console.error(`the run was not started (${started.status}): ${run.detail ?? JSON.stringify(run)}`);
  process.exit(1);
}
console.log(`run ${run.runId} accepted; waiting for its outcome …`);
for (;;) {
  await new Promise((wake) => setTimeout(wake, 500));
  const answer = await fetch(`${values.url}/tenants/${encodeURIComponent(values.tenant)}/runs/${run.runId}`, { headers });
  const current = (await answer.json()) as { status: string };
  if (current.status === 'succeeded' || current.status === 'failed') {
    console.log(JSON.stringify(current, null, 2));
    process.exit(current.status === 'succeeded' ? 0 : 1);
  }
}
