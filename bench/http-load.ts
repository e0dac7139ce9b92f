/**
 * HTTP throughput and latency of the two busiest routes, and the handlers' own CPU time.
 *
 * 1. Load: autocannon (in a worker thread, so the load generator does not share the
 *    server's event loop) against the local runtime — the API Gateway stand-in (JWT
 *    verification included), the handler, DynamoDB Local — on loopback, a few
 *    connections, a fixed duration per run, the median of several runs.
 * 2. Handler CPU: the same handler module invoked with the same events in a process of
 *    its own (`handler-cpu.ts`), its storage calls answered by a stub of `send` with
 *    responses recorded from DynamoDB Local a moment before, so the figure is the
 *    handler's work without storage (and without the SDK's marshalling and HTTP, which
 *    the stub skips). Target: p99 < 2 ms.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import { apiGatewayEvent, localHandler, type GatewayRequest } from '../scripts/local/api-gateway.js';
import { httpFunctions } from '../functions/catalog.js';
import { demo, seedDemo } from '../scripts/local/demo.js';
import { startLocalBackend, type LocalBackend } from '../scripts/local/runtime.js';
import type { HandlerCpuFigures, HandlerCpuPlan } from './handler-cpu.js';

const seconds = Number(process.env['BENCH_HTTP_SECONDS'] ?? 10);
const runs = Number(process.env['BENCH_HTTP_RUNS'] ?? 3);
const connections = Number(process.env['BENCH_HTTP_CONNECTIONS'] ?? 4);
const warmUpSeconds = Number(process.env['BENCH_HTTP_WARMUP_SECONDS'] ?? 3);
const cpuIterations = Number(process.env['BENCH_HANDLER_ITERATIONS'] ?? 3000);
const cpuTargetMs = 2;
/** V8 flags for the handler's process, to try what a function's NODE_OPTIONS would change. */
const handlerNodeFlags = (process.env['BENCH_HANDLER_NODE_FLAGS'] ?? '').split(' ').filter((flag) => flag !== '');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

interface Scenario {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
  readonly expect: number;
}

const scenarios: Scenario[] = [
  {
    name: 'create-record (POST class meeting)',
    method: 'POST',
    path: `/tenants/${demo.tenantId}/records`,
    body: JSON.stringify({
      kind: 'class-meeting',
      classId: demo.classId,
      content: {
        heldOn: '2025-10-20',
        kind: 'regular',
        agenda: '国庆后返校安全教育',
        noticeIssuedAt: '2025-10-17T18:00:00+08:00',
        attendees: ['2511001201001', '2511001201002', '2511001201003'],
        summary: '强调交通与宿舍安全。',
      },
    }),
    expect: 201,
  },
  {
    name: 'list-records (GET meetings, 20 a page)',
    method: 'GET',
    path: `/tenants/${demo.tenantId}/records?classId=${demo.classId}&kind=class-meeting&limit=20`,
    expect: 200,
  },
];

interface LoadRun {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly total: number;
  readonly unexpected: number;
}

