/**
 * Streaming line framing, for JSONL and other one-record-per-line files: each non-blank line
 * becomes a TSV row `line<TAB>text` (backslashes, tabs and carriage returns escaped for TSV), so
 * the engine can stage it as text and take it apart with its own functions. Lines are never
 * parsed here.
 */
import type { FramedBatch, FramingReject } from './csv-framer.js';

const LF = 10;
const CR = 13;
const TAB = 9;
const BACKSLASH = 92;

export class LineFramer {
  private carry: Buffer = Buffer.alloc(0);
  private line = 0;
  private outBuf: Buffer = Buffer.allocUnsafe(1 << 20);
  private outPos = 0;
  private outRows = 0;
  readonly rejects: FramingReject[] = [];
  rowsRead = 0;

  constructor(private readonly options: { batchBytes?: number } = {}) {}

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
    const need = (stop - start) * 2 + 24;
    if (this.outPos + need > this.outBuf.length) this.grow(need);
    this.outPos += this.outBuf.write(String(this.line), this.outPos, 'latin1');
    this.outBuf[this.outPos++] = TAB;
    const slice = buf.subarray(start, stop);
    if (slice.indexOf(BACKSLASH) === -1 && slice.indexOf(TAB) === -1 && slice.indexOf(CR) === -1) {
      this.outPos += slice.copy(this.outBuf, this.outPos);
    } else {
      for (let i = 0; i < slice.length; i++) {
        const c = slice[i] as number;
        if (c === BACKSLASH) {
          this.outBuf[this.outPos++] = BACKSLASH;
          this.outBuf[this.outPos++] = BACKSLASH;
        } else if (c === TAB) {
          this.outBuf[this.outPos++] = BACKSLASH;
          this.outBuf[this.outPos++] = 116; // t
        } else if (c === CR) {
          this.outBuf[this.outPos++] = BACKSLASH;
          this.outBuf[this.outPos++] = 114; // r
        } else this.outBuf[this.outPos++] = c;
      }
    }
    this.outBuf[this.outPos++] = LF;
    this.outRows++;
  }

  private grow(need: number): void {
    const next = Buffer.allocUnsafe(Math.max(this.outBuf.length * 2, this.outPos + need));
    this.outBuf.copy(next, 0, 0, this.outPos);
    this.outBuf = next;
  }

  private ready(final: boolean): FramedBatch[] {
    const limit = this.options.batchBytes ?? 16 * 1024 * 1024;
    if (this.outRows === 0 || (!final && this.outPos < limit)) return [];
    const batch = { body: Buffer.from(this.outBuf.subarray(0, this.outPos)), rows: this.outRows };
    this.outPos = 0;
    this.outRows = 0;
    return [batch];
  }
}
