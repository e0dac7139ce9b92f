/**
 * The zip layer: yauzl over a `ByteSource`, read by range. yauzl reads the end record and
 * the central directory first (the last bytes of the object), so every part's declared
 * sizes are known, and judged, before a byte is inflated; yauzl then gives a part's raw
 * bytes from its own range, which we inflate with Node's zlib as a stream while counting
 * its real bytes against the same limits. Nothing is ever read whole.
 *
 * Why yauzl (not fflate's streaming `Unzip`): fflate walks local headers from the front,
 * so it has neither the central directory's sizes before inflating nor random access
 * by range; yauzl has both (its `RandomAccessReader`) and checks the directory's
 * structure. fflate's inflate, pure JavaScript on this thread, also took twice zlib's CPU.
 */
import { Readable, pipeline } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import type { ByteSource } from '../../../domain/uploads/ports.js';
import type { XlsxLimits } from './limits.js';
import { XlsxRefusal, refusals } from './refusals.js';

/** A failure of the storage behind the source (not the file's fault): rethrown as is. */
export class SourceReadError extends Error {
  constructor(readonly original: unknown) {
    super('reading the uploaded object failed');
  }
}

class ByteSourceReader extends yauzl.RandomAccessReader {
  constructor(
    private readonly source: ByteSource,
    private readonly chunk: number,
  ) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const { source, chunk } = this;
    return Readable.from(
      (async function* () {
        for (let at = start; at < end; at += chunk) {
          let bytes: Uint8Array;
          try {
            bytes = await source.read(at, Math.min(end, at + chunk));
          } catch (error) {
            throw new SourceReadError(error);
          }
          yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        }
      })(),
      { objectMode: false },
    );
  }
}

export interface ZipPart {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
}

export interface OpenedZip {
  readonly parts: ReadonlyMap<string, ZipPart>;
  /** Inflate one part, handing each chunk to `onChunk` as it comes (backpressure kept). */
  readPart(name: string, onChunk: (chunk: Buffer) => void): Promise<void>;
  close(): void;
}

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const OLE_COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0]; // .xls, and every password-protected .xlsx

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** Names the failure of an archive yauzl could not open. */
async function whyUnopenable(source: ByteSource, error: unknown): Promise<XlsxRefusal> {
  if (error instanceof SourceReadError) throw error.original;
  const head = source.size >= 4 ? await source.read(0, 4) : new Uint8Array();
  if (startsWith(head, OLE_COMPOUND_FILE)) return refusals.legacyOrEncrypted();
  if (!startsWith(head, ZIP_LOCAL_HEADER)) return refusals.notAZip();
  const message = error instanceof Error ? error.message : String(error);
  // A zip whose end record is gone was cut short; other structural faults are damage.
  if (/end of central directory record signature not found|overflows file bounds|unexpected EOF|not enough bytes/i.test(message)) return refusals.truncated();
  return refusals.corrupt('zip structure');
}

export async function openZip(source: ByteSource, limits: XlsxLimits): Promise<OpenedZip> {
  if (source.size > limits.maxCompressedBytes) throw refusals.tooLarge(source.size, limits.maxCompressedBytes);
  const reader = new ByteSourceReader(source, limits.readChunkBytes);
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromRandomAccessReader(reader, source.size, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, z) =>
        err || !z ? reject(err) : resolve(z),
      ),
    );
  } catch (error) {
    throw await whyUnopenable(source, error);
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw refusals.tooManyEntries(zip.entryCount, limits.maxEntries);
    const entries = await listEntries(zip);
    const parts = judgeDeclaredSizes(entries, limits);
    return { parts, readPart: partReader(zip, entries, limits), close: () => zip.close() };
  } catch (error) {
    zip.close();
    if (error instanceof XlsxRefusal) throw error;
    throw await whyUnopenable(source, error);
  }
}

