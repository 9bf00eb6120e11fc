import { BatchBuffer } from './batch-buffer.js';
import { ByteCounter } from './byte-counter.js';

/**
 * Streaming CSV framing. Splits a byte stream into records (respecting quotes, so quoted commas
 * and newlines stay inside their field), numbers each record by the file line it starts on,
 * checks its field count against the header, and emits batches of well-formed records as CSV
 * with the line number prepended as the first field. The engine then parses and types the
 * batches; the framer never decodes fields, which keeps it fast and its memory constant.
 */
export interface FramedBatch {
  /** CSV text: `line<delim>record\n` for each accepted record. */
  body: Buffer;
  rows: number;
}

export interface FramingReject {
  line: number;
  raw: string;
  reason: string;
}

export interface CsvHeader {
  columns: string[];
  delimiter: string;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'];

/** Picks the delimiter that splits the header line into the most fields (outside quotes). */
export function detectDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    const count = splitCsvLine(headerLine, d).length;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Splits one CSV line into unquoted field values. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export class CsvFramer {
  private header: CsvHeader | undefined;
  private carry: Buffer = Buffer.alloc(0);
  /** Line number where the pending (carried) record starts. */
  private line = 1;
  private delimiterByte = 44;
  private readonly out: BatchBuffer;
  readonly rejects: FramingReject[] = [];
  rowsRead = 0;

  constructor(private readonly options: { batchBytes?: number; hasHeader?: boolean; columns?: string[]; delimiter?: string } = {}) {
    this.out = new BatchBuffer(options.batchBytes);
    if (options.hasHeader === false) {
      if (!options.columns) throw new Error('a CSV without a header needs its column names');
      this.setHeader({ columns: options.columns, delimiter: options.delimiter ?? ',' });
    }
  }

  get csvHeader(): CsvHeader | undefined {
    return this.header;
  }

  /** Feeds bytes; returns batches that are ready. */
  push(chunk: Buffer): FramedBatch[] {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const consumed = this.scan(buf, false);
    this.carry = consumed < buf.length ? Buffer.from(buf.subarray(consumed)) : Buffer.alloc(0);
    return this.ready(false);
  }

  /** Ends the stream: the last record may lack a final newline. */
  end(): FramedBatch[] {
    if (this.carry.length) {
      this.scan(this.carry, true);
      this.carry = Buffer.alloc(0);
    }
    if (!this.header) throw new FileFormatError('The file is empty: there is no header line.');
    return this.ready(true);
  }

  private setHeader(h: CsvHeader): void {
    this.header = h;
    this.delimiterByte = h.delimiter.charCodeAt(0);
  }

  /** Scans complete records from buf; returns how many bytes were consumed. */
  private scan(buf: Buffer, final: boolean): number {
    const n = buf.length;
    let start = 0;
    // Native searches do the heavy lifting: memchr for the newline, and one look-ahead for the
    // next quote, so records without quotes (the common case) only need a delimiter count.
    let nextQuote = buf.indexOf(QUOTE, 0);
    const counter = new ByteCounter(buf);
    while (start < n) {
      const delim = this.delimiterByte; // set by the header record, which this loop may just have read
      let end = buf.indexOf(LF, start);
      let fields = 1;
      let newlines = 0;
      if (nextQuote !== -1 && nextQuote < start) nextQuote = buf.indexOf(QUOTE, start);
      if (nextQuote === -1 || (end !== -1 && nextQuote > end)) {
        if (end === -1) {
          if (!final) return start;
          end = n;
        }
        fields += counter.count(start, end, delim);
      } else {
        // Quoted fields in this record: walk it byte by byte.
        let quoted = false;
        end = -1;
        let i = start;
        for (; i < n; i++) {
          const c = buf[i] as number;
          if (c === QUOTE) quoted = !quoted;
          else if (quoted) {
            if (c === LF) newlines++;
          } else if (c === delim) fields++;
          else if (c === LF) {
            end = i;
            break;
          }
        }
        if (end === -1) {
          if (!final) return start;
          if (quoted) {
            this.reject(buf, start, n, 'unterminated quoted field at the end of the file');
            return n;
          }
          end = n;
        }
        nextQuote = buf.indexOf(QUOTE, end);
      }
      const recordEnd = end > start && buf[end - 1] === CR ? end - 1 : end;
      this.record(buf, start, recordEnd, fields);
      this.line += 1 + newlines;
      start = end + 1;
    }
    return n;
  }

  private record(buf: Buffer, start: number, end: number, fields: number): void {
    if (!this.header) {
      const text = buf.toString('utf8', start, end).replace(/^\uFEFF/, '');
      const delimiter = this.options.delimiter ?? detectDelimiter(text);
      this.setHeader({ columns: splitCsvLine(text, delimiter).map((c) => c.trim()), delimiter });
      return;
    }
    if (end === start) return; // blank line
    this.rowsRead++;
    const expected = this.header.columns.length;
    if (fields !== expected) {
      this.reject(buf, start, end, `expected ${expected} fields, found ${fields}`);
      return;
    }
    const out = this.out;
    out.ensure(end - start + 24);
    out.beginRow(this.line, this.delimiterByte);
    out.pos += buf.copy(out.buf, out.pos, start, end);
    out.endRow();
  }

  private reject(buf: Buffer, start: number, end: number, reason: string): void {
    this.rejects.push({ line: this.line, raw: buf.toString('utf8', start, end), reason });
  }

  private ready(final: boolean): FramedBatch[] {
    return this.out.take(final);
  }
}

export class FileFormatError extends Error {
  readonly code = 'FILE_UNREADABLE';
  readonly statusCode = 400;
}
