/**
 * Streaming line framing, for JSONL and other one-record-per-line files: each non-blank line
 * becomes a TSV row `line<TAB>text` (backslashes, tabs and carriage returns escaped for TSV), so
 * the engine can stage it as text and take it apart with its own functions. Lines are never
 * parsed here.
 */
import { BatchBuffer } from './batch-buffer.js';
import type { FramedBatch, FramingReject } from './csv-framer.js';

const LF = 10;
const CR = 13;
const TAB = 9;
const BACKSLASH = 92;

export class LineFramer {
  private carry: Buffer = Buffer.alloc(0);
  private line = 0;
  private readonly out: BatchBuffer;
  readonly rejects: FramingReject[] = [];
  rowsRead = 0;

  constructor(options: { batchBytes?: number } = {}) {
    this.out = new BatchBuffer(options.batchBytes);
  }

  push(chunk: Buffer): FramedBatch[] {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let start = 0;
    for (;;) {
      const end = buf.indexOf(LF, start);
      if (end === -1) break;
      this.record(buf, start, end);
      start = end + 1;
    }
    this.carry = start < buf.length ? Buffer.from(buf.subarray(start)) : Buffer.alloc(0);
    return this.ready(false);
  }

  end(): FramedBatch[] {
    if (this.carry.length) this.record(this.carry, 0, this.carry.length);
    this.carry = Buffer.alloc(0);
    return this.ready(true);
  }

  private record(buf: Buffer, start: number, end: number): void {
    this.line++;
    let stop = end;
    if (stop > start && buf[stop - 1] === CR) stop--;
    let first = start;
    while (first < stop && (buf[first] === 32 || buf[first] === TAB)) first++;
    if (first === stop) return; // blank line
    this.rowsRead++;
    const out = this.out;
    out.ensure((stop - start) * 2 + 24);
    out.beginRow(this.line, TAB);
    const slice = buf.subarray(start, stop);
    if (slice.indexOf(BACKSLASH) === -1 && slice.indexOf(TAB) === -1 && slice.indexOf(CR) === -1) {
      out.pos += slice.copy(out.buf, out.pos);
    } else {
      for (let i = 0; i < slice.length; i++) {
        const c = slice[i] as number;
        if (c === BACKSLASH) {
          out.buf[out.pos++] = BACKSLASH;
          out.buf[out.pos++] = BACKSLASH;
        } else if (c === TAB) {
          out.buf[out.pos++] = BACKSLASH;
          out.buf[out.pos++] = 116; // t
        } else if (c === CR) {
          out.buf[out.pos++] = BACKSLASH;
          out.buf[out.pos++] = 114; // r
        } else out.buf[out.pos++] = c;
      }
    }
    out.endRow();
  }

  private ready(final: boolean): FramedBatch[] {
    return this.out.take(final);
  }
}
