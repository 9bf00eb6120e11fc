/**
 * The reader behind embedded exports, driven by a hand-held writer: bytes already written reach
 * the reader before the writer is done (the point of streaming while writing), the stream ends
 * only after the writer finished and every byte was read, and a writer that fails breaks the
 * stream instead of ending it as if the file were complete.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readGrowingFile } from '../src/growing-file.js';

const dir = mkdtempSync(join(tmpdir(), 'growing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writer() {
  let finish!: () => void;
  let fail!: (e: Error) => void;
  const written = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { written, finish, fail };
}

const nextChunk = (stream: NodeJS.ReadableStream) =>
  new Promise<string>((resolve, reject) => {
    stream.once('data', (c: Buffer) => {
      stream.pause(); // hold later bytes until the test asks for them
      resolve(c.toString());
    });
    stream.once('error', reject);
  });

describe('reading a file while it is written', () => {
  it('passes on bytes as they land and ends once the writer is done and all is read', async () => {
    const path = join(dir, 'a');
    const w = writer();
    let closed = false;
    const stream = readGrowingFile(path, w.written, () => {
      closed = true;
    });
    // Not there yet: the reader waits for the file to appear.
    const first = nextChunk(stream);
    appendFileSync(path, 'part one;');
    expect(await first).toBe('part one;');
    expect(closed).toBe(false);
    appendFileSync(path, 'part two;');
    w.finish();
    const rest: string[] = [];
    stream.on('data', (c: Buffer) => rest.push(c.toString()));
    const ended = new Promise((resolve) => stream.on('end', resolve));
    stream.resume();
    await ended;
    expect(rest.join('')).toBe('part two;');
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(true);
  });

  it('breaks the stream when the writer fails, after the bytes it did write', async () => {
    const path = join(dir, 'b');
    const w = writer();
    const stream = readGrowingFile(path, w.written, () => {});
    appendFileSync(path, 'half');
    expect(await nextChunk(stream)).toBe('half');
    const failed = new Promise<Error>((resolve) => stream.on('error', resolve));
    w.fail(new Error('engine gave up'));
    stream.resume();
    expect((await failed).message).toBe('engine gave up');
  });

  it('fails if the writer finishes without ever creating the file', async () => {
    const w = writer();
    const stream = readGrowingFile(join(dir, 'never'), w.written, () => {});
    const failed = new Promise<Error>((resolve) => stream.on('error', resolve));
    stream.resume();
    w.finish();
    expect((await failed).message).toMatch(/finished without writing/);
  });
});
