/**
 * The rules per purpose (seed 003 §三, §五, §六; DOMAIN.md §6), through `checkImage`, the
 * entry point the upload validator calls. Each test is named after the rule code it checks.
 */
import { describe, expect, it } from 'vitest';
import { inLanguage } from '../../../../domain/bilingual.js';
import { checkImage, imagePurposes, type ImagePurpose } from '../../../../domain/uploads/images/index.js';
import { imageProblems } from '../../../../domain/uploads/images/problems.js';
import { concat, CountingSource, jpeg, jpegEnd, jpegHeader, PaddedSource, png, pngEnd, pngIhdr, pngChunk, pngSignature } from '../../../support/image-corpus.js';

const rules = (check: { problems: readonly { rule: string }[] }) => check.problems.map((p) => p.rule);
const check = (bytes: Uint8Array, purpose: ImagePurpose = 'withdrawal-form', fileName?: string) =>
  checkImage(new CountingSource(bytes), fileName === undefined ? { purpose } : { purpose, fileName });

describe('every purpose accepts a good image', () => {
  it.each(imagePurposes)('%s: a 480 × 640 upright JPEG and PNG are accepted', async (purpose) => {
    expect(rules(await check(jpeg({ width: 480, height: 640, orientation: 1 }), purpose, '1711001201115刘洋.jpg'))).toEqual([]);
    expect(rules(await check(png({ width: 480, height: 640 }), purpose, '身份证.png'))).toEqual([]);
  });
});

describe('IMAGE-DISGUISED by name: the extension must say what the content is', () => {
  it('a PNG named .jpg is refused, saying it is a PNG', async () => {
    const result = await check(png({ width: 480, height: 640 }), 'withdrawal-form', '1711001201115刘洋.jpg');
    expect(rules(result)).toEqual(['IMAGE-DISGUISED']);
    expect(inLanguage(result.problems[0]!.message, false)).toContain('named .jpg but its content is a PNG image');
  });

  it('a JPEG named .png is refused', async () => {
    expect(rules(await check(jpeg({ width: 480, height: 640 }), 'graduation-photo', '51161201005000001张三.png'))).toEqual(['IMAGE-DISGUISED']);
  });

  it('a Windows program named .png is refused once, as a program', async () => {
    const result = await check(Uint8Array.from([0x4d, 0x5a, ...new Uint8Array(500)]), 'information-change-evidence', '身份证.png');
    expect(rules(result)).toEqual(['IMAGE-DISGUISED']);
    expect(inLanguage(result.problems[0]!.message, true)).toContain('Windows 可执行程序');
  });

  it('the extension is compared without regard to case, .jpeg as .jpg', async () => {
    const bytes = jpeg({ width: 480, height: 640 });
    expect(rules(await check(bytes, 'withdrawal-form', 'A.JPG'))).toEqual([]);
    expect(rules(await check(bytes, 'withdrawal-form', 'a.jpeg'))).toEqual([]);
  });
});

describe('IMAGE-TOO-LARGE: at most 10 MB, read as 10 MiB = 10,485,760 bytes', () => {
  const header = jpegHeader({ width: 2480, height: 3508 }); // an A4 page at 300 dpi
  const sized = (size: number) => checkImage(new PaddedSource(header, size, jpegEnd), { purpose: 'withdrawal-form' });

  it('a file of exactly 10,485,760 bytes is accepted', async () => {
    expect(rules(await sized(10_485_760))).toEqual([]);
  });

  it('a file of 10,485,761 bytes is refused, its size named in bytes', async () => {
    const result = await sized(10_485_761);
    expect(rules(result)).toEqual(['IMAGE-TOO-LARGE']);
    expect(inLanguage(result.problems[0]!.message, false)).toContain('10,485,761 bytes');
  });
});

