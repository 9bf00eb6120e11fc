/**
 * Reads a file while another party is still appending to it, ending once the writer is done and
 * every byte has been read. Embedded exports use it: chDB writes the result file
 * (INSERT INTO FUNCTION file) and the response streams the bytes as they land, so a download
 * starts at once and the writing and the sending overlap instead of adding up.
 *
 * Safe because the engine's file writers only append (CSV, JSON lines, Arrow streams, and Parquet,
 * whose footer is written last). If the writer fails, the stream is destroyed with its error, so a
 * client sees a broken transfer rather than a short file.
 */
import { existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';

const CHUNK = 1 << 20;
const POLL_MS = 15;

export function readGrowingFile(path: string, written: Promise<unknown>, onClose: () => void): Readable {
  let done = false;
  let failure: unknown;
  written.then(
    () => {
      done = true;
    },
    (error: unknown) => {
      done = true;
      failure = error;
    },
  );
  let position = 0;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  const buffer = Buffer.allocUnsafe(CHUNK);
  const sleep = () => new Promise((r) => setTimeout(r, POLL_MS));

  const stream = new Readable({
    async read() {
      try {
        for (;;) {
          if (failure !== undefined) throw failure;
          // The writer creates the file with its first bytes.
          if (!handle) {
            handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
              if (error.code === 'ENOENT') return undefined;
              throw error;
            });
            if (!handle) {
              if (done && failure === undefined) throw new Error(`The export finished without writing ${path}.`);
              await sleep();
              continue;
            }
          }
          const wasDone = done;
          const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
          if (bytesRead > 0) {
            position += bytesRead;
            this.push(Buffer.from(buffer.subarray(0, bytesRead)));
            return;
          }
          // Nothing new: finished only if the writer was already done before this read.
          if (wasDone) {
            if (failure !== undefined) throw failure;
            this.push(null);
            return;
          }
          await sleep();
        }
      } catch (error) {
        this.destroy(error as Error);
      }
    },
    async destroy(error, callback) {
      await handle?.close().catch(() => {});
      // The engine may still be writing after an early close: remove the file once it is done.
      written.finally(onClose).catch(() => {});
      callback(error);
    },
  });
  return stream;
}

/** Resolves once the file has bytes or the writer is done; rejects if the writer failed first. */
export async function firstBytesOrDone(path: string, written: Promise<unknown>): Promise<void> {
  let settled = false;
  written.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  while (!settled) {
    if (existsSync(path) && statSync(path).size > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  await written;
}
