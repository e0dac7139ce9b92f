/** The cross-check of a batch (seed 003 三: each list row matched by one form, each form by one row). */
import { describe, expect, it } from 'vitest';
import { awaitedFiles, crossCheck, type UploadBatch } from '../../../domain/uploads/batches.js';
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
