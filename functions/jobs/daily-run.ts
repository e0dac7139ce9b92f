/** Scheduled (EventBridge Scheduler, 01:30 Asia/Shanghai): one compliance run per tenant, as of the scheduled instant. */
import { fromEnvironment } from '../composition.js';
import { acceptDailyRuns } from './run-steps.js';

const dependencies = fromEnvironment();

export const handler = async (event: { readonly scheduledTime: string }): Promise<void> => {
  const scheduledTime = new Date(event.scheduledTime);
  if (Number.isNaN(scheduledTime.getTime())) throw new Error('the schedule passed no scheduledTime');
  await acceptDailyRuns(dependencies(), scheduledTime);
};
