/**
 * Image header checks (`npm run bench`, or `npx tsx bench/images.ts [rounds]`): bytes read
 * and CPU per image for `checkImage` (domain/uploads/images), beside `image-size` 2.1 —
 * what one would otherwise pick — given what its own `imageSizeFromFile` reads, the first
 * 512 KiB (or the whole file when smaller). Images are built in memory by the test corpus;
 * the 8 MB ones are a real 8 MB buffer (header, scan bytes, end marker), read through an
 * in-memory `ByteSource` that hands out views, so the figure is the parser's CPU, not I/O.
 * CPU is this process's user + system time over a batch, divided by the batch; the median
 * of the rounds is printed. Targets (issue #12): ≤ 64 KiB read, < 100 µs CPU per image.
 */
import { imageSize } from 'image-size';
import { checkImage, type ImagePurpose } from '../domain/uploads/images/index.js';
import type { ByteSource } from '../domain/uploads/ports.js';
import { concat, jpeg, jpegEnd, jpegHeader, png, pngChunk, pngEnd, pngIhdr, pngSignature } from '../test/support/image-corpus.js';

const rounds = Number(process.argv[2] ?? 7);
const batch = 2_000;
const imageSizeReads = 512 * 1024; // image-size's fromFile: MaxInputSize

const source = (bytes: Uint8Array): ByteSource => ({
  size: bytes.length,
  read: async (start, end) => bytes.subarray(start, Math.min(end, bytes.length)),
});

/** A file of `size` bytes: the header, zero bytes (valid scan or padding data here), the end. */
const padded = (head: Uint8Array, size: number, end: Uint8Array): Uint8Array => {
  const bytes = new Uint8Array(size);
  bytes.set(head, 0);
  bytes.set(end, size - end.length);
  return bytes;
};

const eightMB = 8 * 1024 * 1024;
const phoneHeader = jpegHeader({ width: 4000, height: 3000, orientation: 1, exifPadding: 12_000, iccBytes: 3_000 });
const heavyHeader = jpegHeader({ width: 4000, height: 3000, orientation: 1, exifPadding: 60_000, iccBytes: 70_000 });
const bigPng = concat([pngSignature, pngIhdr(4000, 3000), pngChunk('IDAT', new Uint8Array(eightMB - 57))]);

const cases: { name: string; bytes: Uint8Array; purpose: ImagePurpose }[] = [
  { name: 'graduation photo JPEG 480×640, 1.3 KiB', bytes: jpeg({ width: 480, height: 640 }), purpose: 'graduation-photo' },
  { name: 'PNG 480×640, small', bytes: png({ width: 480, height: 640 }), purpose: 'graduation-photo' },
  { name: 'phone JPEG 4000×3000, EXIF 12 KB + ICC 3 KB, 8 MiB', bytes: padded(phoneHeader, eightMB, jpegEnd), purpose: 'withdrawal-form' },
  { name: 'JPEG, EXIF 60 KB + ICC 70 KB (SOF at 130 KB), 8 MiB', bytes: padded(heavyHeader, eightMB, jpegEnd), purpose: 'withdrawal-form' },
  { name: 'PNG 4000×3000, 8 MiB', bytes: concat([bigPng, pngEnd]), purpose: 'withdrawal-form' },
];

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Median µs of CPU per call over `rounds` batches, after a warm-up batch. */
async function cpuPerCall(call: () => unknown): Promise<number> {
  const perRound: number[] = [];
  for (let round = 0; round <= rounds; round += 1) {
    const start = process.cpuUsage();
    for (let i = 0; i < batch; i += 1) await call();
    const used = process.cpuUsage(start);
    if (round > 0) perRound.push((used.user + used.system) / batch);
  }
  return median(perRound);
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const rows: string[] = [];
for (const { name, bytes, purpose } of cases) {
  const ours = await checkImage(source(bytes), { purpose });
  if (ours.problems.length > 0 || !ours.facts) throw new Error(`bench image refused: ${name}: ${ours.problems.map((p) => p.rule).join(', ')}`);
  const oursCpu = await cpuPerCall(() => checkImage(source(bytes), { purpose }));

  const prefix = bytes.subarray(0, Math.min(bytes.length, imageSizeReads));
  const theirs = imageSize(prefix);
  if (theirs.width !== ours.facts.width || theirs.height !== ours.facts.height) throw new Error(`image-size disagrees on ${name}`);
  const theirsCpu = await cpuPerCall(() => imageSize(prefix));
  // What a user reading by range would hand image-size: the same 16 KiB head as ours.
  const head = bytes.subarray(0, Math.min(bytes.length, 16 * 1024));
  let headCpu = 'no size found';
  try {
    imageSize(head);
    headCpu = (await cpuPerCall(() => imageSize(head))).toFixed(1);
  } catch {
    // image-size throws when the frame header lies past the buffer: it cannot hop.
  }
  rows.push(
    `| ${name} | ${kib(ours.bytesRead)} KiB in ${ours.reads} | ${oursCpu.toFixed(1)} | ${kib(prefix.length)} KiB | ${theirsCpu.toFixed(1)} | ${headCpu} |`,
  );
}

console.log(`### Image header checks (${rounds} rounds of ${batch}; median µs of CPU per image)`);
console.log('');
console.log('| image | checkImage: read (reads) | checkImage µs | image-size: read as fromFile | image-size µs | image-size µs on a 16 KiB head |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
