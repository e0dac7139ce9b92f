/** Bodies of record submissions the handler tests share. */
export const classMeetingContent = (attendees: readonly string[], overrides: Record<string, unknown> = {}) => ({
  heldOn: '2025-09-12',
  kind: 'regular',
  agenda: '期末复习与考风考纪教育',
  noticeIssuedAt: '2025-09-08T09:00:00+08:00',
  attendees,
  summary: '到会同学听取了考试纪律要求。',
  ...overrides,
});

export const classMeeting = (classId: string, attendees: readonly string[], overrides: Record<string, unknown> = {}) => ({
  kind: 'class-meeting',
  classId,
  content: classMeetingContent(attendees, overrides),
});
