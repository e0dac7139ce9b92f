import { describe, expect, it } from 'vitest';
import { checkClassMeeting, type ClassMeetingDraft } from '../../domain/records/class-meeting.js';

const draft: ClassMeetingDraft = {
  heldOn: '2025-10-09',
  kind: 'regular',
  agenda: '议程',
  noticeIssuedAt: '2025-10-08T10:00:00+08:00',
  attendees: ['s1', 's2'],
  summary: '总结',
};
const roster = new Set(['s1', 's2', 's3']);
// 2025-10-09 08:30 in Shanghai is still 2025-10-09 00:30 UTC.
const onMeetingDay = new Date('2025-10-09T00:30:00Z');

describe('class meeting record rules', () => {
  it('accepts a meeting held today with a notice before it and a sign-in from the roster', () => {
    expect(checkClassMeeting(draft, { roster, now: onMeetingDay })).toEqual([]);
  });

  it('judges "today" in Asia/Shanghai, not UTC', () => {
    // 2025-10-08 23:30 UTC is already 2025-10-09 07:30 in Shanghai.
    expect(checkClassMeeting(draft, { roster, now: new Date('2025-10-08T23:30:00Z') })).toEqual([]);
    expect(checkClassMeeting(draft, { roster, now: new Date('2025-10-08T15:59:59Z') }).map((v) => v.code)).toEqual([
      'meeting.held-in-future',
    ]);
  });

  it('accepts a notice until the end of the meeting day and refuses one after it', () => {
    const lastMoment = { ...draft, noticeIssuedAt: '2025-10-09T23:59:59+08:00' };
    expect(checkClassMeeting(lastMoment, { roster, now: new Date('2025-10-10T00:00:00Z') })).toEqual([]);
    const nextDay = { ...draft, noticeIssuedAt: '2025-10-10T00:00:00+08:00' };
    expect(checkClassMeeting(nextDay, { roster, now: new Date('2025-10-10T00:00:00Z') })).toEqual([
      expect.objectContaining({ path: ['noticeIssuedAt'], code: 'meeting.notice-after-meeting' }),
    ]);
  });

  it('names every attendee who is not on the roster, by index', () => {
    const violations = checkClassMeeting({ ...draft, attendees: ['s1', 'x', 's3', 'y'] }, { roster, now: onMeetingDay });
    expect(violations.map((v) => v.path)).toEqual([
      ['attendees', 1],
      ['attendees', 3],
    ]);
  });
});
