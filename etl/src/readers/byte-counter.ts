/**
 * Counts one byte value in ranges of a buffer four bytes at a time (SWAR: "SIMD within a
 * register"). The CSV framer counts each record's delimiters to check its field count; a plain
 * byte loop over 1.38M events (207 MB) took 360–420 ms of the framer's ~880, this takes 170–200.
 */
export class ByteCounter {
  private readonly words: Int32Array;
  /** Index in `buf` of the first byte of `words[0]` (aligned to 4 in the underlying memory). */
  private readonly first: number;

  constructor(private readonly buf: Buffer) {
    this.first = (4 - (buf.byteOffset & 3)) & 3;
    const count = buf.length > this.first ? (buf.length - this.first) >> 2 : 0;
    this.words = new Int32Array(buf.buffer, buf.byteOffset + this.first, count);
  }

  /** How many bytes equal to `byte` lie in buf[start, end). */
  count(start: number, end: number, byte: number): number {
    const buf = this.buf;
    let n = 0;
    let i = start;
    // Byte by byte up to a word boundary...
    while (i < end && ((i - this.first) & 3) !== 0) if (buf[i++] === byte) n++;
    // ...then whole words: XOR turns matching bytes into zero bytes, and the classic
    // "has zero byte" expression sets the top bit of exactly those, which are then summed.
    const pattern = Math.imul(byte, 0x01010101);
    let w = (i - this.first) >> 2;
    const lastWord = w + ((end - i) >> 2);
    const words = this.words;
    for (; w < lastWord; w++) {
      const x = (words[w] as number) ^ pattern;
      const zeros = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080;
      n += Math.imul(zeros >>> 7, 0x01010101) >>> 24;
    }
    // ...and the tail byte by byte.
    for (i = Math.max(i, this.first + (lastWord << 2)); i < end; i++) if (buf[i] === byte) n++;
    return n;
  }
}
