import { describe, expect, it } from 'vitest';
import { termInForce, type TenantConfiguration } from '../../domain/configuration.js';
import { evidenceOf, masked, type StaffRecord } from '../../domain/records/record.js';

const configuration: TenantConfiguration = {
  academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }],
  terms: [
    { id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' },
    { id: '2026-spring', start: '2026-03-02', end: '2026-07-10', academicYearId: '2025-2026' },
  ],
};

describe('the term in force', () => {
  it('is the term in session, from its first day', () => {
    expect(termInForce(configuration, '2025-09-01')).toBe('2025-autumn');
    expect(termInForce(configuration, '2026-03-02')).toBe('2026-spring');
  });

  it('between terms is the one that ended last, whose end-of-term deadlines still run', () => {
    expect(termInForce(configuration, '2026-02-10')).toBe('2025-autumn');
  });

  it('does not exist before the first term', () => {
    expect(termInForce(configuration, '2025-08-31')).toBeUndefined();
  });
});

describe('a record as compliance evidence', () => {
  const record: StaffRecord = {
    tenantId: 't',
    recordId: 'r1',
    kind: 'parent-contact',
    classId: 'c',
    authorId: 'counselor-1',
    submittedAt: '2025-10-09T12:00:00.000Z',
    occurredOn: '2025-10-09',
    version: 1,
    status: 'active',
    content: { contactedOn: '2025-10-09', studentNumber: 's1', channel: 'phone', reason: 'warning', notes: '通报学籍预警' },
  };

  it('carries the server submission time and what the parent-contact rules read', () => {
    expect(evidenceOf(record)).toEqual({
      id: 'r1',
      kind: 'parent-contact',
      authorId: 'counselor-1',
      classId: 'c',
      occurredOn: '2025-10-09',
      submittedAt: '2025-10-09T12:00:00.000Z',
      studentIds: ['s1'],
      channel: 'phone',
      reason: 'warning',
    });
  });

  it('is no evidence once withdrawn', () => {
    expect(evidenceOf({ ...record, status: 'withdrawn' })).toBeUndefined();
  });

  it('leaves its private notes out when masked (DOMAIN.md §7)', () => {
    const view = masked(record);
    expect(view.content).not.toHaveProperty('notes');
    expect(view.maskedFields).toEqual(['notes']);
  });
});
