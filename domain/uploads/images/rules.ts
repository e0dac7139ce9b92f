/**
 * The rules an uploaded image must meet, per purpose, declared once (seed 003 and
 * DOMAIN.md §6). Every rule is checked on its own and all failures are reported, so the
 * uploader learns everything to fix at once.
 *
 * Every purpose: JPG or PNG by content; at most 10 MB; at least 200 × 200 pixels; stored
 * upright (seed 003 §三: "表头朝上，不得……上下颠倒" — EXIF orientation other than 1 is flagged,
 * since the national platform shows the pixels as stored); at most 100 million pixels.
 * Per purpose, see `imagePurposeRules`. Checks that need the pixels (white borders, blur,
 * distortion, skew: "不能有白边，图像不能变形、模糊不清", "不得歪七扭八") are out of scope: the
 * validators read headers only.
 */
import type { UploadProblem } from '../ports.js';
import type { ImageInspection } from './inspect.js';
import { imageProblems } from './problems.js';
import { claimedFormat } from './signatures.js';

export const imagePurposes = ['withdrawal-form', 'information-change-evidence', 'graduation-photo', 'new-student-photo'] as const;
export type ImagePurpose = (typeof imagePurposes)[number];

export const imageLimits = {
  /**
   * Seed 003: "10M以内", "10MB以内". Read as 10 MiB (10,485,760 bytes), the "10 MB" that
   * Windows shows, so a file the uploader sees as 9.9 MB is never refused.
   */
  maxBytes: 10 * 1024 * 1024,
  /** Seed 003: "分辨率在200*200以上", read as both sides at least 200 pixels. */
  minSide: 200,
  /**
   * Ours: a header declaring more is refused before anything could allocate by it (a
   * 60000 × 60000 "pixel flood" would need 10 GiB to decode). 100 million is above a
   * 1200-dpi A4 scan in JPEG's reach at 10 MB and any phone's photo of the day.
   */
  maxPixels: 100_000_000,
} as const;

interface PurposeRule {
  /** The stored width and height the purpose requires, exactly. */
  readonly exactly?: { readonly width: number; readonly height: number; readonly problem: (w: number, h: number) => UploadProblem };
  /** Refuses a landscape image (wider than high). */
  readonly notLandscape?: (w: number, h: number) => UploadProblem;
}

export const imagePurposeRules: Record<ImagePurpose, PurposeRule> = {
  /** 退学申请表, seed 003 §三 (一) 3: JPG/PNG, 10M, 200*200, 表头朝上. Only the general rules. */
  'withdrawal-form': {},
  /** 证明材料 (ID card and other scans), seed 003 §五 (二) 4: JPG/PNG, 10MB, 200*200. Only the general rules. */
  'information-change-evidence': {},
  /** 毕业生电子照片, seed 003 §六: "照片尺寸大小为640*480，照片不得横向" — 480 wide × 640 high. */
  'graduation-photo': {
    exactly: { width: 480, height: 640, problem: imageProblems.graduationPhotoSize },
    notLandscape: imageProblems.graduationPhotoLandscape,
  },
  /**
   * 新生图像采集, seed 003 (学籍管理员日常工作 6): the seed defers to the registry office's notice
   * and gives no size. Ours: the general rules, and not landscape, as a portrait like the
   * graduation photo; a landscape file is most likely the wrong one.
   */
  'new-student-photo': { notLandscape: imageProblems.newStudentPhotoLandscape },
};

export interface ImageJudgement {
  readonly purpose: ImagePurpose;
  /** The object's size in bytes. */
  readonly size: number;
  /** The file's name as the uploader gave it (decoded), to compare its extension with the content. */
  readonly fileName?: string;
}

/** Every problem of an inspected image for a purpose: the inspection's own, then the rules'. */
export function judgeImage(inspection: ImageInspection, { purpose, size, fileName }: ImageJudgement): UploadProblem[] {
  const problems = [...inspection.problems];
  if (size > imageLimits.maxBytes) problems.push(imageProblems.tooLarge(size, imageLimits.maxBytes));
  const claimed = fileName === undefined ? undefined : claimedFormat(fileName);
  const content = inspection.content;
  if (claimed && typeof content === 'string' && content !== claimed) problems.push(imageProblems.disguised(content, claimed));

  const facts = inspection.facts;
  if (!facts) return problems;
  const { width, height, orientation } = facts;
  // Checked first and alone: the other size rules mean nothing for such a header.
  if (width * height > imageLimits.maxPixels) return [...problems, imageProblems.pixelFlood(width, height, imageLimits.maxPixels)];
  if (width < imageLimits.minSide || height < imageLimits.minSide) problems.push(imageProblems.tooSmall(width, height, imageLimits.minSide));
  if (orientation !== undefined && orientation !== 1) problems.push(imageProblems.rotated(orientation));
  const rule = imagePurposeRules[purpose];
  if (rule.exactly && (width !== rule.exactly.width || height !== rule.exactly.height)) problems.push(rule.exactly.problem(width, height));
  if (rule.notLandscape && width > height) problems.push(rule.notLandscape(width, height));
  return problems;
}
