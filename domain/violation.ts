/**
 * A domain rule that a well-formed request still breaks (a sign-in by a student who
 * is not in the class, a meeting dated in the future). The API answers these with 422,
 * naming the field by its path, and reports all of them, not just the first.
 */
export interface Violation {
  /** Where in the submitted document, e.g. `['attendees', 3]`. */
  readonly path: readonly (string | number)[];
  /** Stable machine-readable code, e.g. `meeting.attendee-not-in-class`. */
  readonly code: string;
  /** English. */
  readonly message: string;
  /** Chinese, for staff who read the API's answers in their own language. */
  readonly zh: string;
}
