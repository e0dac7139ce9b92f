/**
 * `npm run report -- --tenant demo --term 2025-autumn --as-of 2026-01-24T00:00:00+08:00`:
 * an operator starts a compliance run against the running local backend (`npm start`), as
 * the tenant admin would through the API, waits for its outcome, then for the term-end
 * report it issues (one week after the term ends), and copies the report's files out of
 * the local S3 into `<data folder>/reports/`, printing their paths. With no tenant, term
 * and as-of it does the demo tenant's past term (`npm start -- --seed`).
 *
 * The run's outcome is polled over the API (the script is another process); inside the
 * backend the units join by a counter. The report is found by its records in the table,
 * which the report job writes after the files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { termReportDue } from '../domain/reports/index.js';
import type { ThresholdOverride } from '../domain/compliance/inputs.js';
import { createDependencies } from '../functions/composition.js';
import { TERM_REPORTS_PREFIX } from '../functions/reports/report-keys.js';
import { demo } from './local/demo.js';
import { devAuth } from './local/dev-auth.js';
import { localAwsSettings } from './local/dynamodb-local.js';
import { runtimeFileName, type RuntimeFile } from './local/runtime.js';
import { localBuckets, localS3ClientSettings } from './local/s3-local.js';

const usage = `usage: npm run report -- [--tenant <id> --term <term id> --as-of <ISO instant>] [--data-dir .local] [--url <backend>] [--wait <seconds>]

  With no --tenant, --term and --as-of: the demo tenant's past term (${demo.tenantId} ${demo.pastTerm.termId} as of ${demo.pastTerm.reportAsOf}).
  --data-dir   the folder npm start was given (default .local); the files are copied to <data-dir>/reports/
  --url        the backend's URL (default: the one npm start wrote to <data-dir>/${runtimeFileName})
  --wait       how long to wait for the run and its report (default 300 s)`;

function fail(message: string, code = 1): never {
  console.error(`npm run report: ${message}`);
  process.exit(code);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      term: { type: 'string' },
      'as-of': { type: 'string' },
      url: { type: 'string' },
      'data-dir': { type: 'string', default: '.local' },
      wait: { type: 'string', default: '300' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`, 2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const given = [values.tenant, values.term, values['as-of']].filter((value) => value !== undefined).length;
if (given !== 0 && given !== 3) fail(`give --tenant, --term and --as-of together, or none of them for the demo\n${usage}`, 2);
const tenantId = values.tenant ?? demo.tenantId;
const termId = values.term ?? demo.pastTerm.termId;
const asOf = values['as-of'] ?? demo.pastTerm.reportAsOf;
const waitMs = Number(values.wait) * 1000;
if (!(waitMs > 0)) fail(`--wait ${values.wait} is not a number of seconds\n${usage}`, 2);
const deadline = Date.now() + waitMs;

const dataDir = resolve(values['data-dir']);
let runtime: RuntimeFile;
try {
  runtime = JSON.parse(readFileSync(join(dataDir, runtimeFileName), 'utf8')) as RuntimeFile;
} catch {
  fail(`no local backend is running on ${dataDir} (no ${runtimeFileName} there): start it with npm start${values['data-dir'] === '.local' ? '' : ` -- --data-dir ${values['data-dir']}`}`);
}
const url = values.url ?? runtime.url;

const auth = await devAuth(join(dataDir, 'dev-signing-key.json'));
const token = await auth.issue({ userId: 'operator', tenantId, roles: ['tenant-admin'] });
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const tenantPath = `${url}/tenants/${encodeURIComponent(tenantId)}`;

async function getJson<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  let response;
  try {
    response = await fetch(`${tenantPath}${path}`, { headers, ...init });
  } catch {
    fail(`no backend answers at ${url}: is npm start running?`);
  }
  return { status: response.status, body: (await response.json()) as T };
}
const pause = () => new Promise((wake) => setTimeout(wake, 500));

// The report falls due one week after the term ends: an earlier as-of runs, but writes no report.
const configuration = await getJson<{ terms?: { id: string; start: string; end: string }[]; overrides?: ThresholdOverride[] }>('/configuration');
const term = configuration.body.terms?.find((t) => t.id === termId);

const started = await getJson<{ runId?: string; detail?: string }>('/runs', { method: 'POST', body: JSON.stringify({ termId, asOf }) });
if (started.status !== 202 || started.body.runId === undefined) fail(`the run was not started (${started.status}): ${started.body.detail ?? JSON.stringify(started.body)}`);
const { runId } = started.body;
console.log(`run ${runId} of ${tenantId} ${termId} as of ${asOf} accepted; waiting for its outcome …`);

interface RunView {
  status: string;
  asOf: string;
  durationMs?: number;
  failedUnits?: string[];
  counts: Record<string, number>;
}
let run: RunView;
for (;;) {
  run = (await getJson<RunView>(`/runs/${runId}`)).body;
  if (run.status === 'succeeded' || run.status === 'failed') break;
  if (Date.now() > deadline) fail(`the run is still ${run.status} after ${values.wait} s`);
  await pause();
}
const counts = Object.entries(run.counts).map(([status, n]) => `${status} ${n}`).join(', ');
console.log(`run ${run.status} in ${((run.durationMs ?? 0) / 1000).toFixed(1)} s: ${counts}`);
if (run.status === 'failed') fail(`units failed: ${(run.failedUnits ?? []).join(', ')}`);
if (term === undefined || !termReportDue(term, configuration.body.overrides, new Date(run.asOf))) {
  fail(`no term-end report as of ${run.asOf}: it falls due when the 督学统计表 does, one week after the term ends unless the tenant set another${term ? ` (${term.end})` : ''}`);
}

// The report job records each scope's report after storing its files: wait for every scope's record.
// DynamoDB Local takes any key pair; the SDK still wants one, and a region.
process.env['AWS_REGION'] ??= localAwsSettings.region;
process.env['AWS_ACCESS_KEY_ID'] ??= localAwsSettings.credentials.accessKeyId;
process.env['AWS_SECRET_ACCESS_KEY'] ??= localAwsSettings.credentials.secretAccessKey;
const dependencies = createDependencies({ tableName: runtime.tableName, dynamodbEndpoint: runtime.dynamodbEndpoint });
const scopes = 1 + (await dependencies.roster.unitsOf(tenantId)).length;
let reports;
for (;;) {
  const all = await dependencies.reports.ofTerm(tenantId, termId);
  // The newest findings revision up to the run's as-of is the run's own, which it has just published.
  reports = all.filter((report) => report.asOf === run.asOf);
  if (reports.length >= scopes) break;
  if (Date.now() > deadline) fail(`the term-end report was not written within ${values.wait} s (${reports.length} of ${scopes} scopes)`);
  await pause();
}

const s3 = new S3Client({ endpoint: runtime.s3Endpoint, region: localAwsSettings.region, ...localS3ClientSettings });
console.log(`term-end report, revision ${reports[0]!.revision}, written to ${join(dataDir, 'reports')}:`);
for (const report of reports) {
  for (const key of [report.objects.xlsx.zh, report.objects.xlsx.en, report.objects.json]) {
    const object = await s3.send(new GetObjectCommand({ Bucket: localBuckets.reports, Key: key }));
    const path = join(dataDir, 'reports', key.slice(TERM_REPORTS_PREFIX.length));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await object.Body!.transformToByteArray());
    console.log(`  ${path}`);
  }
}
console.log('Open the .xlsx files with LibreOffice Calc, Excel or WPS (one Chinese, one English -en); the .json with any JSON viewer.');
s3.destroy();
process.exit(0);
