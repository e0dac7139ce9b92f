/**
 * HTTP throughput and latency of the two busiest routes, and the handlers' own CPU time.
 *
 * 1. Load: autocannon (in a worker thread, so the load generator does not share the
 *    server's event loop) against the local runtime — the API Gateway stand-in (JWT
 *    verification included), the handler, DynamoDB Local — on loopback, a few
 *    connections, a fixed duration per run, the median of several runs.
 * 2. Handler CPU: the same handler module invoked in-process with the same events, its
 *    storage calls answered by aws-sdk-client-mock with responses recorded from DynamoDB
 *    Local a moment before, so the figure is the handler's work without storage (and
 *    without the SDK's marshalling and HTTP, which the stub skips). Target: p99 < 2 ms.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import autocannon from 'autocannon';
import { apiGatewayEvent, localHandler, type GatewayRequest } from '../scripts/local/api-gateway.js';
import { demo, seedDemo } from '../scripts/local/demo.js';
import { startLocalBackend, type LocalBackend } from '../scripts/local/runtime.js';

const seconds = Number(process.env['BENCH_HTTP_SECONDS'] ?? 10);
const runs = Number(process.env['BENCH_HTTP_RUNS'] ?? 3);
const connections = Number(process.env['BENCH_HTTP_CONNECTIONS'] ?? 4);
const warmUpSeconds = Number(process.env['BENCH_HTTP_WARMUP_SECONDS'] ?? 3);
const cpuIterations = Number(process.env['BENCH_HANDLER_ITERATIONS'] ?? 3000);
const cpuTargetMs = 2;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

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

interface CpuFigures {
  readonly cpuP50: number;
  readonly cpuP99: number;
  readonly wallP50: number;
  readonly wallP99: number;
}

/** The handler of a scenario's route, invoked in-process with the stand-in's events. */
async function handlerCpu(backend: LocalBackend, token: string, scenario: Scenario): Promise<CpuFigures> {
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

  // Then the same invocation with storage stubbed: each call answers a fresh copy of the
  // recorded response, in the recorded order; copies and events are made before the timer starts.
  const warmUp = Math.max(1000, Math.floor(cpuIterations / 2)); // until the JIT has settled: its compiler threads count in process.cpuUsage()
  let answers: unknown[] = [];
  let call = 0;
  await new Promise((settled) => setTimeout(settled, 1000)); // let the load's last requests finish
  const documentClient = mockClient(DynamoDBDocumentClient);
  documentClient.onAnyCommand().callsFake(() => {
    const answer = answers[call++];
    if (answer === undefined) throw new Error(`${scenario.name}: more storage calls than recorded`);
    return answer;
  });
  const cpu: number[] = [];
  const wall: number[] = [];
  try {
    for (let invocation = 0; invocation < warmUp + cpuIterations; invocation++) {
      answers = recorded.map((output) => structuredClone(output));
      call = 0;
      // sinon keeps every call's arguments; dropped each time so the bench holds no garbage of its own.
      documentClient.resetHistory();
      const { event, context } = eventFor();
      const cpuStart = process.cpuUsage();
      const wallStart = performance.now();
      const response = await handler(event, context);
      const wallMs = performance.now() - wallStart;
      const used = process.cpuUsage(cpuStart);
      if (response.statusCode !== scenario.expect) throw new Error(`${scenario.name} (stubbed): ${response.statusCode} ${response.body}`);
      if (invocation >= warmUp) {
        cpu.push((used.user + used.system) / 1000);
        wall.push(wallMs);
      }
    }
  } finally {
    documentClient.restore();
  }
  cpu.sort((a, b) => a - b);
  wall.sort((a, b) => a - b);
  return { cpuP50: percentile(cpu, 50), cpuP99: percentile(cpu, 99), wallP50: percentile(wall, 50), wallP99: percentile(wall, 99) };
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
          `${cpu.wallP99.toFixed(2)} ms | ${cpu.cpuP99 < cpuTargetMs ? 'ok' : `over ${cpuTargetMs} ms`} |`,
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
      `Handler CPU per request, in-process, storage stubbed (aws-sdk-client-mock replaying recorded DynamoDB Local answers), ` +
        `${cpuIterations} invocations after a warm-up`,
      '',
      '| scenario | CPU p50 | CPU p99 | wall p50 | wall p99 | target CPU p99 < 2 ms |',
      '| --- | --- | --- | --- | --- | --- |',
      ...cpuRows,
    ].join('\n');
  } finally {
    await backend.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
