/**
 * Polls recurring import sources. A folder source imports each new file once: a file counts as
 * new until an import of identical content (SHA-256) has succeeded for the shop, so renamed
 * copies are skipped and failed files are retried on the next poll. Files still being written
 * (changed in the last few seconds) wait for a later poll. A URL source downloads the document
 * and treats it the same way. Every attempt is an ordinary import job, failures included.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type ImportKind, PRESETS, parseMapping } from '@storelens/etl';
import { ImportJobsRepo, type ImportSource, ImportSourcesRepo, type MetadataDb, ShopsRepo } from '../metadata/index.js';
import type { ImportService } from './import-service.js';

const SETTLE_MS = 5_000;
const MAX_DOWNLOAD_BYTES = 2 * 1024 * 1024 * 1024;

export interface PollReport {
  sourceId: number;
  imported: string[];
  skipped: string[];
  failed: Array<{ file: string; error: string }>;
  error?: string;
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export class SourcePoller {
  private readonly sources: ImportSourcesRepo;
  private readonly jobs: ImportJobsRepo;
  private readonly shops: ShopsRepo;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    db: MetadataDb,
    private readonly service: ImportService,
    private readonly scratchDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.sources = new ImportSourcesRepo(db);
    this.jobs = new ImportJobsRepo(db);
    this.shops = new ShopsRepo(db);
  }

  /** Checks every tickMs for sources that are due. */
  start(tickMs = 10_000, log: (error: unknown) => void = () => {}): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.pollDue()).catch(log);
    }, tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running.catch(() => {});
  }

  /** Polls the sources whose interval has passed. */
  async pollDue(): Promise<PollReport[]> {
    const due = (await this.sources.list()).filter(
      (s) => s.enabled && (!s.last_polled_at || new Date(s.last_polled_at).getTime() + s.interval_seconds * 1000 <= this.now()),
    );
    const reports: PollReport[] = [];
    for (const source of due) reports.push(await this.poll(source));
    return reports;
  }

  async poll(source: ImportSource): Promise<PollReport> {
    const report: PollReport = { sourceId: source.id, imported: [], skipped: [], failed: [] };
    try {
      const shop = await this.shops.findById(source.shop_id);
      if (!shop) throw new Error(`shop ${source.shop_id} no longer exists`);
      for (const file of await this.candidates(source)) {
        const hash = await sha256(file.path);
        if (await this.jobs.findSucceededByHash(shop.id, hash)) {
          report.skipped.push(file.name);
          if (file.temporary) rmSync(file.path, { force: true });
          continue;
        }
        try {
          if (source.preset) {
            const preset = PRESETS[source.preset];
            if (!preset) throw new Error(`unknown preset ${source.preset}`);
            await this.service.importPreset({
              shop,
              preset,
              path: file.path,
              sourceName: file.name,
              contentHash: hash,
              actor: `source:${source.id}`,
            });
          } else {
            await this.service.importFile({
              shop,
              kind: source.kind as ImportKind,
              ...(source.mapping ? { aliases: parseMapping(source.mapping, `source ${source.id}'s mapping`).aliases } : {}),
              path: file.path,
              sourceName: file.name,
              contentHash: hash,
              actor: `source:${source.id}`,
            });
          }
          report.imported.push(file.name);
        } catch (error) {
          report.failed.push({ file: file.name, error: error instanceof Error ? error.message : String(error) });
        } finally {
          if (file.temporary) rmSync(file.path, { force: true });
        }
      }
      await this.sources.markPolled(
        source.id,
        report.failed.length ? `${report.failed.length} file(s) failed; see the import jobs` : null,
        this.pollTime(),
      );
    } catch (error) {
      report.error = error instanceof Error ? error.message : String(error);
      await this.sources.markPolled(source.id, report.error, this.pollTime());
    }
    return report;
  }

  private pollTime(): Date {
    const t = this.now();
    return Number.isFinite(t) ? new Date(t) : new Date();
  }

  private async candidates(source: ImportSource): Promise<Array<{ path: string; name: string; temporary: boolean }>> {
    if (/^https?:\/\//.test(source.location)) {
      const res = await fetch(source.location);
      if (!res.ok) throw new Error(`GET ${source.location} answered ${res.status}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      if (bytes.length > MAX_DOWNLOAD_BYTES) throw new Error(`${source.location} is larger than ${MAX_DOWNLOAD_BYTES} bytes`);
      mkdirSync(this.scratchDir, { recursive: true });
      const name = basename(new URL(source.location).pathname) || 'download.csv';
      const path = join(this.scratchDir, `${randomUUID()}-${name}`);
      writeFileSync(path, bytes);
      return [{ path, name, temporary: true }];
    }
    const settled = this.now() - SETTLE_MS;
    return readdirSync(source.location, { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('.') && !/\.(partial|tmp|part)$/i.test(e.name))
      .map((e) => ({ path: join(source.location, e.name), name: e.name, temporary: false }))
      .filter((f) => statSync(f.path).mtimeMs <= settled)
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
