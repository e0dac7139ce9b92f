/**
 * What the upload validators share: how they read an uploaded object, and how they name
 * a problem. Images and spreadsheets are read by range, never whole (issue #12): on AWS
 * through S3 ranged GETs, locally through s3rver, in tests from a buffer.
 */

/** The bytes of one uploaded object, read by range. */
export interface ByteSource {
  /** The object's size in bytes, as storage reports it. */
  readonly size: number;
  /** Bytes from `start` up to `end` (exclusive), clamped to `size`. */
  read(start: number, end: number): Promise<Uint8Array>;
}

/** One problem found in an upload: the result lists it and the annotated copy marks it. */
export interface UploadProblem {
  /** Stable code of the check that failed, e.g. `IMAGE-TOO-SMALL`, `CELL-REQUIRED`. */
  readonly rule: string;
  /** For people, in both languages: `bilingual(en, zh)` from domain/bilingual.ts. */
  readonly message: string;
  /** Where in a spreadsheet, as Excel shows it: sheet name, 1-based row, column letters. */
  readonly sheet?: string;
  readonly row?: number;
  readonly column?: string;
}
