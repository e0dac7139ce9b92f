export * from './local-date.js';
export * from './holidays.js';
export * from './working-calendar.js';
export * from './periods.js';
