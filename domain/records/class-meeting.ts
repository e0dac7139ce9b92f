/**
 * The class meeting (班会) record. Seed 000 §2.2 asks that every meeting has an agenda,
 * a notice, a sign-in and a summary (议程、通知、签到、总结); only such a meeting counts
 * towards CT-MEETING-NEW / CT-MEETING-OLD and CO-MEETING.
 */
import { endOfShanghaiDay, shanghaiDateOf, type LocalDate } from '../time.js';
import type { Violation } from '../violation.js';

export const classMeetingKinds = ['regular', 'orientation', 'graduation'] as const;
export type ClassMeetingKind = (typeof classMeetingKinds)[number];

export interface ClassMeetingDraft {
  readonly heldOn: LocalDate;
  readonly kind: ClassMeetingKind;
  readonly agenda: string;
  /** When the students were told of the meeting (通知时间), an ISO instant. */
  readonly noticeIssuedAt: string;
  /** Student numbers of those who signed in (签到). */
  readonly attendees: readonly string[];
  readonly summary: string;
}

export interface ClassMeeting extends ClassMeetingDraft {
  readonly tenantId: string;
  readonly classId: string;
  readonly meetingId: string;
  /** Set by the server when the record arrives: deadlines are judged on it. */
  readonly submittedAt: string;
  readonly submittedBy: string;
  readonly version: number;
}

export interface ClassMeetingContext {
  /** Student numbers on the class roster. */
  readonly roster: ReadonlySet<string>;
  readonly now: Date;
}

/** Every rule a well-formed meeting record can still break, all of them at once. */
export function checkClassMeeting(draft: ClassMeetingDraft, context: ClassMeetingContext): Violation[] {
  const violations: Violation[] = [];
  if (draft.heldOn > shanghaiDateOf(context.now)) {
    violations.push({
      path: ['heldOn'],
      code: 'meeting.held-in-future',
      message: 'a meeting is recorded after it is held; heldOn is later than today (Asia/Shanghai)',
    });
  }
  if (Date.parse(draft.noticeIssuedAt) >= endOfShanghaiDay(draft.heldOn).getTime()) {
    violations.push({
      path: ['noticeIssuedAt'],
      code: 'meeting.notice-after-meeting',
      message: 'the notice must be issued before the meeting day is over',
    });
  }
  draft.attendees.forEach((studentNumber, index) => {
    if (!context.roster.has(studentNumber)) {
      violations.push({
        path: ['attendees', index],
        code: 'meeting.attendee-not-in-class',
        message: `student ${studentNumber} is not on this class's roster`,
      });
    }
  });
  return violations;
}