async function load(backend: LocalBackend, token: string, scenario: Scenario, duration: number): Promise<LoadRun> {
  const result = await autocannon({
    url: `${backend.url}${scenario.path}`,
    method: scenario.method,
    headers: { authorization: `Bearer ${token}`, ...(scenario.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(scenario.body !== undefined ? { body: scenario.body } : {}),
    connections,
    duration,
    workers: 1,
  } as autocannon.Options);
  const total = result.requests.total;
  return {
    rps: total / duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total,
    // Transport errors, timeouts and any status other than the expected 2xx.
    unexpected: result.errors + result.timeouts + result.non2xx,
  };
}

/** The handler of a scenario's route: storage recorded here, then timed in a process of its own. */
async function handlerCpu(backend: LocalBackend, token: string, scenario: Scenario): Promise<HandlerCpuFigures> {
  const claims = await backend.auth.verify(token);
  if (claims === undefined) throw new Error('the bench token does not verify');
  const request: GatewayRequest = {
    method: scenario.method,
    url: scenario.path,
    headers: {
      host: '127.0.0.1',
      authorization: `Bearer ${token}`,
      ...(scenario.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: scenario.body ?? '',
  };
  const eventFor = () => {
    const routed = apiGatewayEvent(request, claims);
    if (typeof routed === 'string') throw new Error(`no route for ${scenario.method} ${scenario.path}`);
    return routed;
  };
  const handler = await localHandler(eventFor().function);

  // One real invocation against DynamoDB Local, recording what storage answered, in order.
  const prototype = DynamoDBDocumentClient.prototype as unknown as { send: (...args: unknown[]) => Promise<unknown> };
  const realSend = prototype.send;
  // Only this invocation's calls: requests of the load still in flight call storage too.
  const ours = new AsyncLocalStorage<true>();
  const recorded: unknown[] = [];
  Object.defineProperty(prototype, 'send', {
    configurable: true,
    writable: true,
    value: async function (this: unknown, ...args: unknown[]) {
      const output = await realSend.apply(this, args);
      if (ours.getStore()) recorded.push(output);
      return output;
    },
  });
  try {
    const { event, context } = eventFor();
    const response = await ours.run(true, () => handler(event, context));
    if (response.statusCode !== scenario.expect) throw new Error(`${scenario.name}: ${response.statusCode} ${response.body}`);
  } finally {
    delete (prototype as { send?: unknown }).send;
  }

  // Then the same invocation with storage stubbed, in a process holding only the function.
  await new Promise((settled) => setTimeout(settled, 1000)); // let the load's last requests finish
  const routed = eventFor();
  const plan: HandlerCpuPlan = {
    entry: httpFunctions[routed.function].entry,
    event: routed.event,
    expect: scenario.expect,
    recorded,
    warmUp: Math.max(1000, Math.floor(cpuIterations / 2)), // until the JIT has settled: its compiler threads count in process.cpuUsage()
    iterations: cpuIterations,
  };
  const planDir = mkdtempSync(join(tmpdir(), 'xuewu-bench-cpu-'));
  try {
    const planFile = join(planDir, 'plan.bin');
    writeFileSync(planFile, serialize(plan));
    const output = execFileSync(process.execPath, [...handlerNodeFlags, '--import', 'tsx', join(import.meta.dirname, 'handler-cpu.ts'), planFile], {
      // The same table name as recorded: a batch read's answer is keyed by it. Nothing listens at the endpoint.
      env: { ...process.env, TABLE_NAME: process.env['TABLE_NAME'], DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', POWERTOOLS_LOG_LEVEL: 'ERROR' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return JSON.parse(output) as HandlerCpuFigures;
  } finally {
    rmSync(planDir, { recursive: true, force: true });
  }
}

export async function benchHttpLoad(): Promise<string> {
  // Successful requests log nothing; keep a refused one from flooding the bench's output.
  process.env['POWERTOOLS_LOG_LEVEL'] ??= 'ERROR';
  const dataDir = mkdtempSync(join(tmpdir(), 'xuewu-bench-http-'));
  const backend = await startLocalBackend({ dataDir });
  try {
    await seedDemo(backend);
    const token = await backend.auth.issue(demo.classTeacher);
    const rows: string[] = [];
    const cpuRows: string[] = [];
    for (const scenario of scenarios) {
      await load(backend, token, scenario, warmUpSeconds);
      const measured: LoadRun[] = [];
      for (let run = 0; run < runs; run++) measured.push(await load(backend, token, scenario, seconds));
      const rps = measured.map((m) => m.rps);
      const unexpected = measured.reduce((sum, m) => sum + m.unexpected, 0);
      const total = measured.reduce((sum, m) => sum + m.total, 0);
      rows.push(
        `| ${scenario.name} | ${median(rps).toFixed(0)} (${Math.min(...rps).toFixed(0)}–${Math.max(...rps).toFixed(0)}) | ` +
          `${median(measured.map((m) => m.p50)).toFixed(1)} ms | ${median(measured.map((m) => m.p99)).toFixed(1)} ms | ` +
          `${unexpected} of ${total} |`,
      );
      const cpu = await handlerCpu(backend, token, scenario);
      cpuRows.push(
        `| ${scenario.name} | ${cpu.cpuP50.toFixed(2)} ms | ${cpu.cpuP99.toFixed(2)} ms | ${cpu.wallP50.toFixed(2)} ms | ` +
          `${cpu.wallP99.toFixed(2)} ms | ${(cpu.withGc * 100).toFixed(1)} % | ${cpu.cpuMeanAllIn.toFixed(2)} ms | ${cpu.cpuP99 < cpuTargetMs ? 'ok' : `over ${cpuTargetMs} ms`} |`,
      );
    }
    return [
      `HTTP through the local runtime (stand-in gateway with JWT check → handler → DynamoDB Local), loopback, ` +
        `${connections} connections, ${seconds} s per run after a ${warmUpSeconds} s warm-up, median of ${runs} runs (range of requests/s), Node ${process.version}`,
      '',
      '| scenario | requests/s | p50 latency | p99 latency | errors or unexpected status |',
      '| --- | --- | --- | --- | --- |',
      ...rows,
      '',
      `Handler CPU per request, in a process holding only the function, storage stubbed (the document client's send answering recorded DynamoDB Local answers), ` +
        `${cpuIterations} invocations after a warm-up`,
      '',
      '| scenario | CPU p50 | CPU p99 | wall p50 | wall p99 | invocations meeting a GC | CPU mean, all in | target CPU p99 < 2 ms |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...cpuRows,
    ].join('\n');
  } finally {
    await backend.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
