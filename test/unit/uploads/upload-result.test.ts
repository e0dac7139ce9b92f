/**
 * A result is one DynamoDB item: the problems it lists are bounded by count (1,000) and by
 * the bytes of their JSON (`maxListedProblemBytes`), and every problem is still counted.
 */
import { describe, expect, it } from 'vitest';
import { bilingual } from '../../../domain/bilingual.js';
import type { UploadProblem } from '../../../domain/uploads/ports.js';
import { listedProblems, maxColumnsCountedPerRule, maxListedProblemBytes, maxListedProblems, resultOf, tallyOf, type Upload } from '../../../domain/uploads/upload.js';
import { itemBytes, largestItemBytes } from '../../../functions/storage/item-size.js';

/** `{"rule":"R","message":"` is 23 bytes and `"}` 2: a problem of message m takes 25 + bytes(m). */
const sized = (message: string): UploadProblem => ({ rule: 'R', message });
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
const base = { etag: 'e', sequencer: '1', size: 1, contentType: 'x', validatedAt: '2026-12-01T00:00:00.000Z', copyKeyOf: (v: string) => `${v}/k` };

describe('UPLOAD-RESULT-LISTED-BYTES: the listed problems stop before their JSON passes the byte budget', () => {
  it('problems of 10,000 bytes each: 27 are listed of 40, stopped by bytes', () => {
    // 9,975 ASCII characters + 25 = 10,000 bytes a problem. The list's JSON is 2 ([ and ]) + 10,000 k + (k − 1) commas:
    // k = 27 → 270,028 ≤ 280,000; k = 28 → 280,029 > 280,000.
    expect(maxListedProblemBytes).toBe(280_000);
    const problems = Array.from({ length: 40 }, () => sized('a'.repeat(9_975)));
    const { listed, stoppedBy } = listedProblems(problems);
    expect(listed).toHaveLength(27);
    expect(stoppedBy).toBe('bytes');
    expect(jsonBytes(listed)).toBe(270_028);
  });

  it('counts UTF-8 bytes, not characters: 3,325 Chinese characters are 9,975 bytes, and again 27 are listed', () => {
    const { listed, stoppedBy } = listedProblems(Array.from({ length: 40 }, () => sized('长'.repeat(3_325))));
    expect([listed.length, stoppedBy]).toEqual([27, 'bytes']);
  });

  it('small problems stop at the count: 1,001 of 40 bytes each list 1,000, stopped by count', () => {
    // 1,000 × 41 bytes (40 + a comma) ≈ 41 KB, far within the budget.
    const { listed, stoppedBy } = listedProblems(Array.from({ length: 1_001 }, () => sized('a'.repeat(15))));
    expect([listed.length, stoppedBy]).toEqual([maxListedProblems, 'count']);
  });

  it('a list that fits whole is not marked as stopped', () => {
    expect(listedProblems([sized('a'), sized('b')])).toEqual({ listed: [sized('a'), sized('b')] });
  });
});

describe('UPLOAD-RESULT-COUNTS: the result says how many it lists of how many it found', () => {

  it('40 problems of 10,000 bytes: problemCount 40, listedProblemCount 27, listingStoppedBy bytes, rejected', () => {
    const result = resultOf({ ...base, problems: Array.from({ length: 40 }, () => sized('a'.repeat(9_975))) });
    expect(result).toMatchObject({ verdict: 'rejected', problemCount: 40, listedProblemCount: 27, listingStoppedBy: 'bytes', copyKey: 'rejected/k' });
    expect(result.problems).toHaveLength(27);
  });

  it('a check that handed over 1,000 of 1,200 counted: listed 1,000, stopped by count', () => {
    const result = resultOf({ ...base, problems: Array.from({ length: 1_000 }, () => sized('x')), problemCount: 1_200 });
    expect(result).toMatchObject({ problemCount: 1_200, listedProblemCount: 1_000, listingStoppedBy: 'count' });
  });

  it('an accepted file lists nothing and says nothing stopped', () => {
    const result = resultOf({ ...base, problems: [] });
    expect(result).toMatchObject({ verdict: 'accepted', problemCount: 0, listedProblemCount: 0 });
    expect(result.listingStoppedBy).toBeUndefined();
  });
});

