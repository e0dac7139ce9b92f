/** The cross-check of a batch (seed 003 三: each list row matched by one form, each form by one row). */
import { describe, expect, it } from 'vitest';
import { awaitedFiles, batchRefusal, crossCheck, strangersToBatch, type UploadBatch } from '../../../domain/uploads/batches.js';
import type { Upload } from '../../../domain/uploads/upload.js';

const batch: UploadBatch = { tenantId: 't', batchId: 'b1', kind: 'withdrawal', classId: 'c', unitId: 'u', studentNumbers: ['A1', 'B2'], createdBy: 'x', createdAt: '2026-01-01T00:00:00Z', version: 1 };
let n = 0;
const file = (purpose: Upload['purpose'], verdict: 'accepted' | 'rejected' | undefined, extra: Partial<Upload> = {}, listed?: string[]): Upload => {
  n++;
  return {
    tenantId: 't', uploadId: `id-${String(n).padStart(4, '0')}`, purpose, classId: 'c', unitId: 'u', fileName: `${extra.studentNumber ?? 'list'}.jpg`, key: 'k', declaredSize: 1, contentType: 'image/jpeg', uploaderId: 'x', requestedAt: '2026-01-01T00:00:00Z', batchId: 'b1', ...extra,
    ...(verdict ? { result: { verdict, etag: 'e', sequencer: '1', size: 1, contentType: 'image/jpeg', validatedAt: '2026-01-02T00:00:00Z', problems: [], problemCount: 0, copyKey: 'c', ...(listed ? { listedStudents: listed } : {}) } } : {}),
  };
};
const now = new Date('2026-01-03T00:00:00Z');

describe('a withdrawal batch', () => {
  it('awaits its list and a form per declared student, validated', () => {
    expect(awaitedFiles(batch, [file('withdrawal-form', 'accepted', { studentNumber: 'A1' }), file('withdrawal-form', undefined, { studentNumber: 'B2' })])).toEqual(['withdrawal-list', 'withdrawal-form:B2']);
    expect(crossCheck(batch, [file('withdrawal-form', 'accepted', { studentNumber: 'A1' })], now)).toBeUndefined();
  });

  it('matches when every row has its accepted form and every form its row', () => {
    const files = [file('withdrawal-form', 'accepted', { studentNumber: 'B2' }), file('withdrawal-form', 'accepted', { studentNumber: 'A1' }), file('withdrawal-list', 'accepted')];
    expect(crossCheck(batch, files, now)).toEqual({ checkedAt: now.toISOString(), status: 'matched', listRejected: false, rowsWithoutFile: [], filesWithoutRow: [], rejectedFiles: [] });
  });

  it('takes the list’s own rows once its check reports them: a row C3 with no form', () => {
    const files = [file('withdrawal-form', 'accepted', { studentNumber: 'A1' }), file('withdrawal-form', 'accepted', { studentNumber: 'B2' }), file('withdrawal-list', 'accepted', {}, ['A1', 'B2', 'C3'])];
    expect(crossCheck(batch, files, now)).toMatchObject({ status: 'mismatched', rowsWithoutFile: ['C3'], filesWithoutRow: [] });
  });

  it('counts the latest form of a student: refused after accepted is refused', () => {
    const files = [file('withdrawal-form', 'accepted', { studentNumber: 'A1' }), file('withdrawal-form', 'accepted', { studentNumber: 'B2' }), file('withdrawal-list', 'accepted'), file('withdrawal-form', 'rejected', { studentNumber: 'A1' })];
    expect(crossCheck(batch, files, now)).toMatchObject({ status: 'mismatched', rejectedFiles: ['A1'] });
  });

  it('is mismatched when the list itself was refused', () => {
    const files = [file('withdrawal-form', 'accepted', { studentNumber: 'A1' }), file('withdrawal-form', 'accepted', { studentNumber: 'B2' }), file('withdrawal-list', 'rejected')];
    expect(crossCheck(batch, files, now)).toMatchObject({ status: 'mismatched', listRejected: true });
  });
});

