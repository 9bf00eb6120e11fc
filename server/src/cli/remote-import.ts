/**
 * `storelens import` while a server owns the embedded store: the files are uploaded to it and
 * their jobs followed until they finish, with a shop API key from STORELENS_API_KEY.
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { ImportKind, SourceFormat } from '@storelens/etl';
import { notice } from './output.js';

interface RemoteJob {
  id: string;
  kind: string;
  status: string;
  rows_read: number;
  rows_loaded: number;
  rows_updated: number;
  rows_duplicate: number;
  rows_rejected: number;
  error: string | null;
  started_at: string | null;
  finished_at: string | null;
}

export async function importThroughServer(
  url: string,
  apiKey: string,
  files: string[],
  opts: { shop: string; kind?: ImportKind; preset?: string; format?: SourceFormat; mapping?: string },
): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  for (const path of files) {
    const query = new URLSearchParams({ filename: basename(path) });
    if (opts.kind) query.set('kind', opts.kind);
    if (opts.preset) query.set('preset', opts.preset);
    if (opts.format) query.set('format', opts.format);
    if (opts.mapping) query.set('mapping', opts.mapping);
    notice(`uploading ${path} (${(statSync(path).size / 1e6).toFixed(1)} MB) to ${url} ...`);
    const res = await fetch(`${url}/api/v1/shops/${encodeURIComponent(opts.shop)}/imports?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/octet-stream' },
      body: Readable.toWeb(createReadStream(path)) as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit);
    const body = (await res.json()) as { jobs?: string[]; error?: { message: string } };
    if (res.status !== 202 || !body.jobs) throw new Error(`the server refused ${path}: ${body.error?.message ?? res.statusText}`);
    for (const id of body.jobs) {
      let job: RemoteJob;
      for (;;) {
        job = (await (
          await fetch(`${url}/api/v1/shops/${encodeURIComponent(opts.shop)}/imports/${id}`, {
            headers: { authorization: `Bearer ${apiKey}` },
          })
        ).json()) as RemoteJob;
        if (job.status === 'succeeded' || job.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 500));
      }
      if (job.error) notice(`job ${id} failed: ${job.error}`);
      rows.push({
        job: id,
        file: path,
        kind: job.kind,
        read: job.rows_read,
        loaded: job.rows_loaded,
        updated: job.rows_updated,
        duplicate: job.rows_duplicate,
        rejected: job.rows_rejected,
        seconds: job.started_at && job.finished_at ? +((Date.parse(job.finished_at) - Date.parse(job.started_at)) / 1000).toFixed(1) : null,
      });
    }
  }
  return rows;
}
