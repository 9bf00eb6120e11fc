/**
 * The growing output buffer both framers write their staged rows into, handed out in batches of
 * about `batchBytes` (the last one whatever is left).
 */
import type { FramedBatch } from './csv-framer.js';

export class BatchBuffer {
  buf: Buffer = Buffer.allocUnsafe(1 << 20);
  pos = 0;
  private rows = 0;

  constructor(private readonly batchBytes = 16 * 1024 * 1024) {}

  /** Makes room for `need` more bytes. */
  ensure(need: number): void {
    if (this.pos + need <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + need));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Starts a row with its line number and a separator byte. */
  beginRow(line: number, separator: number): void {
    // The digits written straight into the buffer: String(line) + write() cost ~0.1 µs a row.
    let digits = 1;
    for (let x = line; x >= 10; x = Math.floor(x / 10)) digits++;
    let n = line;
    for (let p = this.pos + digits - 1; p >= this.pos; p--) {
      this.buf[p] = 48 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.pos += digits;
    this.buf[this.pos++] = separator;
  }

  endRow(): void {
    this.buf[this.pos++] = 10;
    this.rows++;
  }

  take(final: boolean): FramedBatch[] {
    if (this.rows === 0 || (!final && this.pos < this.batchBytes)) return [];
    const batch = { body: Buffer.from(this.buf.subarray(0, this.pos)), rows: this.rows };
    this.pos = 0;
    this.rows = 0;
    return [batch];
  }
}