describe('UPLOAD-RESULT-PROBLEM-COUNTS: every problem is counted per rule and column, listed or not', () => {
  it('a check’s counts are kept as given: 1,200 found, 1,000 handed over, counts for all 1,200', () => {
    const result = resultOf({ ...base, problems: Array.from({ length: 1_000 }, () => sized('x')), problemCount: 1_200, problemCounts: [{ rule: 'R', column: 'B', count: 1_100 }, { rule: 'S', count: 100 }] });
    expect(result.problemCounts).toEqual([{ rule: 'R', column: 'B', count: 1_100 }, { rule: 'S', count: 100 }]);
  });

  it('without counts from the check, the problems themselves are counted: R in B twice, R in C once, S for the sheet once', () => {
    const problems = [{ rule: 'R', column: 'C', message: 'm' }, { rule: 'S', message: 'm' }, { rule: 'R', column: 'B', message: 'm' }, { rule: 'R', column: 'B', message: 'm' }];
    expect(resultOf({ ...base, problems }).problemCounts).toEqual([{ rule: 'R', column: 'B', count: 2 }, { rule: 'R', column: 'C', count: 1 }, { rule: 'S', count: 1 }]);
  });

  it('a rule found in more columns than a template has is counted per rule, with its columns: 30 undeclared columns of 2 problems each are 60 in 30 columns', () => {
    const undeclared = Array.from({ length: 30 }, (_, c) => ({ rule: 'COLUMN-UNDECLARED', column: `Z${String.fromCharCode(65 + c % 26)}${c}`, count: 2 }));
    expect(maxColumnsCountedPerRule).toBe(25);
    expect(tallyOf([{ rule: 'CELL-REQUIRED', column: 'B', count: 3 }, ...undeclared])).toEqual([{ rule: 'CELL-REQUIRED', column: 'B', count: 3 }, { rule: 'COLUMN-UNDECLARED', count: 60, columns: 30 }]);
    expect(tallyOf(undeclared.slice(0, 25))).toHaveLength(25);
  });
});

describe('UPLOAD-RESULT-FITS: the largest result the bounds allow fits in one item', () => {
  it('problems filling the byte budget with Chinese messages, 1,000 listed students, 50 missing cells and 1,024-byte keys', () => {
    const key = `incoming/${'t'.repeat(64)}/${'u'.repeat(36)}/${'名'.repeat(305)}`; // 64 + 36 + 915 + 10 = 1,025 bytes: past S3's 1,024, so no real key is larger
    const result = resultOf({
      ...base,
      etag: 'e'.repeat(40),
      sequencer: 'F'.repeat(32),
      problems: Array.from({ length: 2_000 }, (_, i) => ({ rule: 'CELL-CODE-UNKNOWN', sheet: '表'.repeat(31), row: 500_000 - i, column: 'XFD', message: bilingual('a'.repeat(3_000), '码'.repeat(1_000)) })),
      listedStudents: Array.from({ length: 1_000 }, (_, i) => String(1711001200000 + i).padEnd(20, '9')),
      missingCells: Array.from({ length: 50 }, () => ({ studentNumber: '9'.repeat(20), header: '课程报考/预约考试', column: 'V' })),
      missingCellCount: 500_000,
      complete: false,
      annotatedKey: key,
      configurationRevision: 999_999,
      // The most counts kept: 28 rules (all the sheet checks have, with names of 24 characters), each in 25 columns.
      problemCounts: Array.from({ length: 28 }, (_, r) => Array.from({ length: maxColumnsCountedPerRule }, (_, c) => ({ rule: `RULE-${String(r).padStart(2, '0')}-${'X'.repeat(16)}`, column: `X${String.fromCharCode(65 + c)}${String.fromCharCode(65 + c)}`, count: 1_048_576 }))).flat(),
      copyKeyOf: () => key,
    });
    expect(result.problemCounts).toHaveLength(700);
    expect(result.listingStoppedBy).toBe('bytes');
    const upload: Upload = { tenantId: 't'.repeat(64), uploadId: 'u'.repeat(36), purpose: 'exemption-table', classId: 'c'.repeat(64), unitId: 'n'.repeat(64), fileName: '名'.repeat(305), key, declaredSize: 20 * 1024 * 1024, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', uploaderId: 'p'.repeat(128), requestedAt: base.validatedAt, batchId: 'b'.repeat(36), result };
    const item = { pk: `TENANT#${upload.tenantId}#UPLOAD#${upload.uploadId}`, sk: '#HEAD', gsi1pk: `TENANT#${upload.tenantId}#CLASS#${upload.classId}#UPLOADS`, gsi1sk: upload.uploadId, upload, sequencer: result.sequencer };
    expect(itemBytes(item)).toBeLessThan(largestItemBytes);
  });
});
