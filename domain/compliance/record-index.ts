/**
 * One pass over the records: parse each date once into numbers, drop what is not
 * visible "as of" the evaluation, and bucket by (class, kind) and (author, kind).
 * Rules then touch only their own buckets — no rule scans all records.
 */
import { tryDayOf, tryInstantMs } from '../calendar/index.js';
import { compareStrings } from './findings.js';
import { RECORD_KINDS, type EngineRecord, type RecordKind } from './inputs.js';

const KIND_COUNT = RECORD_KINDS.length;
const KIND_INDEX = new Map<string, number>(RECORD_KINDS.map((k, i) => [k, i]));
const EMPTY: readonly number[] = Object.freeze([]);

export interface RejectedRecord {
  readonly id: string;
  readonly reason: string;
}

export class RecordIndex {
  readonly records: readonly EngineRecord[];
  /** occurredOn as a day number, by record position */
  readonly day: Int32Array;
  /** submittedAt as epoch ms, by record position */
  readonly submitted: Float64Array;
  readonly rejected: readonly RejectedRecord[];
  private readonly byClass = new Map<string, number[][]>();
  private readonly byAuthor = new Map<string, number[][]>();

  constructor(records: readonly EngineRecord[], asOfMs: number) {
    this.records = records;
    this.day = new Int32Array(records.length);
    this.submitted = new Float64Array(records.length);
    const rejected: RejectedRecord[] = [];
    for (let i = 0; i < records.length; i += 1) {
      const r = records[i] as EngineRecord;
      const kind = KIND_INDEX.get(r.kind);
      const day = tryDayOf(r.occurredOn);
      const sub = tryInstantMs(r.submittedAt);
      if (kind === undefined || Number.isNaN(day) || Number.isNaN(sub)) {
        rejected.push({ id: r.id, reason: kind === undefined ? `unknown kind ${r.kind}` : 'invalid occurredOn or submittedAt' });
        continue;
      }
      // Not yet submitted at "as of": a re-run for a past instant sees what was there then.
      if (sub > asOfMs) continue;
      this.day[i] = day;
      this.submitted[i] = sub;
      if (r.classId !== undefined) add(this.byClass, r.classId, kind, i);
      add(this.byAuthor, r.authorId, kind, i);
    }
    rejected.sort((a, b) => compareStrings(a.id, b.id));
    this.rejected = rejected;
  }

  /** Positions of a class's records of a kind, in input order. */
  ofClass(kind: RecordKind, classId: string): readonly number[] {
    return this.byClass.get(classId)?.[KIND_INDEX.get(kind) ?? -1] ?? EMPTY;
  }

  /** Positions of an author's records of a kind, in input order. */
  ofAuthor(kind: RecordKind, authorId: string): readonly number[] {
    return this.byAuthor.get(authorId)?.[KIND_INDEX.get(kind) ?? -1] ?? EMPTY;
  }

  record(i: number): EngineRecord {
    return this.records[i] as EngineRecord;
  }
}

/** Files record position `i` under `key` and the kind's index, which KIND_INDEX gave, so it is always below KIND_COUNT. */
function add(map: Map<string, number[][]>, key: string, kind: number, i: number): void {
  let byKind = map.get(key);
  if (!byKind) {
    byKind = Array.from({ length: KIND_COUNT }, () => []);
    map.set(key, byKind);
  }
  (byKind[kind] as number[]).push(i);
}
