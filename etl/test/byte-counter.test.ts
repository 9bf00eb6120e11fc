/** The word-at-a-time byte count equals a plain count on any range of any buffer, aligned or not. */
import { describe, expect, it } from 'vitest';
import { ByteCounter } from '../src/readers/byte-counter.js';

const plainCount = (buf: Buffer, start: number, end: number, byte: number) => {
  let n = 0;
  for (let i = start; i < end; i++) if (buf[i] === byte) n++;
  return n;
};

describe('ByteCounter', () => {
  it('agrees with a plain loop on random buffers, offsets and ranges', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    // A pooled allocation gives buffers that start anywhere in their memory, like stream chunks.
    const backing = Buffer.alloc(4096);
    for (let round = 0; round < 2000; round++) {
      const offset = rand(64);
      const length = rand(300);
      const buf = backing.subarray(offset, offset + length);
      // Mostly commas, high bytes (0x80+, which a sloppy word trick miscounts) and near misses.
      const alphabet = [44, 44, 45, 43, 0x2c | 0x80, 0xac, 0, 255, 97];
      for (let i = 0; i < buf.length; i++) buf[i] = alphabet[rand(alphabet.length)] as number;
      const counter = new ByteCounter(buf);
      const start = rand(length + 1);
      const end = start + rand(length - start + 1);
      for (const byte of [44, 0, 255, 0xac])
        expect(counter.count(start, end, byte), `round ${round}`).toBe(plainCount(buf, start, end, byte));
    }
  });

  it('counts in a buffer too short for a single word', () => {
    const buf = Buffer.from(',a,');
    expect(new ByteCounter(buf).count(0, 3, 44)).toBe(2);
    expect(new ByteCounter(Buffer.alloc(0)).count(0, 0, 44)).toBe(0);
  });
});
