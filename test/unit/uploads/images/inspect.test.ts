/**
 * Inspection of an image's structure: type by magic bytes, size from the header, end
 * marker from the last bytes. Each test is named after the rule code it checks.
 *
 * Layout of the plain corpus JPEG (test/support/image-corpus.ts), worked out once:
 * SOI 2 + APP0 18 + DQT 69 + SOF0 13 + DHT 22 + DHT 22 + SOS 10 = 156 header bytes, the
 * frame header (SOF0) at byte 2 + 18 + 69 = 89; a 480 × 640 image adds 1,200 bytes of scan
 * data (60 × 80 blocks × 2 bits) and FF D9: 1,358 bytes in all.
 */
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { inspectImage } from '../../../../domain/uploads/images/index.js';
import { concat, CountingSource, exifBody, jpeg, jpegEnd, jpegHeader, png, pngChunk, pngEnd, pngIhdr, pngSignature, segment } from '../../../support/image-corpus.js';

const rules = (inspection: { problems: readonly { rule: string }[] }) => inspection.problems.map((p) => p.rule);
const inspect = (bytes: Uint8Array) => inspectImage(new CountingSource(bytes));
const ascii = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe('what an image is and how large, from its header', () => {
  it('a JPEG gives its format, width and height from its frame header, read in one read', async () => {
    const source = new CountingSource(jpeg({ width: 480, height: 640 }));
    const inspection = await inspectImage(source);
    expect(inspection.problems).toEqual([]);
    expect(inspection.facts).toEqual({ format: 'jpeg', width: 480, height: 640 });
    // 1,358 bytes (see the layout above) fit in the first read; the last bytes come from it too.
    expect(source.reads).toEqual([{ start: 0, end: 1358 }]);
  });

  it('a progressive JPEG (SOF2) is measured the same way', async () => {
    const inspection = await inspect(jpeg({ width: 300, height: 400, frameMarker: 0xc2 }));
    expect(inspection.facts).toEqual({ format: 'jpeg', width: 300, height: 400 });
  });

  it('fill bytes (FF) before a marker are skipped, as the JPEG standard allows', async () => {
    const fill = Uint8Array.from([0xff, 0xff, 0xff]);
    const bytes = jpeg({ width: 320, height: 240, beforeFrame: [fill] });
    expect((await inspect(bytes)).facts).toMatchObject({ width: 320, height: 240 });
  });

  it('a PNG gives its format, width and height from IHDR, and its orientation from eXIf', async () => {
    const inspection = await inspect(png({ width: 201, height: 333, orientation: 8 }));
    expect(inspection.problems).toEqual([]);
    expect(inspection.facts).toEqual({ format: 'png', width: 201, height: 333, orientation: 8 });
  });

  it.each([
    ['big-endian', false, 6],
    ['little-endian', true, 3],
  ])('a JPEG states its EXIF orientation (%s TIFF)', async (_order, littleEndianExif, orientation) => {
    const inspection = await inspect(jpeg({ width: 480, height: 640, orientation, littleEndianExif }));
    expect(inspection.facts?.orientation).toBe(orientation);
  });

  it('the orientation is found where the EXIF header points, after other entries', async () => {
    const bytes = jpeg({ width: 480, height: 640, orientation: 8, exifDirectoryAt: 40, exifEntriesBefore: 3 });
    expect((await inspect(bytes)).facts?.orientation).toBe(8);
  });

  it('an EXIF directory pointing past its segment reads as no orientation stated', async () => {
    const bytes = jpeg({ width: 480, height: 640, orientation: 8, exifDirectoryAt: 40 });
    bytes[20 + 4 + 6 + 7] = 0xf0; // IFD0 offset's low byte (APP1 at 20, TIFF at 30): 40 → 240, past the segment
    expect((await inspect(bytes)).facts).toEqual({ format: 'jpeg', width: 480, height: 640 });
  });

  it('only the first EXIF segment counts, as viewers read it', async () => {
    const second = segment(0xe1, exifBody(6));
    expect((await inspect(jpeg({ width: 480, height: 640, orientation: 1, beforeFrame: [second] }))).facts?.orientation).toBe(1);
  });

  it("only a PNG's first eXIf chunk counts", async () => {
    const eXIf = (orientation: number) => pngChunk('eXIf', exifBody(orientation).subarray(6));
    const bytes = concat([pngSignature, pngIhdr(480, 640), eXIf(3), eXIf(1), pngChunk('IDAT', []), pngEnd]);
    expect((await inspect(bytes)).facts?.orientation).toBe(3);
  });

  it('an orientation stored as another TIFF type than SHORT reads as none stated', async () => {
    const exif = segment(0xe1, exifBody(6, { valueType: 4 })); // LONG
    const bytes = concat([Uint8Array.from([0xff, 0xd8]), exif, jpeg({ width: 480, height: 640 }).subarray(2)]);
    expect((await inspect(bytes)).facts).toEqual({ format: 'jpeg', width: 480, height: 640 });
  });

  it('a TEM marker (FF 01, no length) before the frame header is stepped over', async () => {
    expect((await inspect(jpeg({ width: 480, height: 640, beforeFrame: [Uint8Array.from([0xff, 0x01])] }))).facts).toMatchObject({ width: 480 });
  });

  it('an EXIF orientation outside 1–8 reads as none stated', async () => {
    expect((await inspect(jpeg({ width: 480, height: 640, orientation: 9 }))).facts).toEqual({ format: 'jpeg', width: 480, height: 640 });
  });
});

