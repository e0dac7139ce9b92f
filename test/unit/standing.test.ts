import { describe, expect, it } from 'vitest';
import { termInForce, type TenantConfiguration } from '../../domain/configuration.js';
import { meetingAsEvidence } from '../../domain/standing.js';

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

describe('a class meeting as compliance evidence', () => {
  it('carries the server submission time, the sign-in and a complete flag (议程、通知、签到、总结)', () => {
    const evidence = meetingAsEvidence({
      tenantId: 't',
      classId: 'c',
      meetingId: 'm1',
      heldOn: '2025-09-12',
      kind: 'regular',
      agenda: '议程',
      noticeIssuedAt: '2025-09-08T09:00:00+08:00',
      attendees: ['s1'],
      summary: '总结',
      submittedAt: '2025-09-12T12:00:00.000Z',
      submittedBy: 'teacher-1',
      version: 1,
    });
    expect(evidence).toEqual({
      id: 'm1',
      kind: 'class-meeting',
      authorId: 'teacher-1',
      classId: 'c',
      occurredOn: '2025-09-12',
      submittedAt: '2025-09-12T12:00:00.000Z',
      studentIds: ['s1'],
      complete: true,
    });
  });
});
