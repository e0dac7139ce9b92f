/**
 * The whole term-end run on DynamoDB Local: a tenant of N classes (40 students, ~1,000
 * records each, 10 classes a unit) loaded with BatchWrite in parallel, then each unit as
 * the `unit-evaluations` consumer does it — read its classes and its staff's own records,
 * evaluate, store the findings — and the term-end report job (tenant and every unit: zh and
 * en workbooks and the JSON twin, uploaded to s3rver). Each phase is timed on its own, with
 * the DynamoDB commands it sent (a scan fails the bench), the bytes it read as DynamoDB
 * counts them, and the process's peak RSS so far.
 *
 * Each size runs in a fresh process with a fresh, in-memory DynamoDB Local, so neither
 * memory nor table size carries over.
 *
 *   npx tsx bench/term-end-run.ts                        # 10 and 100 classes
 *   BENCH_RUN_CLASSES=1000 npx tsx bench/term-end-run.ts # a million records: loading takes long
 *   BENCH_RUN_RECORDS=500 npx tsx bench/term-end-run.ts  # records per class
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { evaluateUnitTerm } from '../domain/runs/index.js';
import { classRecordsOf } from '../functions/class-records.js';
import { createDependencies } from '../functions/composition.js';
import type { Messaging } from '../functions/messaging.js';
import { issueTermReports } from '../functions/reports/term-report-job.js';
import { itemBytes } from '../functions/storage/item-size.js';
import { bucketClient } from '../functions/storage/s3-client.js';
import { createStorage, keys } from '../functions/storage/table.js';
import { localAwsSettings, startDynamoDbLocal } from '../scripts/local/dynamodb-local.js';
import { localBuckets, startS3Local } from '../scripts/local/s3-local.js';
import { ensureTable } from '../scripts/local/tables.js';
import { median } from './compliance-data.js';
import { AS_OF, CLASSES_PER_UNIT, classId, configuration, counselorOf, random, recordsOfClass, STUDENTS, teacherOf, TENANT, TERM_ID, unitId } from './term-end-run-data.js';


/** Counts the document client's commands by name while `during` runs (as the harness watches writes). */
async function counting<T>(during: () => Promise<T>): Promise<{ result: T; commands: Record<string, number> }> {
  const prototype = Object.getPrototypeOf(DynamoDBDocumentClient.prototype) as { send: (...args: any[]) => unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any
  const original = prototype.send;
  const commands: Record<string, number> = {};
  prototype.send = function (this: unknown, command: { constructor: { name: string } }, ...rest: unknown[]) {
    if (this instanceof DynamoDBDocumentClient) commands[command.constructor.name] = (commands[command.constructor.name] ?? 0) + 1;
    return original.call(this, command, ...rest);
  };
  try {
    return { result: await during(), commands };
  } finally {
    prototype.send = original;
  }
}

const peakRssMb = () => (process.resourceUsage().maxRSS * 1024) / 1_048_576;

async function child(classCount: number, perClass: number): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'xuewu-run-bench-'));
  const [dynamodb, s3] = await Promise.all([startDynamoDbLocal(), startS3Local({ dataDir: join(dir, 's3') })]);
  try {
    const tableName = 'xuewu-bench';
    Object.assign(process.env, {
      TABLE_NAME: tableName, DYNAMODB_ENDPOINT: dynamodb.endpoint, S3_ENDPOINT: s3.endpoint, REPORTS_BUCKET: localBuckets.reports,
      AWS_REGION: localAwsSettings.region, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    const raw = new DynamoDBClient({ endpoint: dynamodb.endpoint, ...localAwsSettings });
    await ensureTable(raw, tableName);
    const documents = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
    const storage = createStorage(documents, tableName);
    // The bus and queues are not measured: the report's announcement goes nowhere.
    const messaging: Messaging = { queues: { send: async () => {} }, events: { publish: async () => {} } };
    const dependencies = createDependencies({ tableName, dynamodbEndpoint: dynamodb.endpoint }, { now: () => new Date() }, { messaging });
    const now = new Date().toISOString();

    // The tenant through the repositories (each class with its students in one transaction, as the API writes it).
    const units = [...new Set(Array.from({ length: classCount }, (_, c) => unitId(c)))];
    await dependencies.roster.putTenant({ tenantId: TENANT, name: '基准机构', kind: 'headquarters', version: 1 });
    await dependencies.configuration.save(TENANT, { configuration, revision: 1, updatedAt: now, updatedBy: 'bench' });
    for (const id of units) await dependencies.roster.createUnit({ tenantId: TENANT, unitId: id, name: `学习中心 ${id}`, kind: 'learning-center' });
    for (let c = 0; c < classCount; c += 2) {
      for (const userId of [teacherOf(c), counselorOf(c)]) await dependencies.roster.putStaffMember({ tenantId: TENANT, userId, name: `教师 ${userId}`, unitId: unitId(c), version: 1 });
    }
    for (let c = 0; c < classCount; c++) {
      const schoolClass = { tenantId: TENANT, classId: classId(c), unitId: unitId(c), name: `班级 ${classId(c)}`, cohort: c % 4 === 0 ? 'new' : 'returning', entryTerm: c % 4 === 0 ? TERM_ID : '2024-autumn', classTeacherId: teacherOf(c), counselorId: counselorOf(c), version: 1 } as const;
      const students = Array.from({ length: STUDENTS }, (_, s) => ({ tenantId: TENANT, classId: classId(c), studentNumber: `${classId(c)}${String(s).padStart(2, '0')}`, name: `学生${s}` }));
      await dependencies.roster.createClass(schoolClass, students, { tenantId: TENANT, classId: classId(c), version: 1, before: {}, after: { classTeacherId: teacherOf(c), counselorId: counselorOf(c) }, by: 'bench', at: now });
    }

    // Records: each is two items (head, version 1), put with BatchWriteItem, 25 a request, 16 requests in flight.
    const rnd = random(20250901);
    const items: Record<string, unknown>[] = [];
    for (let c = 0; c < classCount; c++) {
      for (const record of recordsOfClass(c, perClass, rnd)) {
        for (const entry of [keys.head, keys.recordVersion(1)]) items.push(storage.staffRecord.build(PutItemCommand).item({ ...record, entry }).params().Item as Record<string, unknown>);
      }
    }
    const loadStart = performance.now();
    let next = 0;
    const writer = async () => {
      while (next < items.length) {
        let batch = items.slice(next, next + 25).map((Item) => ({ PutRequest: { Item } }));
        next += 25;
        while (batch.length > 0) {
          const answer = await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: batch } }));
          batch = (answer.UnprocessedItems?.[tableName] ?? []) as typeof batch;
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, writer));
    const loadMs = performance.now() - loadStart;

    // DynamoDB Local's JIT and the SDK's connections warm up on the first queries: one untimed
    // read of the first unit first, so a 10-class tenant is not timed cold against a warm 100.
    await Promise.all((await dependencies.roster.classesOfUnit(TENANT, units[0]!)).map((c) => classRecordsOf(dependencies, TENANT, c.classId)));

    // The run: each unit as its unit-evaluations message would, one after another (on AWS, in parallel).
    const unitReadMs: number[] = [];
    const cpuMs = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
    let readCpuMs = 0;
    let evaluateCpuMs = 0;
    let readMs = 0;
    let evaluateMs = 0;
    let writeMs = 0;
    let bytesRead = 0;
    let findingCount = 0;
    let openCount = 0;
    let itemsRead = 0;
    const readCommands: Record<string, number> = {};
    const writeCommands: Record<string, number> = {};
    for (const unit of units) {
      const t0 = performance.now();
      const c0 = cpuMs();
      const { result: read, commands } = await counting(async () => {
        const classes = (await Promise.all((await dependencies.roster.classesOfUnit(TENANT, unit)).map((c) => classRecordsOf(dependencies, TENANT, c.classId)))).flatMap((r) => (r === undefined ? [] : [r]));
        const staff = [...new Set(classes.flatMap(({ schoolClass }) => [schoolClass.classTeacherId, schoolClass.counselorId]).filter((id): id is string => id !== undefined))];
        const ownRecords = (await Promise.all(staff.map((userId) => dependencies.records.allOfAuthor(TENANT, userId)))).flat();
        return { classes, ownRecords };
      });
      const t1 = performance.now();
      const c1 = cpuMs();
      readCpuMs += c1 - c0;
      for (const [name, n] of Object.entries(commands)) readCommands[name] = (readCommands[name] ?? 0) + n;
      for (const { records, students } of read.classes) {
        itemsRead += records.length + students.length;
        for (const record of records) bytesRead += itemBytes({ ...record, entry: keys.head });
      }
      for (const record of read.ownRecords) bytesRead += itemBytes({ ...record, entry: keys.head });
      itemsRead += read.ownRecords.length;
      // The closed periods' findings and, the term having ended, those still open at AS_OF (the report's pending).
      const { closed: findings, open } = evaluateUnitTerm({
        tenantId: TENANT, unitId: unit, termId: TERM_ID, runId: 'bench-run', configuration, configurationRevision: 1,
        classes: read.classes, ownRecords: read.ownRecords, window: { upTo: new Date(AS_OF) },
      });
      const t2 = performance.now();
      evaluateCpuMs += cpuMs() - c1;
      const { commands: written } = await counting(async () => {
        await dependencies.runs.storeFindings(TENANT, findings);
        await dependencies.runs.storeOpenFindings(TENANT, open);
      });
      const t3 = performance.now();
      for (const [name, n] of Object.entries(written)) writeCommands[name] = (writeCommands[name] ?? 0) + n;
      readMs += t1 - t0;
      unitReadMs.push(t1 - t0);
      evaluateMs += t2 - t1;
      writeMs += t3 - t2;
      findingCount += findings.length;
      openCount += open.length;
    }
    const findingBytes = findingCount === 0 ? 0 : itemBytes({ pk: 'x'.repeat(40), sk: 'x'.repeat(80), finding: (await dependencies.runs.findingsOfUnit(TENANT, TERM_ID, units[0]!))[0] });
    const rssAfterRun = peakRssMb();
    await dependencies.runs.publishRevision(TENANT, TERM_ID, AS_OF, 'bench-run', now);

    const r0 = performance.now();
    const rc0 = cpuMs();
    const reports = await issueTermReports(dependencies, bucketClient('reports'), { tenantId: TENANT, termId: TERM_ID, asOf: AS_OF });
    const reportMs = performance.now() - r0;
    const reportCpuMs = cpuMs() - rc0;
    console.log(JSON.stringify({
      classCount, perClass, records: items.length / 2, items: items.length, loadMs, readMs, unitReadMedianMs: median(unitReadMs), readCpuMs, evaluateMs, evaluateCpuMs, reportCpuMs, writeMs, reportMs,
      reports: reports.length, findings: findingCount, openFindings: openCount, findingBytes, bytesRead, itemsRead, readCommands, writeCommands, rssAfterRun, peakRss: peakRssMb(), load: os.loadavg()[0],
    }));
    raw.destroy();
  } finally {
    await Promise.all([dynamodb.stop(), s3.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Sample {
  classCount: number; perClass: number; records: number; items: number; loadMs: number; readMs: number; unitReadMedianMs: number; readCpuMs: number; evaluateMs: number; evaluateCpuMs: number; reportCpuMs: number; writeMs: number; reportMs: number;
  reports: number; findings: number; openFindings: number; findingBytes: number; bytesRead: number; itemsRead: number; readCommands: Record<string, number>; writeCommands: Record<string, number>;
  rssAfterRun: number; peakRss: number; load: number;
}

function parent(): void {
  const sizes = (process.env['BENCH_RUN_CLASSES'] ?? '10,100').split(',').map(Number);
  const perClass = Number(process.env['BENCH_RUN_RECORDS'] ?? 1000);
  const runs = Number(process.env['BENCH_RUN_REPEATS'] ?? 1);
  const samples: Sample[] = [];
  for (const size of sizes) {
    for (let i = 0; i < runs; i++) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', String(size), String(perClass)], { encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider' } });
      const sample = JSON.parse(out.trim().split('\n').filter((line) => line.startsWith('{"classCount"')).pop() ?? '{}') as Sample;
      process.stderr.write(`${size} classes, run ${i + 1}: ${JSON.stringify(sample)}\n`);
      samples.push(sample);
    }
  }
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const per = (ms: number, n: number) => (ms / n).toFixed(0);
  console.log(`Term-end run on DynamoDB Local (in memory), ${perClass} records a class, ${CLASSES_PER_UNIT} classes a unit; medians of ${runs} run(s) per size`);
  console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}; 1-minute load average ${samples.map((x) => x.load.toFixed(1)).join(', ')}\n`);
  console.log('| classes | records | load (BatchWrite ×16) | read | read per class (all; median unit) | queries per class | scans | evaluate | write findings | findings (+ open) | report job (zh, en, JSON per scope) | peak RSS after run / with report |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const size of sizes) {
    const xs = samples.filter((x) => x.classCount === size);
    const m = (pick: (x: Sample) => number) => median(xs.map(pick));
    const first = xs[0]!;
    const queries = first.readCommands['QueryCommand'] ?? 0;
    const gets = first.readCommands['GetCommand'] ?? 0;
    console.log(
      `| ${size} | ${first.records.toLocaleString('en-US')} | ${s(m((x) => x.loadMs))} s | ${s(m((x) => x.readMs))} s | ${per(m((x) => x.readMs), size)}; ${per(m((x) => x.unitReadMedianMs), CLASSES_PER_UNIT)} ms | ${(queries / size).toFixed(1)} (+${(gets / size).toFixed(1)} gets) | ${first.readCommands['ScanCommand'] ?? 0} | ${s(m((x) => x.evaluateMs))} s | ${s(m((x) => x.writeMs))} s | ${first.findings.toLocaleString('en-US')} (+${(first.openFindings ?? 0).toLocaleString('en-US')}) | ${s(m((x) => x.reportMs))} s (${first.reports} scopes) | ${m((x) => x.rssAfterRun).toFixed(0)} / ${m((x) => x.peakRss).toFixed(0)} MB |`,
    );
  }
  console.log('\nCPU of this process (not DynamoDB Local\'s): ' + sizes.map((size) => {
    const x = samples.find((y) => y.classCount === size)!;
    return `${size} classes: read ${per(x.readCpuMs, size)} ms a class, evaluate ${per(x.evaluateCpuMs, size)} ms a class, report job ${s(x.reportCpuMs)} s`;
  }).join('; ') + '.');
  const big = samples.at(-1)!;
  console.log(`\nAt ${big.classCount} classes: ${(big.bytesRead / big.classCount / 1024).toFixed(0)} KiB of record items read per class (as DynamoDB counts them), ${(big.itemsRead / big.classCount).toFixed(0)} items; a stored finding ~${big.findingBytes} bytes; write commands ${JSON.stringify(big.writeCommands)}; read commands ${JSON.stringify(big.readCommands)}.`);
  if (samples.some((x) => (x.readCommands['ScanCommand'] ?? 0) > 0)) {
    console.error('a scan was sent while reading: the run must read by queries');
    process.exitCode = 1;
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(Number(args[1]), Number(args[2]));
else parent();
