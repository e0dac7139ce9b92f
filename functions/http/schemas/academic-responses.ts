/**
 * What the academics routes answer (programmes, results, corrections, warning runs,
 * certificates), as zod schemas for the OpenAPI document and the tests; strict like the rest.
 */
import * as z from 'zod/mini';
import { levels, studentTypes } from '../../../domain/academics/programmes.js';

const stamp = { version: z.int(), updatedAt: z.iso.datetime(), updatedBy: z.string() };
const course = z.strictObject({ code: z.string(), name: z.string(), credits: z.number(), programmeTerm: z.int(), degreeCourse: z.boolean() });

export const programme = z.strictObject({ majorId: z.string(), name: z.string(), level: z.enum(levels), studentType: z.enum(studentTypes), requiredCredits: z.number(), courses: z.array(course), ...stamp });
export const programmeList = z.strictObject({ items: z.array(programme) });
export const offerings = z.strictObject({ unitId: z.string(), termId: z.string(), grades: z.array(z.strictObject({ grade: z.string(), majorIds: z.array(z.string()) })), ...stamp });
export const enrolment = z.strictObject({ studentNumber: z.string(), majorId: z.string(), grade: z.string(), level: z.enum(levels), studentType: z.enum(studentTypes), siteId: z.string(), ...stamp });

const change = z.strictObject({ field: z.enum(['score', 'makeUpScore']), from: z.optional(z.number()), to: z.number(), reason: z.string(), requestedBy: z.string(), approvedBy: z.string(), at: z.iso.datetime() });
const by = z.strictObject({ by: z.string(), at: z.iso.datetime() });

/** A result as entered: its scores, who entered them, approved changes; `version` is its ETag. */
export const result = z.strictObject({
  studentNumber: z.string(),
  classId: z.string(),
  termId: z.string(),
  courseCode: z.string(),
  score: z.number(),
  makeUpScore: z.optional(z.number()),
  enteredBy: z.string(),
  enteredAt: z.iso.datetime(),
  makeUp: z.optional(by),
  changes: z.optional(z.array(change)),
  version: z.int(),
});
export const importedResults = z.strictObject({ count: z.int() });

/** The transcript: scores, pass marks and credits only where the caller may see grades (else `maskedFields: ['grades']`). */
export const transcript = z.strictObject({
  studentNumber: z.string(),
  name: z.string(),
  classId: z.string(),
  siteId: z.string(),
  programme: z.nullable(z.strictObject({ majorId: z.string(), name: z.string(), level: z.enum(levels), studentType: z.enum(studentTypes), grade: z.string(), requiredCredits: z.number() })),
  passMark: z.number(),
  creditsEarned: z.optional(z.number()),
  results: z.array(
    z.strictObject({
      termId: z.string(),
      courseCode: z.string(),
      courseName: z.optional(z.string()),
      credits: z.optional(z.number()),
      version: z.int(),
      score: z.optional(z.number()),
      makeUpScore: z.optional(z.number()),
      passed: z.optional(z.boolean()),
      changes: z.optional(z.array(change)),
    }),
  ),
  maskedFields: z.array(z.literal('grades')),
});

export const correction = z.strictObject({
  correctionId: z.uuid(),
  termId: z.string(),
  courseCode: z.string(),
  field: z.enum(['score', 'makeUpScore']),
  value: z.number(),
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: z.iso.datetime(),
  resultVersion: z.int(),
  state: z.enum(['pending', 'approved', 'refused']),
  decision: z.optional(z.strictObject({ by: z.string(), at: z.iso.datetime(), note: z.optional(z.string()) })),
  version: z.int(),
});
export const correctionList = z.strictObject({ items: z.array(correction) });

const listed = z.strictObject({ studentNumber: z.string(), classId: z.string(), failedCourses: z.array(z.string()) });
/**
 * A warning run as accepted and as it progresses: a preview or an issue, running until every
 * class of the unit has joined, then done, or failed when a class failed on every delivery
 * (named in `failedClasses`; the classes done are counted in `classesDone`).
 */
export const warningRunSummary = z.strictObject({
  runId: z.string(),
  kind: z.enum(['preview', 'issue']),
  unitId: z.string(),
  termId: z.string(),
  documentOn: z.iso.date(),
  documentRef: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  classesTotal: z.int(),
  /** Classes joined done: their lists kept, their statuses written. */
  classesDone: z.int(),
  /** Classes joined failed (their message failed on every delivery), not joined again since; empty unless some did. */
  failedClasses: z.array(z.string()),
  warnedCount: z.int(),
  processingCount: z.int(),
  processingDueOn: z.optional(z.iso.date()),
  acceptedBy: z.string(),
  acceptedAt: z.iso.datetime(),
  finishedAt: z.optional(z.iso.datetime()),
});
/** A finished run with a few kept pages of its lists (class by class, students by number; a failed run's: those of its classes done); `nextCursor` for the rest. */
export const warningRun = z.strictObject({
  ...warningRunSummary.shape,
  warned: z.optional(z.array(listed)),
  processing: z.optional(z.array(listed)),
  /** Failed courses in total of every student looked at (REG-STATUS-PROCESSING's input). */
  failedTotals: z.optional(z.array(z.strictObject({ studentNumber: z.string(), classId: z.string(), count: z.int() }))),
  nextCursor: z.optional(z.string()),
});
export const warningRunList = z.strictObject({ items: z.array(warningRunSummary), nextCursor: z.optional(z.string()) });

export const certificate = z.strictObject({ studentNumber: z.string(), purpose: z.enum(['job-fair', 'personal']), by: z.string(), at: z.iso.datetime(), jobFairCertificates: z.int(), limit: z.int() });
