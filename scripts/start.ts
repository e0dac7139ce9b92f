/**
 * `npm start`: the whole backend on this machine, no AWS account and no Docker.
 *
 *   npm start                     data kept in .local/ (survives restarts)
 *   npm start -- --seed           also load the demo tenant
 *   npm start -- --port 3000 --data-dir /tmp/xuewu
 *   npm start -- --clock 2025-11-10T09:00:00+08:00   the clock starts at that instant and runs on
 *   npm start -- --clock-offset -30d                  the clock runs 30 days behind the system clock
 *   npm start -- --help
 *
 * Invalid options: a message on stderr and exit code 2.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ClockOptionError, formatClockOffset, parseClockInstant, parseClockOffset, type LocalClockOptions } from './local/clock.js';
import { demo, seedDemo } from './local/demo.js';
import { startLocalBackend } from './local/runtime.js';

const usage = `Usage: npm start -- [options]

  --seed                  load the demo tenant "demo" (once; kept in the data folder)
  --port <n>              port of the HTTP API (default 3000; 0 picks a free one)
  --data-dir <dir>        where data, objects and the signing key are kept (default .local)
  --clock <instant>       start the handlers' clock at this instant and let it run;
                          ISO 8601 with Z or an offset, e.g. 2025-11-10T09:00:00+08:00
  --clock-offset <d>      run the handlers' clock this far from the system clock;
                          a sign and <number><unit> parts, units d h m s, largest first:
                          -30d, +2h, -1d12h, 90m
  --no-schedules          the scheduled jobs (the daily compliance run) never fire by
                          themselves; queues, the event bus and on-demand runs still work
  -h, --help              this text

--clock and --clock-offset are for development only: time is shifted in this process,
never on AWS. Tokens keep the real time.`;

function usageError(message: string): never {
  console.error(`npm start: ${message}\n\n${usage}`);
  process.exit(2);
}

/** `--clock-offset -30d` as well as `--clock-offset=-30d` (parseArgs refuses a value starting with a dash). */
function joinNegativeOffsets(args: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (args[i] === '--clock-offset' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`--clock-offset=${next}`);
      i++;
    } else joined.push(args[i]!);
  }
  return joined;
}

function parseOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeOffsets(process.argv.slice(2)),
      options: {
        seed: { type: 'boolean', default: false },
        port: { type: 'string', default: '3000' },
        'data-dir': { type: 'string', default: '.local' },
        clock: { type: 'string' },
        'clock-offset': { type: 'string' },
        'no-schedules': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535) usageError(`--port ${values.port} is not a port number (0–65535)`);
  let clock: LocalClockOptions | undefined;
  try {
    if (values.clock !== undefined && values['clock-offset'] !== undefined) {
      usageError('give either --clock or --clock-offset, not both');
    }
    if (values.clock !== undefined) clock = { startAt: parseClockInstant(values.clock).toISOString() };
    if (values['clock-offset'] !== undefined) clock = { offsetMs: parseClockOffset(values['clock-offset']) };
  } catch (error) {
    if (error instanceof ClockOptionError) usageError(`${values.clock !== undefined ? '--clock' : '--clock-offset'}: ${error.message}`);
    throw error;
  }
  return { seed: values.seed, port, dataDir: resolve(values['data-dir']), clock, schedules: !values['no-schedules'] };
}

const values = parseOptions();
const dataDir = values.dataDir;
console.log(`Starting Xuewu locally (data in ${dataDir}) …`);
const backend = await startLocalBackend({ dataDir, port: values.port, schedules: values.schedules, ...(values.clock ? { clock: values.clock } : {}) });

if (values.seed) {
  const loaded = await seedDemo(backend);
  console.log(loaded ? 'Demo tenant "demo" loaded.' : 'Demo tenant "demo" was already there.');
}

const teacherToken = await backend.auth.issue(demo.classTeacher);
console.log(`
Xuewu is listening on ${backend.url}
  DynamoDB Local ${backend.dynamodbEndpoint}   S3 (s3rver) ${backend.s3Endpoint}
${clockBanner()}${scheduleBanner()}
A token for the demo class teacher (valid 12 h; make others with \`npm run token -- --help\`):
  TOKEN=${teacherToken}

Try:
  curl -s -H "authorization: Bearer $TOKEN" '${backend.url}/tenants/${demo.tenantId}/records?classId=${demo.classId}&kind=class-meeting'
  curl -s -H "authorization: Bearer $TOKEN" ${backend.url}/tenants/${demo.tenantId}/staff/${demo.classTeacher.userId}/standing
${values.seed ? '' : '  (start with --seed to load the demo class first)\n'}
Ctrl-C stops it; the data stays in ${dataDir}.`);

function clockBanner(): string {
  if (values.clock === undefined) return '';
  const now = backend.clock.now();
  const shanghai = new Date(now.getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
  return `  Clock: ${now.toISOString()} (${shanghai} Asia/Shanghai) and running, ${formatClockOffset(backend.clock.offsetMs)} from the system clock
         (the handlers' time only; tokens keep the real time)
`;
}

function scheduleBanner(): string {
  const firings = backend.async.nextFirings();
  if (firings.length === 0) return '  Schedules: off (--no-schedules)\n';
  return firings.map(({ name, at }) => `  Schedule ${name}: next at ${at.toISOString()} (handlers' clock)\n`).join('');
}

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping …');
  await backend.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
