/** A file read by ranges, as the validator reads an object by ranged GETs: the benches' `ByteSource`. */
import { fstatSync, openSync, readSync } from 'node:fs';
import type { ByteSource } from '../domain/uploads/ports.js';

export function fileSource(path: string): ByteSource {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  return {
    size,
    async read(start, end) {
      const to = Math.min(end, size);
      const buf = Buffer.allocUnsafe(Math.max(0, to - start));
      readSync(fd, buf, 0, buf.length, start);
      return buf;
    },
  };
}
