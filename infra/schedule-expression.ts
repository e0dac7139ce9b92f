/**
 * The catalog spells a schedule once, as five-field cron (what croner reads locally);
 * EventBridge Scheduler wants six fields with `?` in one of the two day fields and a year.
 * Day-of-week numbers mean different days in the two (0 = Sunday in cron, 1 = Sunday in
 * EventBridge), so only `*` or names (MON, SUN-SAT…) are accepted there: no number is
 * ever read two ways.
 */
export class ScheduleSpellingError extends Error {
  override readonly name = 'ScheduleSpellingError';
}

export function eventBridgeCron(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) throw new ScheduleSpellingError(`"${cron}" is not five-field cron (minute hour day-of-month month day-of-week)`);
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  if (dayOfWeek !== '*' && /\d/.test(dayOfWeek)) {
    throw new ScheduleSpellingError(`"${cron}": write days of the week by name (MON, SUN-SAT), not number, so cron and EventBridge read them alike`);
  }
  if (dayOfMonth !== '*' && dayOfWeek !== '*') throw new ScheduleSpellingError(`"${cron}": EventBridge takes a day of the month or of the week, not both`);
  const [dom, dow] = dayOfWeek === '*' ? [dayOfMonth, '?'] : ['?', dayOfWeek];
  return `cron(${minute} ${hour} ${dom} ${month} ${dow} *)`;
}
