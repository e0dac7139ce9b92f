/**
 * A tenant's compliance runs driven the way the local runtime drives them: the catalog's
 * consumers on in-process queues (retries, dead-letter queue) and bus, with dependencies
 * at a fixed clock that tests may alter (a unit that always fails, one tenant only).
 */
import { asyncFunctions } from '../../functions/catalog.js';
import { configFromEnv, createDependencies, type Dependencies } from '../../functions/composition.js';
import { evaluateUnit, startRun, type TenantRunMessage, type UnitMessage } from '../../functions/jobs/run-steps.js';
import { queueConsumer } from '../../functions/jobs/sqs.js';
import type { TermReportMessage } from '../../functions/jobs/term-report-trigger.js';
import { issueTermReports } from '../../functions/reports/term-report-job.js';
import { bucketClient } from '../../functions/storage/s3-client.js';
import { warnClass, type WarningClassMessage } from '../../functions/jobs/warning-class.js';
import { startLocalAsync, type LocalAsync } from '../../scripts/local/async-runtime.js';

export interface RunWorld {
  readonly local: LocalAsync;
  readonly dependencies: Dependencies;
}

export function runWorld(now: Date, alter: (dependencies: Dependencies) => Dependencies = (d) => d): RunWorld {
  let dependencies: Dependencies | undefined;
  const local = startLocalAsync({
    clock: { now: () => now },
    schedules: false,
    retryDelayMs: 5,
    loadHandler: async (name) => {
      if (name === 'tenantRun') return queueConsumer<TenantRunMessage>(name, (message) => startRun(dependencies!, message)) as never;
      if (name === 'termReport') return queueConsumer<TermReportMessage>(name, (message) => issueTermReports(dependencies!, bucketClient('reports'), message).then(() => undefined)) as never;
      if (name === 'warningRun') return queueConsumer<WarningClassMessage>(name, (message, delivery) => warnClass(dependencies!, message, delivery)) as never;
      if (name === 'unitEvaluation') return queueConsumer<UnitMessage>(name, (message, delivery) => evaluateUnit(dependencies!, message, delivery)) as never;
      throw new Error(`no handler for ${name} in this test world (${Object.keys(asyncFunctions).join(', ')})`);
    },
  });
  dependencies = alter(createDependencies(configFromEnv(), { now: () => now }, { messaging: local.messaging }));
  return { local, dependencies };
}
