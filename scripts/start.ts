/**
 * `npm start`: the whole backend on this machine, no AWS account and no Docker.
 *
 *   npm start                     data kept in .local/ (survives restarts)
 *   npm start -- --seed           also load the demo tenant
 *   npm start -- --port 3000 --data-dir /tmp/xuewu
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { demo, seedDemo } from './local/demo.js';
import { startLocalBackend } from './local/runtime.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'boolean', default: false },
    port: { type: 'string', default: '3000' },
    'data-dir': { type: 'string', default: '.local' },
  },
});

const dataDir = resolve(values['data-dir']);
console.log(`Starting Xuewu locally (data in ${dataDir}) …`);
const backend = await startLocalBackend({ dataDir, port: Number(values.port) });

if (values.seed) {
  const loaded = await seedDemo(backend);
  console.log(loaded ? 'Demo tenant "demo" loaded.' : 'Demo tenant "demo" was already there.');
}

const teacherToken = await backend.auth.issue(demo.classTeacher);
console.log(`
Xuewu is listening on ${backend.url}
  DynamoDB Local ${backend.dynamodbEndpoint}   S3 (s3rver) ${backend.s3Endpoint}

A token for the demo class teacher (valid 12 h; make others with \`npm run token -- --help\`):
  TOKEN=${teacherToken}

Try:
  curl -s -H "authorization: Bearer $TOKEN" ${backend.url}/tenants/${demo.tenantId}/classes/${demo.classId}/meetings
  curl -s -H "authorization: Bearer $TOKEN" ${backend.url}/tenants/${demo.tenantId}/staff/${demo.classTeacher.userId}/standing
${values.seed ? '' : '  (start with --seed to load the demo class first)\n'}
Ctrl-C stops it; the data stays in ${dataDir}.`);

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
