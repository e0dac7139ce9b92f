/** Consumer of `warning-runs`: one class of a warning run listed, its statuses written, the run joined (functions/jobs/warning-class.ts). */
import { fromEnvironment } from '../composition.js';
import { queueConsumer } from './sqs.js';
import { warnClass, type WarningClassMessage } from './warning-class.js';

const dependencies = fromEnvironment();

export const handler = queueConsumer<WarningClassMessage>('warning-run', (message, delivery) => warnClass(dependencies(), message, delivery));