describe('images written by other encoders', () => {
  it('a JPEG from jpeg-js (JFIF, standard Huffman tables, 4:2:0 colour) is measured', async () => {
    const width = 317;
    const height = 411;
    const { data } = encodeJpeg({ width, height, data: new Uint8Array(width * height * 4).fill(200) }, 80);
    const inspection = await inspect(data);
    expect(inspection.problems).toEqual([]);
    expect(inspection.facts).toEqual({ format: 'jpeg', width, height });
  });

  it('a PNG from pngjs (RGBA, its own chunk layout) is measured', async () => {
    const image = new PNG({ width: 250, height: 333 });
    image.data.fill(255);
    const inspection = await inspect(PNG.sync.write(image));
    expect(inspection.problems).toEqual([]);
    expect(inspection.facts).toEqual({ format: 'png', width: 250, height: 333 });
  });
});

describe('IMAGE-EMPTY', () => {
  it('a zero-byte file is refused without a read', async () => {
    const source = new CountingSource(new Uint8Array(0));
    const inspection = await inspectImage(source);
    expect(rules(inspection)).toEqual(['IMAGE-EMPTY']);
    expect(source.reads).toEqual([]);
  });
});

describe('IMAGE-DISGUISED and IMAGE-UNRECOGNISED: the type is the content, not the name', () => {
  it.each([
    ['a Windows program', Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, ...new Uint8Array(300)]), 'Windows'],
    ['a Linux program', Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, ...new Uint8Array(300)]), 'Linux'],
    ['a PDF', concat([ascii('%PDF-1.7\n%âãÏÓ\n1 0 obj'), new Uint8Array(300)]), 'PDF'],
    ['an iPhone HEIC photo', concat([Uint8Array.from([0, 0, 0, 0x18]), ascii('ftypheic'), new Uint8Array(300)]), 'HEIC'],
    ['a GIF', concat([ascii('GIF89a'), new Uint8Array(300)]), 'GIF'],
    ['an .xlsx (zip)', concat([Uint8Array.from([0x50, 0x4b, 0x03, 0x04]), new Uint8Array(300)]), 'zip'],
    ['a favicon (ICO)', Uint8Array.from([0, 0, 1, 0, 3, 0, 48, 48, ...new Uint8Array(300)]), 'ICO'],
  ])('%s is refused as disguised, naming what it is, from its first read only', async (_what, bytes, named) => {
    const source = new CountingSource(bytes);
    const inspection = await inspectImage(source);
    expect(rules(inspection)).toEqual(['IMAGE-DISGUISED']);
    expect(inspection.problems[0]?.message).toContain(named);
    expect(inspection.facts).toBeUndefined();
    expect(source.reads).toEqual([{ start: 0, end: bytes.length }]);
  });

  it('bytes that begin as no known format are refused as unrecognised', async () => {
    expect(rules(await inspect(ascii('学号,姓名\n1711001201115,刘洋\n')))).toEqual(['IMAGE-UNRECOGNISED']);
  });

  it('a JPEG signature cut to two bytes is not taken for a JPEG', async () => {
    expect(rules(await inspect(Uint8Array.from([0xff, 0xd8])))).toEqual(['IMAGE-UNRECOGNISED']);
  });
});

