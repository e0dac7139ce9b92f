/**
 * The generated corpus is made of real images: independent decoders (jpeg-js, pngjs) read
 * them at the sizes asked for, so the inspection's tests run on images, not on bytes that
 * only our parser accepts.
 */
import { decode as decodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { jpeg, png } from '../../../support/image-corpus.js';

describe('the image corpus', () => {
  it.each([
    [480, 640],
    [200, 200],
    [203, 317], // sizes that are no multiple of 8 leave partial blocks
  ])('a %i × %i JPEG decodes to mid-grey at that size', (width, height) => {
    const image = decodeJpeg(jpeg({ width, height, orientation: 1, iccBytes: 3000 }), { useTArray: true, tolerantDecoding: false });
    expect([image.width, image.height]).toEqual([width, height]);
    // A DC coefficient of 0 is level 0 + 128 after the level shift: every pixel is 128.
    expect(image.data.every((v, i) => i % 4 === 3 || v === 128)).toBe(true);
  });

  it.each([
    [480, 640],
    [201, 199],
  ])('a %i × %i PNG decodes, its checksums verified, at that size', (width, height) => {
    const image = PNG.sync.read(Buffer.from(png({ width, height, orientation: 6, textBytes: 100 })), { checkCRC: true });
    expect([image.width, image.height]).toEqual([width, height]);
  });
});
