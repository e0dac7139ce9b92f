/** Consumer of `tenant-runs`: starts a tenant's run and fans it out per unit. */
import { fromEnvironment } from '../composition.js';
import { startRun, type TenantRunMessage } from './run-steps.js';
import { queueConsumer } from './sqs.js';

const dependencies = fromEnvironment();

export const handler = queueConsumer<TenantRunMessage>('tenant-run', (message) => startRun(dependencies(), message));