describe('IMAGE-TRUNCATED: the end marker that truncation removes', () => {
  const whole = jpeg({ width: 480, height: 640 });

  it('a JPEG cut in its scan data keeps its size but is refused as truncated', async () => {
    const inspection = await inspect(whole.subarray(0, 156 + 600)); // half the scan data
    expect(rules(inspection)).toEqual(['IMAGE-TRUNCATED']);
    expect(inspection.facts).toMatchObject({ width: 480, height: 640 });
  });

  it('a JPEG cut inside its frame header is refused as truncated, once', async () => {
    // The frame header spans bytes 89–101; cut at 95.
    const inspection = await inspect(whole.subarray(0, 95));
    expect(rules(inspection)).toEqual(['IMAGE-TRUNCATED']);
    expect(inspection.facts).toBeUndefined();
  });

  it('a JPEG followed by zero or FF padding after FF D9 is complete', async () => {
    expect(rules(await inspect(concat([whole, new Uint8Array(20), Uint8Array.from([0xff, 0xff])])))).toEqual([]);
  });

  it('a JPEG with data appended after FF D9 has no end marker at its end', async () => {
    expect(rules(await inspect(concat([whole, ascii('PK\u0003\u0004 appended archive')])))).toEqual(['IMAGE-TRUNCATED']);
  });

  it('a PNG without its IEND chunk is refused as truncated', async () => {
    const whole = png({ width: 480, height: 640 });
    expect(rules(await inspect(whole.subarray(0, whole.length - 12)))).toEqual(['IMAGE-TRUNCATED']);
    expect(rules(await inspect(whole.subarray(0, whole.length - 1)))).toEqual(['IMAGE-TRUNCATED']);
  });

  it('a PNG cut before its image data is refused as truncated', async () => {
    const whole = png({ width: 480, height: 640, textBytes: 500 });
    // IHDR ends at byte 33; the text chunk that follows (8 + 508 + 4 bytes) runs past byte 100.
    expect(rules(await inspect(whole.subarray(0, 100)))).toEqual(['IMAGE-TRUNCATED']);
  });
});

