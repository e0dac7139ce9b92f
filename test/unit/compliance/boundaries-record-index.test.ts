/**
 * The record index on its own: what it hands back for a class, an author, a kind it does
 * not know, and the order of the records it rejects.
 */
import { describe, expect, it } from 'vitest';
import type { EngineRecord, RecordKind } from '../../../domain/compliance/index.js';
import { RecordIndex } from '../../../domain/compliance/record-index.js';
import { rec } from './fixtures.js';

const AS_OF = Date.parse('2026-02-20T04:00:00Z');
const withId = (id: string, r: EngineRecord): EngineRecord => ({ ...r, id });

describe('record index', () => {
  it('buckets a record by class and by author, and nothing else', () => {
    const talk = rec('talk', '2025-10-10', 'co-c1', { classId: 'c1' });
    const index = new RecordIndex([talk], AS_OF);
    expect(index.ofClass('talk', 'c1')).toEqual([0]);
    expect(index.ofAuthor('talk', 'co-c1')).toEqual([0]);
    expect(index.ofClass('class-meeting', 'c1')).toEqual([]);
    expect(index.ofAuthor('talk', 'someone-else')).toEqual([]);
    expect(index.ofClass('talk', 'c2')).toEqual([]);
  });

  it('an index with no records has nothing for anyone', () => {
    const index = new RecordIndex([], AS_OF);
    expect(index.ofClass('talk', 'c1')).toEqual([]);
    expect(index.ofAuthor('talk', 'co-c1')).toEqual([]);
  });

  it('a kind it does not know gives nothing, not another kind’s records', () => {
    const records = [rec('term-plan', '2025-08-20', 'ct-c1', { classId: 'c1' }), rec('monthly-report', '2025-09-30', 'ct-c1', { classId: 'c1' })];
    const index = new RecordIndex(records, AS_OF);
    expect(index.ofClass('gossip' as RecordKind, 'c1')).toEqual([]);
    expect(index.ofAuthor('gossip' as RecordKind, 'ct-c1')).toEqual([]);
  });

  it('lists rejected records in id order, whether they come in order or not', () => {
    const bad = (id: string) => withId(id, rec('talk', '2025-13-01', 'co-c1'));
    const inOrder = new RecordIndex([bad('r-a'), bad('r-b'), bad('r-c')], AS_OF);
    expect(inOrder.rejected.map((r) => r.id)).toEqual(['r-a', 'r-b', 'r-c']);
    const shuffled = new RecordIndex([bad('r-b'), bad('r-c'), bad('r-a')], AS_OF);
    expect(shuffled.rejected.map((r) => r.id)).toEqual(['r-a', 'r-b', 'r-c']);
  });

  it('keeps rejected records that share an id in the order they came', () => {
    const unknownKind = { ...withId('dup', rec('talk', '2025-10-10', 'co-c1')), kind: 'gossip' } as unknown as EngineRecord;
    const badDate = withId('dup', rec('talk', '2025-13-01', 'co-c1'));
    expect(new RecordIndex([unknownKind, badDate], AS_OF).rejected.map((r) => r.reason)).toEqual(['unknown kind gossip', 'invalid occurredOn or submittedAt']);
  });
});