describe('IMAGE-PIXEL-FLOOD: at most 100,000,000 pixels, refused from the header alone', () => {
  it('a PNG declaring 60000 × 60000 (3.6 billion pixels) in a few hundred bytes is refused and nothing else is said of its size', async () => {
    // The IDAT holds 100 bytes: the header's claim cannot be backed, and is never tried.
    const bytes = concat([pngSignature, pngIhdr(60_000, 60_000), pngChunk('IDAT', new Uint8Array(100)), pngEnd]);
    const source = new CountingSource(bytes);
    const result = await checkImage(source, { purpose: 'graduation-photo' });
    expect(rules(result)).toEqual(['IMAGE-PIXEL-FLOOD']);
    expect(source.reads).toEqual([{ start: 0, end: bytes.length }]);
  });

  it('a JPEG declaring 60000 × 60000 is refused', async () => {
    const source = new PaddedSource(jpegHeader({ width: 60_000, height: 60_000 }), 5_000, jpegEnd);
    expect(rules(await checkImage(source, { purpose: 'withdrawal-form' }))).toEqual(['IMAGE-PIXEL-FLOOD']);
  });

  it('10000 × 10000 (exactly 100,000,000 pixels) is allowed; 10000 × 10001 is not', async () => {
    const at = (width: number, height: number) => checkImage(new PaddedSource(jpegHeader({ width, height }), 100_000, jpegEnd), { purpose: 'withdrawal-form' });
    expect(rules(await at(10_000, 10_000))).toEqual([]);
    expect(rules(await at(10_000, 10_001))).toEqual(['IMAGE-PIXEL-FLOOD']);
  });
});

describe('IMAGE-TOO-SMALL: both sides at least 200 pixels (seed 003: 分辨率在200*200以上)', () => {
  it.each([
    [200, 200, []],
    [199, 200, ['IMAGE-TOO-SMALL']],
    [200, 199, ['IMAGE-TOO-SMALL']],
    [120, 160, ['IMAGE-TOO-SMALL']],
  ])('%i × %i gives %j', async (width, height, expected) => {
    expect(rules(await check(png({ width, height }), 'information-change-evidence'))).toEqual(expected);
  });
});

describe('IMAGE-ROTATED: stored upright (seed 003: 表头朝上, 不得上下颠倒)', () => {
  it.each([2, 3, 4, 5, 6, 7, 8])('a JPEG whose EXIF orientation is %i is flagged, naming it', async (orientation) => {
    const result = await check(jpeg({ width: 480, height: 640, orientation }), 'withdrawal-form');
    expect(rules(result)).toEqual(['IMAGE-ROTATED']);
    expect(result.problems[0]!.message).toContain(`EXIF orientation ${orientation}`);
  });

  it('orientation 1, or none stated, is upright', async () => {
    expect(rules(await check(jpeg({ width: 480, height: 640, orientation: 1 })))).toEqual([]);
    expect(rules(await check(jpeg({ width: 480, height: 640 })))).toEqual([]);
  });

  it("a PNG's eXIf orientation counts the same", async () => {
    expect(rules(await check(png({ width: 480, height: 640, orientation: 3 }), 'information-change-evidence'))).toEqual(['IMAGE-ROTATED']);
  });
});

describe('GRAD-PHOTO-480x640 and GRAD-PHOTO-LANDSCAPE (seed 003 §六: 640*480, 不得横向)', () => {
  it.each([
    [480, 640, []],
    [481, 640, ['GRAD-PHOTO-480x640']],
    [480, 641, ['GRAD-PHOTO-480x640']],
    [600, 800, ['GRAD-PHOTO-480x640']], // portrait in the right ratio, but not the size asked for
    [640, 480, ['GRAD-PHOTO-480x640', 'GRAD-PHOTO-LANDSCAPE']],
    [700, 640, ['GRAD-PHOTO-480x640', 'GRAD-PHOTO-LANDSCAPE']],
  ])('a %i × %i graduation photo gives %j', async (width, height, expected) => {
    expect(rules(await check(jpeg({ width, height }), 'graduation-photo'))).toEqual(expected);
  });

  it('a 480 × 640 photo stored on its side (640 × 480, EXIF 6) is flagged for both what the platform receives and the rotation', async () => {
    expect(rules(await check(jpeg({ width: 640, height: 480, orientation: 6 }), 'graduation-photo'))).toEqual([
      'IMAGE-ROTATED',
      'GRAD-PHOTO-480x640',
      'GRAD-PHOTO-LANDSCAPE',
    ]);
  });
});