describe('IMAGE-CORRUPT: a broken header is named, never guessed around', () => {
  const corruptJpeg = (beforeFrame: Uint8Array) => inspect(jpeg({ width: 480, height: 640, beforeFrame: [beforeFrame] }));

  it('a segment whose length is below 2 is corrupt', async () => {
    const inspection = await corruptJpeg(Uint8Array.from([0xff, 0xe3, 0x00, 0x01]));
    expect(rules(inspection)).toEqual(['IMAGE-CORRUPT']);
    expect(inspection.problems[0]?.message).toContain('at byte 20'); // after SOI (2) and APP0 (18)
  });

  it('bytes where a marker must be are corrupt', async () => {
    expect(rules(await corruptJpeg(Uint8Array.from([0x12, 0x34, 0x56, 0x78])))).toEqual(['IMAGE-CORRUPT']);
  });

  it('a scan (SOS) before the frame header is corrupt', async () => {
    expect(rules(await corruptJpeg(segment(0xda, [1, 1, 0, 0, 63, 0])))).toEqual(['IMAGE-CORRUPT']);
  });

  it('a restart marker (RST0) before the frame header is corrupt', async () => {
    expect(rules(await corruptJpeg(Uint8Array.from([0xff, 0xd0])))).toEqual(['IMAGE-CORRUPT']);
  });

  it('a frame header with 5 components (JPEG images have 1 to 4) is corrupt', async () => {
    // Length 8 + 3 × 5 = 23 agrees with the count, so only the count is wrong.
    const five = [1, 2, 3, 4, 5].flatMap((id) => [id, 0x11, 0]);
    expect(rules(await corruptJpeg(segment(0xc0, [8, 2, 128, 1, 224, 5, ...five])))).toEqual(['IMAGE-CORRUPT']);
  });

  it('an end-of-image marker before the frame header is corrupt', async () => {
    expect(rules(await corruptJpeg(jpegEnd))).toEqual(['IMAGE-CORRUPT']);
  });

  it('a frame header whose length disagrees with its component count is corrupt', async () => {
    // Claims 3 components (length 8 + 9 = 17) but carries one component's 3 bytes (length 11).
    expect(rules(await corruptJpeg(segment(0xc0, [8, 2, 128, 1, 224, 3, 1, 0x11, 0])))).toEqual(['IMAGE-CORRUPT']);
  });

  it('a frame header declaring a height of 0 is corrupt', async () => {
    const bytes = concat([jpegHeader({ width: 480, height: 0 }), jpegEnd]);
    expect(rules(await inspect(bytes))).toEqual(['IMAGE-CORRUPT']);
  });

  it('a segment running past the end of the file makes the file truncated', async () => {
    const bytes = concat([Uint8Array.from([0xff, 0xd8]), segment(0xe1, new Uint8Array(100)).subarray(0, 50), jpegEnd]);
    expect(rules(await inspect(bytes))).toEqual(['IMAGE-TRUNCATED']);
  });

  it("a PNG whose IHDR checksum does not match is corrupt", async () => {
    const bytes = png({ width: 480, height: 640 });
    bytes[19] = 0xff; // the width's low byte; the CRC at 29–32 still covers the old width
    const inspection = await inspect(bytes);
    expect(rules(inspection)).toEqual(['IMAGE-CORRUPT']);
    expect(inspection.problems[0]?.message).toContain('checksum');
  });

  it('a PNG whose first chunk is not IHDR is corrupt', async () => {
    const bytes = concat([pngSignature, pngChunk('tEXt', ascii('a\u0000b')), pngIhdr(480, 640), pngChunk('IDAT', []), pngEnd]);
    expect(rules(await inspect(bytes))).toEqual(['IMAGE-CORRUPT']);
  });

  it('a PNG whose IHDR declares a bit depth its colour type does not have is corrupt', async () => {
    const bytes = concat([pngSignature, pngIhdr(480, 640, 3, 0), pngChunk('IDAT', []), pngEnd]);
    expect(rules(await inspect(bytes))).toEqual(['IMAGE-CORRUPT']);
  });

  it('a PNG whose IHDR declares a compression, filter or interlace method PNG does not have is corrupt', async () => {
    const ihdr = (compression: number, filter: number, interlace: number) =>
      pngChunk('IHDR', [0, 0, 1, 0xe0, 0, 0, 2, 0x80, 8, 0, compression, filter, interlace]); // 480 × 640, 8-bit grey
    const withIhdr = (chunk: Uint8Array) => inspect(concat([pngSignature, chunk, pngChunk('IDAT', []), pngEnd]));
    expect(rules(await withIhdr(ihdr(0, 0, 1)))).toEqual([]); // Adam7 interlacing exists
    expect(rules(await withIhdr(ihdr(1, 0, 0)))).toEqual(['IMAGE-CORRUPT']);
    expect(rules(await withIhdr(ihdr(0, 1, 0)))).toEqual(['IMAGE-CORRUPT']);
    expect(rules(await withIhdr(ihdr(0, 0, 2)))).toEqual(['IMAGE-CORRUPT']);
  });

  it('a PNG chunk declaring a length over 2³¹ − 1, or a type that is not four letters, is corrupt', async () => {
    const huge = Uint8Array.from([0xff, 0xff, 0xff, 0xff, ...[...'tEXt'].map((c) => c.charCodeAt(0))]);
    expect(rules(await inspect(concat([pngSignature, pngIhdr(480, 640), huge, new Uint8Array(20), pngEnd])))).toEqual(['IMAGE-CORRUPT']);
    expect(rules(await inspect(concat([pngSignature, pngIhdr(480, 640), pngChunk('t3Xt', []), pngChunk('IDAT', []), pngEnd])))).toEqual(['IMAGE-CORRUPT']);
  });

  it('a PNG with no image data before IEND is corrupt', async () => {
    expect(rules(await inspect(concat([pngSignature, pngIhdr(480, 640), pngEnd])))).toEqual(['IMAGE-CORRUPT']);
  });

  it('a PNG whose IHDR declares a width of 0 is corrupt', async () => {
    expect(rules(await inspect(concat([pngSignature, pngIhdr(0, 640), pngChunk('IDAT', []), pngEnd])))).toEqual(['IMAGE-CORRUPT']);
  });
});
