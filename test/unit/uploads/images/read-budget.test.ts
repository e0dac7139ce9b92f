/**
 * IMAGE-READ-BUDGET: an image is never read whole. A first read of 16,384 bytes, one of the
 * last 64, then 4,096-byte reads only where metadata runs past what was read; never more
 * than 65,536 bytes in all. The byte counts are a counting `ByteSource`'s, not the
 * inspection's own report (which is checked against it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspectImage, readBudget } from '../../../../domain/uploads/images/index.js';
import { CountingSource, jpeg, jpegEnd, jpegHeader, PaddedSource, png } from '../../../support/image-corpus.js';

const rules = (inspection: { problems: readonly { rule: string }[] }) => inspection.problems.map((p) => p.rule);

describe('IMAGE-READ-BUDGET', () => {
  it('a 1 GiB JPEG is read in its first 16,384 and last 64 bytes', async () => {
    const source = new PaddedSource(jpegHeader({ width: 4000, height: 3000, orientation: 1 }), 2 ** 30, jpegEnd);
    const inspection = await inspectImage(source);
    expect(inspection.problems).toEqual([]);
    expect(inspection.facts).toEqual({ format: 'jpeg', width: 4000, height: 3000, orientation: 1 });
    expect(source.reads).toEqual([
      { start: 0, end: 16_384 },
      { start: 2 ** 30 - 64, end: 2 ** 30 },
    ]);
    expect(inspection.bytesRead).toBe(source.bytesRead);
  });

  it('a 1 GiB PNG is read the same way', async () => {
    const whole = png({ width: 4000, height: 3000 });
    const source = new PaddedSource(whole.subarray(0, 200), 2 ** 30, whole.subarray(whole.length - 12));
    const inspection = await inspectImage(source);
    expect(inspection.facts).toEqual({ format: 'png', width: 4000, height: 3000 });
    expect(source.bytesRead).toBe(16_384 + 64);
  });

  it('EXIF and ICC metadata pushing the frame header past 64 KiB are hopped over, not read', async () => {
    // Layout: SOI 0–1, APP0 2–19, APP1 at 20 of 4 + 6 + 26 + 60,000 = 60,036 bytes (to 60,056),
    // APP2 at 60,056 of 4 + 14 + 65,519 = 65,537 bytes (to 125,593), APP2 at 125,593 of
    // 4 + 14 + 4,481 = 4,499 bytes (to 130,092), DQT 69 bytes, SOF0 at 130,161 (past 65,536).
    // The file: 130,092 + 69 + 13 + 22 + 22 + 10 = 130,228 header bytes + 1,200 scan + 2 = 131,430.
    const bytes = jpeg({ width: 480, height: 640, orientation: 1, exifPadding: 60_000, iccBytes: 70_000 });
    expect(bytes.length).toBe(131_430);
    const source = new CountingSource(bytes);
    const inspection = await inspectImage(source);
    expect(inspection.problems).toEqual([]);
    expect(inspection.facts).toEqual({ format: 'jpeg', width: 480, height: 640, orientation: 1 });
    // Head; tail; a hop to the first APP2's marker; to the second's (past the first hop's
    // 4,096 bytes); to DQT, since the second APP2 (4,499 bytes) outruns that hop too. The
    // last hop stops at the file's end: 131,430 − 130,092 = 1,338 bytes.
    expect(source.reads).toEqual([
      { start: 0, end: 16_384 },
      { start: 131_366, end: 131_430 },
      { start: 60_056, end: 64_152 },
      { start: 125_593, end: 129_689 },
      { start: 130_092, end: 131_430 },
    ]);
    expect(source.bytesRead).toBe(16_384 + 64 + 4_096 + 4_096 + 1_338); // 25,978
    expect(inspection.bytesRead).toBe(source.bytesRead);
  });

  it('metadata in more segments than the budget can hop over is refused as IMAGE-HEADER-TOO-LONG, at 65,536 bytes read', async () => {
    // 20 full APP2 segments: after the head (16,384) and tail (64), 49,088 bytes are left:
    // 11 hops of 4,096 (45,056) and a twelfth of the remaining 4,032; the thirteenth cannot be made.
    const source = new CountingSource(jpeg({ width: 480, height: 640, iccBytes: 20 * 65_519 }));
    const inspection = await inspectImage(source);
    expect(rules(inspection)).toEqual(['IMAGE-HEADER-TOO-LONG']);
    expect(source.reads).toHaveLength(2 + 12);
    expect(source.bytesRead).toBe(readBudget);
  });

  it('a PNG text chunk pushing the image data past the head costs one hop', async () => {
    // IHDR ends at 33; tEXt is 8 + (8 + 100,000) + 4 = 100,020 bytes: IDAT's chunk header at
    // 100,053, and 10,000 bytes of image data after it, so the hop is not cut by the file's end.
    const source = new CountingSource(png({ width: 480, height: 640, textBytes: 100_000, imageData: new Uint8Array(10_000) }));
    const inspection = await inspectImage(source);
    expect(inspection.facts).toEqual({ format: 'png', width: 480, height: 640 });
    expect(source.reads[2]).toEqual({ start: 100_053, end: 100_053 + 4_096 });
    expect(source.bytesRead).toBe(16_384 + 64 + 4_096);
  });

  it('an object shorter than its declared size (changed between listing and reading) is truncated', async () => {
    const bytes = jpeg({ width: 480, height: 640 });
    const shorter = { size: 100_000, read: async (start: number, end: number) => bytes.subarray(start, Math.min(end, bytes.length)) };
    expect(rules(await inspectImage(shorter))).toEqual(['IMAGE-TRUNCATED']);
  });

  it('an object that ends, against its declared size, inside the header is truncated, not corrupt', async () => {
    const bytes = jpeg({ width: 480, height: 640 }).subarray(0, 50); // SOI, APP0, part of DQT (20–88)
    const shorter = { size: 100_000, read: async (start: number, end: number) => bytes.subarray(start, Math.min(end, bytes.length)) };
    expect(rules(await inspectImage(shorter))).toEqual(['IMAGE-TRUNCATED']);
  });

  it('a failing read rejects rather than passing for a problem of the image', async () => {
    const failing = { size: 5_000, read: async () => Promise.reject(new Error('storage unreachable')) };
    await expect(inspectImage(failing)).rejects.toThrow('storage unreachable');
  });

  it('whatever bytes follow a JPEG or PNG signature, inspection answers without throwing and within the budget', async () => {
    const seeds = [
      jpeg({ width: 480, height: 640, orientation: 6, exifPadding: 30_000, iccBytes: 100_000 }),
      png({ width: 480, height: 640, orientation: 3, textBytes: 30_000 }),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 24 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (seed, edits, cut) => {
          const bytes = seed.slice(0, cut === undefined ? seed.length : 3 + (cut % seed.length));
          // Keep the signature so the parsers, not the type check, meet the damage.
          for (const [at, value] of edits) if (at % bytes.length >= 8) bytes[at % bytes.length] = value;
          const source = new CountingSource(bytes);
          const inspection = await inspectImage(source);
          expect(source.bytesRead).toBeLessThanOrEqual(readBudget);
          expect(inspection.bytesRead).toBe(source.bytesRead);
          expect(inspection.facts !== undefined || inspection.problems.length > 0).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
});