describe('NEW-PHOTO-LANDSCAPE: a new student\'s photo is a portrait (our choice: the seed gives no size)', () => {
  it.each([
    [600, 800, []],
    [700, 700, []], // square is not landscape
    [800, 600, ['NEW-PHOTO-LANDSCAPE']],
  ])('%i × %i gives %j', async (width, height, expected) => {
    expect(rules(await check(jpeg({ width, height }), 'new-student-photo'))).toEqual(expected);
  });

  it('forms and evidence may be landscape (a scanned table on its long side)', async () => {
    expect(rules(await check(jpeg({ width: 800, height: 600 }), 'withdrawal-form'))).toEqual([]);
    expect(rules(await check(jpeg({ width: 800, height: 600 }), 'information-change-evidence'))).toEqual([]);
  });
});

describe('every problem is reported, each in English and Chinese', () => {
  it('an 11 MiB landscape graduation photo stored upside down and named .png reports all five problems', async () => {
    const header = jpegHeader({ width: 640, height: 480, orientation: 3 });
    const source = new PaddedSource(header, 11 * 1024 * 1024, jpegEnd);
    const result = await checkImage(source, { purpose: 'graduation-photo', fileName: '51161201005000001张三.png' });
    expect(rules(result)).toEqual(['IMAGE-TOO-LARGE', 'IMAGE-DISGUISED', 'IMAGE-ROTATED', 'GRAD-PHOTO-480x640', 'GRAD-PHOTO-LANDSCAPE']);
    for (const problem of result.problems) {
      const [en, zh] = [inLanguage(problem.message, false), inLanguage(problem.message, true)];
      expect(en).toMatch(/^[\x20-\x7e×–]+$/u);
      expect(zh).toMatch(/[\u4e00-\u9fff]/u);
    }
  });

  it('a truncated image with a wrong size reports both', async () => {
    const whole = jpeg({ width: 640, height: 480 });
    expect(rules(await check(whole.subarray(0, whole.length - 100), 'graduation-photo'))).toEqual([
      'IMAGE-TRUNCATED',
      'GRAD-PHOTO-480x640',
      'GRAD-PHOTO-LANDSCAPE',
    ]);
  });
});

describe('every image rule has its own code and a reason in both languages', () => {
  const all = [
    imageProblems.empty(),
    imageProblems.disguised('png', 'jpeg'),
    imageProblems.unrecognised(),
    imageProblems.corrupt('a segment at byte 20 declares a length of 1', '第 20 字节处的段长度为 1'),
    imageProblems.truncated(),
    imageProblems.headerTooLong(65_536),
    imageProblems.tooLarge(11_534_336, 10_485_760),
    imageProblems.pixelFlood(60_000, 60_000, 100_000_000),
    imageProblems.tooSmall(120, 160, 200),
    imageProblems.rotated(6),
    imageProblems.graduationPhotoSize(640, 480),
    imageProblems.graduationPhotoLandscape(640, 480),
    imageProblems.newStudentPhotoLandscape(800, 600),
  ];

  it('thirteen distinct codes', () => {
    expect(new Set(all.map((p) => p.rule)).size).toBe(13);
  });

  it.each(all.map((p) => [p.rule, p.message] as const))('%s: an English half and a Chinese half', (_rule, message) => {
    const [en, zh] = [inLanguage(message, false), inLanguage(message, true)];
    expect(en).not.toBe(zh);
    expect(en).toMatch(/^[\x20-\x7e×–]+$/u);
    expect(zh).toMatch(/[\u4e00-\u9fff]/u);
  });

  it('the size limit is named in megabytes and exact bytes: 11,534,336 bytes is 11 MiB', () => {
    expect(inLanguage(imageProblems.tooLarge(11_534_336, 10_485_760).message, false)).toBe(
      'The file is 11 MB (11,534,336 bytes); at most 10 MB (10,485,760 bytes) is accepted.',
    );
  });
});

