/**
 * Accepted uploads move the findings that read them: CT-GRAD-PHOTO (every graduate's photo
 * before the graduation application date) and CT-SUPERVISION-SHEET (a complete 督学统计表
 * by one week after term end). Expected figures worked out by hand in each case.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../domain/compliance/index.js';
import type { TenantConfiguration } from '../../../domain/configuration.js';
import { engineInput, type ClassRecords } from '../../../domain/standing.js';
import type { Upload, UploadResult } from '../../../domain/uploads/upload.js';

const configuration: TenantConfiguration = {
  academicYears: [{ id: '2025-2026', start: '2025-09-01', end: '2026-08-31' }],
  terms: [{ id: '2025-autumn', start: '2025-09-01', end: '2026-01-16', academicYearId: '2025-2026' }],
};
const [liu, wang] = ['1711001201115', '1711001201116'];
let serial = 0;

function upload(purpose: Upload['purpose'], validatedAt: string, result: Partial<UploadResult> & Pick<UploadResult, 'verdict'>, extra: Partial<Upload> = {}): Upload {
  serial++;
  const uploadId = `019a0000-0000-7000-8000-${String(serial).padStart(12, '0')}`;
  return {
    tenantId: 't',
    uploadId,
    purpose,
    classId: 'c1',
    unitId: 'u1',
    fileName: 'f',
    key: `incoming/t/${uploadId}/f`,
    declaredSize: 1,
    contentType: purpose === 'supervision-sheet' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'image/jpeg',
    uploaderId: 'teacher-1',
    requestedAt: validatedAt,
    ...extra,
    result: { etag: 'e', sequencer: '01', size: 1, contentType: 'image/jpeg', validatedAt, problems: [], problemCount: 0, copyKey: 'accepted/x', ...result },
  };
}

function findings(uploads: Upload[]) {
  const classRecords: ClassRecords = {
    schoolClass: { tenantId: 't', classId: 'c1', unitId: 'u1', name: '会计1班', cohort: 'new', version: 1, entryTerm: '2025-autumn', classTeacherId: 'teacher-1' },
    students: [liu, wang].map((studentNumber, i) => ({ tenantId: 't', studentNumber, name: `学生${i}`, classId: 'c1' })),
    records: [],
    courseTeachers: [],
    staffChanges: [],
    // Application (毕业申请) on 1 December: photos are due before that day begins in Beijing.
    graduation: { graduatesOn: '2026-01-10', applicationOn: '2025-12-01', studentNumbers: [liu, wang] },
    uploads,
  };
  const input = engineInput({ tenantId: 't', configuration, configurationRevision: 1, classes: [classRecords], ownRecords: [], asOf: '2026-02-01T00:00:00+08:00' });
  const all = evaluate({ ...input, termId: '2025-autumn' }).findings;
  return { photo: all.find((f) => f.ruleId === 'CT-GRAD-PHOTO')!, sheet: all.find((f) => f.ruleId === 'CT-SUPERVISION-SHEET')! };
}

describe('CT-GRAD-PHOTO reads accepted graduation photos, one per graduate', () => {
  it('without photos: missed, 0 of 2, both graduates missing', () => {
    expect(findings([]).photo).toMatchObject({ status: 'missed', required: 2, actual: 0, missingIds: [liu, wang] });
  });

  it('a rejected photo is no evidence: 刘洋’s accepted one counts, 王芳’s rejected one does not (1 of 2)', () => {
    const photos = [
      upload('graduation-photo', '2025-11-20T02:00:00Z', { verdict: 'accepted' }, { studentNumber: liu }),
      upload('graduation-photo', '2025-11-20T02:00:00Z', { verdict: 'rejected' }, { studentNumber: wang }),
    ];
    expect(findings(photos).photo).toMatchObject({ status: 'missed', actual: 1, missingIds: [wang] });
  });

  it('both accepted before the application day: met, 2 of 2', () => {
    // 2025-11-30T15:59:59Z is 23:59:59 on 30 November in Beijing: the last second in time.
    const photos = [
      upload('graduation-photo', '2025-11-20T02:00:00Z', { verdict: 'accepted' }, { studentNumber: liu }),
      upload('graduation-photo', '2025-11-30T15:59:59Z', { verdict: 'accepted' }, { studentNumber: wang }),
    ];
    expect(findings(photos).photo).toMatchObject({ status: 'met', actual: 2 });
  });

  it('a photo validated on the application day itself is late: 1 of 2', () => {
    // 2025-11-30T16:00:00Z is 00:00 on 1 December in Beijing: the application day has begun.
    const photos = [
      upload('graduation-photo', '2025-11-20T02:00:00Z', { verdict: 'accepted' }, { studentNumber: liu }),
      upload('graduation-photo', '2025-11-30T16:00:00Z', { verdict: 'accepted' }, { studentNumber: wang }),
    ];
    expect(findings(photos).photo).toMatchObject({ status: 'missed', actual: 1, missingIds: [wang] });
  });
});

describe('CT-SUPERVISION-SHEET reads an accepted, complete 督学统计表 of the term', () => {
  it('without a sheet: missed', () => {
    expect(findings([]).sheet).toMatchObject({ status: 'missed', required: 1, actual: 0 });
  });

  it('a complete sheet accepted on 20 January, within the week after the 16 January term end: met', () => {
    const sheet = upload('supervision-sheet', '2026-01-20T02:00:00Z', { verdict: 'accepted', complete: true }, { termId: '2025-autumn' });
    expect(findings([sheet]).sheet).toMatchObject({ status: 'met', actual: 1, evidenceIds: [`upload:${sheet.uploadId}`] });
  });

  it('an accepted sheet whose completeness was not established does not count, and the finding says so', () => {
    const sheet = upload('supervision-sheet', '2026-01-20T02:00:00Z', { verdict: 'accepted' }, { termId: '2025-autumn' });
    expect(findings([sheet]).sheet).toMatchObject({ status: 'missed', actual: 0, reason: '1 incomplete sheet(s) do not count' });
  });

  it('a sheet rejected as incomplete never counts, and the finding names the cells it leaves empty', () => {
    const missingCells = [{ studentNumber: wang, header: '课程作业', column: 'E' }, { studentNumber: liu, header: '考务工作', column: 'V' }];
    const sheet = upload('supervision-sheet', '2026-01-20T02:00:00Z', { verdict: 'rejected', complete: false, missingCells, missingCellCount: 2 }, { termId: '2025-autumn' });
    expect(findings([sheet]).sheet).toMatchObject({ status: 'missed', actual: 0, reason: `1 incomplete sheet(s) do not count; the latest leaves 2 cell(s) empty: ${wang} 课程作业, ${liu} 考务工作` });
  });

  it('a sheet rejected unread (no completeness established) is no evidence at all', () => {
    const sheet = upload('supervision-sheet', '2026-01-20T02:00:00Z', { verdict: 'rejected' }, { termId: '2025-autumn' });
    const finding = findings([sheet]).sheet;
    expect(finding).toMatchObject({ status: 'missed', actual: 0 });
    expect(finding.reason).toBeUndefined();
  });

  it('a complete sheet accepted on 24 January, after the 23 January deadline (16 + 7 days): missed', () => {
    const sheet = upload('supervision-sheet', '2026-01-24T02:00:00Z', { verdict: 'accepted', complete: true }, { termId: '2025-autumn' });
    expect(findings([sheet]).sheet).toMatchObject({ status: 'missed', actual: 0 });
  });
});
