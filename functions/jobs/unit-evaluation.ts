/** Consumer of `unit-evaluations`: one unit of a run evaluated, its findings stored, the run joined. */
import { fromEnvironment } from '../composition.js';
import { evaluateUnit, type UnitMessage } from './run-steps.js';
import { queueConsumer } from './sqs.js';

const dependencies = fromEnvironment();

export const handler = queueConsumer<UnitMessage>('unit-evaluation', (message, delivery) => evaluateUnit(dependencies(), message, delivery));
