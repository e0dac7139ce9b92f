import { describe, expect, it } from 'vitest';
import { eventBridgeCron, ScheduleSpellingError } from '../../infra/schedule-expression.js';

describe('one cron spelling for croner and EventBridge Scheduler', () => {
  it('puts ? in the day field left open and adds the year', () => {
    expect(eventBridgeCron('30 1 * * *')).toBe('cron(30 1 * * ? *)');
    expect(eventBridgeCron('0 9 1 * *')).toBe('cron(0 9 1 * ? *)');
    expect(eventBridgeCron('0 9 * * MON-FRI')).toBe('cron(0 9 ? * MON-FRI *)');
  });

  it('refuses day-of-week numbers, which the two read as different days', () => {
    expect(() => eventBridgeCron('0 9 * * 1')).toThrow(ScheduleSpellingError);
  });

  it('refuses both day fields, and anything but five fields', () => {
    expect(() => eventBridgeCron('0 9 1 * MON')).toThrow(/not both/);
    expect(() => eventBridgeCron('0 9 * * ? *')).toThrow(/five-field/);
  });
});
