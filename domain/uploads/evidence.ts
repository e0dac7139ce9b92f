/**
 * Accepted uploads as compliance evidence: a graduation photo is the evidence CT-GRAD-PHOTO
 * reads for its student (seed 000 §2.2 毕业管理 #2, 电子图片采集); a 督学统计表 is
 * CT-SUPERVISION-SHEET's for its class and term, counted only when complete (seed 000 §2.4:
 * 总部核查录入信息的完整性). Rejected files are no evidence, with one exception: a 督学统计表
 * whose every row was checked and found incomplete is kept as an incomplete sheet (it never
 * counts), so the finding can name the cells it leaves empty. A file is evidence from the
 * moment it was validated.
 */
import type { EngineRecord } from '../compliance/inputs.js';
import { shanghaiDateOf } from '../time.js';
import type { Upload } from './upload.js';

export function uploadEvidence(uploads: readonly Upload[]): EngineRecord[] {
  return uploads.flatMap((upload): EngineRecord[] => {
    const result = upload.result;
    if (result === undefined) return [];
    const checkedIncompleteSheet = upload.purpose === 'supervision-sheet' && result.complete === false;
    if (result.verdict !== 'accepted' && !checkedIncompleteSheet) return [];
    const base = { id: `upload:${upload.uploadId}`, authorId: upload.uploaderId, classId: upload.classId, occurredOn: shanghaiDateOf(new Date(result.validatedAt)), submittedAt: result.validatedAt };
    if (upload.purpose === 'graduation-photo' && upload.studentNumber !== undefined) return [{ ...base, kind: 'graduation-photo', studentIds: [upload.studentNumber] }];
    // Complete only when the spreadsheet check said so: a sheet whose completeness nobody checked does not count.
    if (upload.purpose === 'supervision-sheet' && upload.termId !== undefined) {
      const complete = result.verdict === 'accepted' && result.complete === true;
      const missing = complete || result.missingCells === undefined ? {} : { missingCells: result.missingCells.map(({ studentNumber, header }) => ({ studentNumber, duty: header })), missingCellCount: result.missingCellCount ?? result.missingCells.length };
      return [{ ...base, kind: 'supervision-sheet', covers: upload.termId, complete, ...missing }];
    }
    return [];
  });
}
