/**
 * The handler's own CPU per request, in a process of its own, as Lambda runs one function
 * per process: only the function's module is loaded, so neither the local runtime (the
 * gateway stand-in, s3rver, the load generator) nor their garbage shares its heap.
 *
 * The parent (`http-load.ts`) records what DynamoDB Local answered to one real invocation
 * and writes a plan file; this script answers the document client's `send` with those
 * answers, in order, and prints its figures as JSON. The answers are frozen and handed out
 * as they are: the bench allocates nothing per invocation beyond the event's copy, so the
 * garbage collections it counts are the handler's own (a handler that altered an answer
 * would throw, and the bench with it).
 *
 * Run as `node --import tsx bench/handler-cpu.ts <plan file>`.
 */
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deserialize } from 'node:v8';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

export interface HandlerCpuPlan {
  /** The function's source file, relative to the repository root. */
  readonly entry: string;
  readonly event: APIGatewayProxyEventV2WithJWTAuthorizer;
  readonly expect: number;
  /** Storage's answers to one real invocation, in order. */
  readonly recorded: readonly unknown[];
  readonly warmUp: number;
  readonly iterations: number;
}

export interface HandlerCpuFigures {
  readonly cpuP50: number;
  readonly cpuP99: number;
  readonly wallP50: number;
  readonly wallP99: number;
  /** Share of the measured invocations during which V8 collected garbage. */
  readonly withGc: number;
  /**
   * The process's whole CPU over the measured invocations, divided by their number: it
   * includes the collections run between invocations and the bench's own loop, so it is
   * the amortised upper bound beside the per-invocation percentiles.
   */
  readonly cpuMeanAllIn: number;
}

type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

function deepFrozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFrozen(inner);
    Object.freeze(value);
  }
  return value;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(plan: HandlerCpuPlan): Promise<HandlerCpuFigures> {
  const module = (await import(pathToFileURL(resolve(import.meta.dirname, '..', plan.entry)).href)) as { handler: Handler };
  const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 10_000 } as Context;

  const answers = plan.recorded.map(deepFrozen);
  let call = 0;
  Object.defineProperty(DynamoDBDocumentClient.prototype, 'send', {
    configurable: true,
    value: async () => {
      const answer = answers[call++];
      if (answer === undefined) throw new Error('more storage calls than recorded');
      return answer;
    },
  });

  // Garbage collections, by start time, to tell how many invocations met one.
  const collections: { start: number; end: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) collections.push({ start: entry.startTime, end: entry.startTime + entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });

  const cpu: number[] = [];
  const wall: number[] = [];
  const windows: { start: number; end: number }[] = [];
  let measuredFrom: NodeJS.CpuUsage | undefined;
  for (let invocation = 0; invocation < plan.warmUp + plan.iterations; invocation++) {
    call = 0;
    if (invocation === plan.warmUp) measuredFrom = process.cpuUsage();
    // Lambda's runtime turns the event loop between invocations (it fetches the next event
    // over HTTP); so does the bench, letting timers and V8's posted tasks run outside the timing.
    await new Promise((settled) => setImmediate(settled));
    const event = structuredClone(plan.event);
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    const response = await module.handler(event, context);
    const wallEnd = performance.now();
    const used = process.cpuUsage(cpuStart);
    if (response.statusCode !== plan.expect) throw new Error(`stubbed: ${response.statusCode} ${response.body}`);
    if (invocation >= plan.warmUp) {
      cpu.push((used.user + used.system) / 1000);
      wall.push(wallEnd - wallStart);
      windows.push({ start: wallStart, end: wallEnd });
    }
  }
  const allIn = process.cpuUsage(measuredFrom);
  await new Promise((settled) => setTimeout(settled, 50)); // the observer reports asynchronously
  observer.disconnect();

  const metGc = windows.filter((w) => collections.some((gc) => gc.start < w.end && gc.end > w.start)).length;
  cpu.sort((a, b) => a - b);
  wall.sort((a, b) => a - b);
  return {
    cpuP50: percentile(cpu, 50),
    cpuP99: percentile(cpu, 99),
    wallP50: percentile(wall, 50),
    wallP99: percentile(wall, 99),
    withGc: metGc / windows.length,
    cpuMeanAllIn: (allIn.user + allIn.system) / 1000 / plan.iterations,
  };
}

const planFile = process.argv[2];
if (planFile !== undefined && import.meta.filename === resolve(process.argv[1] ?? '')) {
  const plan = deserialize(readFileSync(planFile)) as HandlerCpuPlan;
  process.stdout.write(JSON.stringify(await measure(plan)));
}