/** An information-change batch of the unit u (no class): students A1 of class c and D4 of class d. */
const unitBatch: UploadBatch = { tenantId: 't', batchId: 'b2', kind: 'information-change', unitId: 'u', studentNumbers: ['A1', 'D4'], createdBy: 'x', createdAt: '2026-01-01T00:00:00Z', version: 1 };
const homes: Record<string, { classId: string; unitId: string }> = { A1: { classId: 'c', unitId: 'u' }, D4: { classId: 'd', unitId: 'u' }, V9: { classId: 'v', unitId: 'other' } };

describe('BATCH-DECLARATION: who a batch may cover', () => {
  it('a class batch: the class’s students only; every other (another class of the unit, another unit, nobody) by index', () => {
    expect(strangersToBatch({ classId: 'c', unitId: 'u' }, ['A1', 'D4', 'V9', 'ZZ'], (n) => homes[n])).toEqual([1, 2, 3]);
  });
  it('a unit batch: students of any class of the unit; another unit’s and nobody’s by index', () => {
    expect(strangersToBatch({ unitId: 'u' }, ['A1', 'V9', 'D4', 'ZZ'], (n) => homes[n])).toEqual([1, 3]);
  });
});

describe('BATCH-FILES: what a batch takes at presign', () => {
  it('a class batch takes its kind’s files of its class, and nothing uploaded for another class or the unit alone', () => {
    expect(batchRefusal('b1', batch, { purpose: 'withdrawal-form', classId: 'c', unitId: 'u', studentNumber: 'Z9' })).toBeUndefined();
    expect(batchRefusal('b1', batch, { purpose: 'withdrawal-form', classId: 'd', unitId: 'u', studentNumber: 'A1' })?.code).toBe('upload.unknown-batch');
    expect(batchRefusal('b1', batch, { purpose: 'withdrawal-list', unitId: 'u' })?.code).toBe('upload.unknown-batch');
    expect(batchRefusal('b1', batch, { purpose: 'graduation-photo', classId: 'c', unitId: 'u', studentNumber: 'A1' })).toMatchObject({ field: 'purpose', code: 'upload.not-in-batch' });
  });
  it('no such batch is an unknown batch, named with the place the file was uploaded for', () => {
    expect(batchRefusal('b9', undefined, { purpose: 'change-table', unitId: 'u' })).toMatchObject({ field: 'batchId', code: 'upload.unknown-batch', en: 'no batch b9 of unit u', zh: '单位 u 没有批次 b9' });
  });
  it('a unit batch takes its table uploaded for the unit, not for one of its classes', () => {
    expect(batchRefusal('b2', unitBatch, { purpose: 'change-table', unitId: 'u' })).toBeUndefined();
    expect(batchRefusal('b2', unitBatch, { purpose: 'change-table', classId: 'c', unitId: 'u' })).toMatchObject({ field: 'batchId', code: 'upload.unknown-batch' });
  });
  it('a unit batch takes evidence of the students it covers under their own classes; not of another student, nor of another unit', () => {
    expect(batchRefusal('b2', unitBatch, { purpose: 'change-evidence', classId: 'c', unitId: 'u', studentNumber: 'A1' })).toBeUndefined();
    expect(batchRefusal('b2', unitBatch, { purpose: 'change-evidence', classId: 'd', unitId: 'u', studentNumber: 'D4' })).toBeUndefined();
    expect(batchRefusal('b2', unitBatch, { purpose: 'change-evidence', classId: 'c', unitId: 'u', studentNumber: 'B2' })?.code).toBe('upload.unknown-batch');
    expect(batchRefusal('b2', unitBatch, { purpose: 'change-evidence', classId: 'v', unitId: 'other', studentNumber: 'A1' })?.code).toBe('upload.unknown-batch');
    expect(batchRefusal('b2', unitBatch, { purpose: 'exemption-table', unitId: 'u' })).toMatchObject({ field: 'purpose', code: 'upload.not-in-batch' });
  });
  it('a unit batch is cross-checked over its files whatever class they name: rows A1, D4 matched by evidence of classes c and d', () => {
    const files = [file('change-evidence', 'accepted', { studentNumber: 'D4', classId: 'd', batchId: 'b2' }), file('change-evidence', 'accepted', { studentNumber: 'A1', batchId: 'b2' })];
    const { classId: _unitWide, ...table } = file('change-table', 'accepted', { batchId: 'b2' }, ['A1', 'D4']);
    expect(crossCheck(unitBatch, [...files, table], now)).toMatchObject({ status: 'matched' });
  });
});
