import * as z from 'zod/mini';
import { classMeetingKinds } from '../../../domain/records/class-meeting.js';
import { identifier, longText, noDuplicates, studentNumber } from './common.js';

export const meetingPath = z.object({ tenantId: identifier, classId: identifier, meetingId: z.uuid() });

/** Seed 000 §2.2: each meeting has an agenda, a notice, a sign-in and a summary. */
export const createClassMeetingBody = z.object({
  heldOn: z.iso.date(),
  kind: z.enum(classMeetingKinds),
  agenda: longText,
  noticeIssuedAt: z.iso.datetime({ offset: true }),
  attendees: z.array(studentNumber).check(
    z.minLength(1, 'the sign-in list names at least one student'),
    z.maxLength(300),
    noDuplicates((number: string) => number, 'student number'),
  ),
  summary: longText,
});