function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/** First check: what the central directory declares, before inflating anything. */
function judgeDeclaredSizes(entries: Map<string, yauzl.Entry>, limits: XlsxLimits): Map<string, ZipPart> {
  const parts = new Map<string, ZipPart>();
  let total = 0;
  for (const [name, e] of entries) {
    if (e.uncompressedSize > limits.maxPartBytes) throw refusals.partTooLarge(name, limits.maxPartBytes);
    total += e.uncompressedSize;
    if (total > limits.maxTotalBytes) throw refusals.totalTooLarge(limits.maxTotalBytes);
    if (e.uncompressedSize > limits.ratioExemptBytes && e.uncompressedSize > limits.maxCompressionRatio * Math.max(1, e.compressedSize)) {
      throw refusals.ratio(name, limits.maxCompressionRatio);
    }
    parts.set(name, { name, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize });
  }
  return parts;
}

/** Output chunks of the inflate: 64 KiB rather than zlib's 16 KiB, a quarter of the hand-offs. */
const INFLATE_CHUNK = 64 * 1024;

/**
 * Second check: the bytes actually inflated, counted as they come. The part is inflated by
 * Node's zlib on its thread pool and consumed as an async iteration, so zlib inflates the
 * next chunk while this thread parses the one before (one chunk ahead, then it waits):
 * handed over synchronously instead, the two would take turns and this thread would sit
 * idle for every chunk's inflate and every hop between the threads.
 */
function partReader(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>, limits: XlsxLimits) {
  let inflatedSoFar = 0;
  const openRaw = (entry: yauzl.Entry) =>
    new Promise<Readable>((resolve, reject) =>
      // yauzl takes `decompress` for deflated entries only; stored ones come as they are
      zip.openReadStream(entry, entry.compressionMethod === 8 ? { decompress: false } : {}, (err, stream) => (err || !stream ? reject(err) : resolve(stream))),
    );
  return async (name: string, onChunk: (chunk: Buffer) => void): Promise<void> => {
    const entry = entries.get(name);
    if (!entry) throw refusals.notAWorkbook(name);
    if (entry.isEncrypted()) throw refusals.legacyOrEncrypted();
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw refusals.corrupt(`${name}: unsupported compression`);
    let raw: Readable;
    try {
      raw = await openRaw(entry);
    } catch (error) {
      throw translate(error, name);
    }
    const inflated = entry.compressionMethod === 8 ? pipeline(raw, createInflateRaw({ chunkSize: INFLATE_CHUNK }), () => {}) : raw;
    let partBytes = 0;
    let consumerError: unknown;
    try {
      for await (const chunk of inflated as AsyncIterable<Buffer>) {
        partBytes += chunk.length;
        inflatedSoFar += chunk.length;
        if (partBytes > entry.uncompressedSize) throw refusals.sizeMismatch(name);
        if (partBytes > limits.maxPartBytes) throw refusals.partTooLarge(name, limits.maxPartBytes);
        if (inflatedSoFar > limits.maxTotalBytes) throw refusals.totalTooLarge(limits.maxTotalBytes);
        if (partBytes > limits.ratioExemptBytes && partBytes > limits.maxCompressionRatio * Math.max(1, entry.compressedSize)) {
          throw refusals.ratio(name, limits.maxCompressionRatio);
        }
        try {
          onChunk(chunk);
        } catch (error) {
          consumerError = error;
          throw error;
        }
      }
    } catch (error) {
      // the consumer's own verdict (a limit, bad XML) passes on as is
      throw error === consumerError ? error : translate(error, name);
    } finally {
      raw.destroy();
    }
    if (partBytes !== entry.uncompressedSize) throw refusals.sizeMismatch(name);
  };
}

function translate(error: unknown, part: string): unknown {
  if (error instanceof XlsxRefusal || error instanceof SourceReadError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/too many bytes|not enough bytes/.test(message)) return refusals.sizeMismatch(part);
  if (/unsupported compression method/.test(message)) return refusals.corrupt(`${part}: unsupported compression`);
  return refusals.corrupt(part);
}
