/**
 * The engine loads and answers, imported at run time: no static import here, so a
 * module that fails while loading fails this test instead of the whole file.
 */
import { expect, it } from 'vitest';

it('the compliance engine and its calendar load and evaluate an empty roster', async () => {
  const { evaluate } = await import('../../../domain/compliance/index.js');
  const { dayOf } = await import('../../../domain/calendar/index.js');
  const ev = evaluate({
    asOf: '2026-02-20T12:00:00+08:00',
    termId: 'T',
    config: { tenantId: 'hq', terms: [{ id: 'T', start: '2025-09-01', end: '2026-01-18', academicYearId: 'Y' }], academicYears: [] },
    roster: { classes: [] },
    records: [{ id: 'r1', kind: 'talk', authorId: 'a', occurredOn: '2025-10-10', submittedAt: '2025-10-10T20:00:00+08:00' }],
  });
  expect(ev).toMatchObject({ termId: 'T', findings: [], rejectedRecords: [], warnings: [] });
  expect(dayOf('2025-09-01')).toBe(20_332);
});
