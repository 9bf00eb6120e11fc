/**
 * Opens an import file as a stream of bytes: detects gzip by its magic bytes and the format by
 * the file name (or an explicit choice), and turns a truncated or corrupt gzip stream into a
 * clear, file-level error.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import { FileFormatError } from './csv-framer.js';

export const SOURCE_FORMATS = ['csv', 'jsonl', 'parquet', 'arrow'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface OpenedSource {
  format: SourceFormat;
  gzip: boolean;
  totalBytes: number;
  /** Bytes of the file read so far (compressed bytes for gzip), for progress. */
  bytesRead(): number;
  chunks(): AsyncIterable<Buffer>;
}

export function detectFormat(path: string): SourceFormat | undefined {
  const name = basename(path).toLowerCase().replace(/\.gz$/, '');
  if (/\.(csv|tsv|txt)$/.test(name)) return 'csv';
  if (/\.(jsonl|ndjson|json)$/.test(name)) return 'jsonl';
  if (name.endsWith('.parquet')) return 'parquet';
  if (/\.(arrow|arrows|ipc|feather)$/.test(name)) return 'arrow';
  return undefined;
}

function isGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

export function openSource(path: string, format?: SourceFormat): OpenedSource {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new FileFormatError(`Cannot read ${path}: no such file.`);
  }
  const resolved = format ?? detectFormat(path);
  if (!resolved)
    throw new FileFormatError(
      `Cannot tell the format of ${basename(path)}: name it .csv, .jsonl, .parquet or .arrow (optionally .gz), or pass the format.`,
    );
  const gzip = isGzip(path);
  let read = 0;
  return {
    format: resolved,
    gzip,
    totalBytes: size,
    bytesRead: () => read,
    async *chunks() {
      const file = createReadStream(path, { highWaterMark: 1 << 20 });
      file.on('data', (c) => {
        read += (c as Buffer).length;
      });
      if (!gzip) {
        for await (const chunk of file) yield chunk as Buffer;
        return;
      }
      const gunzip = createGunzip();
      file.pipe(gunzip);
      file.on('error', (e) => gunzip.destroy(e));
      try {
        for await (const chunk of gunzip) yield chunk as Buffer;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || /unexpected end of file/i.test(String(error))) {
          throw new FileFormatError(
            `${basename(path)} is not a complete gzip file (${(error as Error).message}); it may be truncated. Nothing was imported.`,
          );
        }
        throw error;
      }
    },
  };
}
