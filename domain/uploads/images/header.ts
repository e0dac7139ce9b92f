/** What reading an image's header found, shared by the JPEG and PNG readers. */
import type { Bytes, Shortfall } from './budgeted-reader.js';

export type Header =
  | { readonly kind: 'size'; readonly width: number; readonly height: number; readonly orientation?: number }
  /** The structure is broken; `en`/`zh` say where, for the problem's message. */
  | { readonly kind: 'corrupt'; readonly en: string; readonly zh: string }
  /** The object ends before its header does. */
  | { readonly kind: 'truncated' }
  /** The header runs on past what the read budget allows. */
  | { readonly kind: 'over-budget' };

export const corrupt = (en: string, zh: string): Header => ({ kind: 'corrupt', en, zh });

export const fromShortfall = (shortfall: Shortfall): Header =>
  shortfall === 'end-of-object' ? { kind: 'truncated' } : { kind: 'over-budget' };

export const byteAt = (b: Bytes, offset: number): number => b.bytes[b.index + offset] ?? 0;

export const uint16 = (b: Bytes, offset: number, littleEndian = false): number =>
  littleEndian
    ? byteAt(b, offset) | (byteAt(b, offset + 1) << 8)
    : (byteAt(b, offset) << 8) | byteAt(b, offset + 1);

export const uint32 = (b: Bytes, offset: number, littleEndian = false): number =>
  littleEndian
    ? (uint16(b, offset, true) + uint16(b, offset + 2, true) * 0x10000)
    : (uint16(b, offset) * 0x10000 + uint16(b, offset + 2));
