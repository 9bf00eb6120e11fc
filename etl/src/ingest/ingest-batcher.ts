/**
 * Live ingestion with group commit. Requests for a shop join that shop's open batch; the batch
 * is written when it is full or after a short delay, through the same staging, checks and
 * exactly-once merge as file imports. Each request is answered only after its events are
 * durably stored (or rejected), with a verdict per event:
 *   accepted  — stored now;
 *   duplicate — an event with the same event_id (or identical content) is already stored;
 *   rejected  — with the reason, also recorded in import_rejects (source "ingest").
 * Batching is what makes high rates possible: one merge per batch instead of per request.
 */
import { randomUUID } from 'node:crypto';
import type { Warehouse } from '@storelens/sql';
import { typeAndMerge } from '../merge-kind.js';
import { LineFramer } from '../readers/line-framer.js';
import { jsonlStageInput } from '../sources/jsonl-source.js';
import { buildRawStageSql } from '../sql/stage-sql.js';

export type EventVerdict = { status: 'accepted' } | { status: 'duplicate' } | { status: 'rejected'; reason: string };

export interface IngestShop {
  id: number;
  timeZone: string;
  currency: string;
}

interface Pending {
  lines: string[];
  resolve: (verdicts: EventVerdict[]) => void;
  reject: (error: unknown) => void;
}

interface ShopQueue {
  shop: IngestShop;
  pending: Pending[];
  events: number;
  timer: NodeJS.Timeout | undefined;
}

export interface IngestBatcherOptions {
  /** Write a shop's batch once it holds this many events (default 20,000). */
  maxEvents?: number;
  /** ...or this long after its first event arrived (default 200 ms). */
  maxDelayMs?: number;
  onFlush?: (info: { shopId: number; events: number; requests: number; ms: number }) => void;
}

export class IngestBatcher {
  private readonly queues = new Map<number, ShopQueue>();
  private readonly flushing = new Map<number, Promise<void>>();
  private closed = false;

  constructor(
    private readonly wh: Warehouse,
    private readonly options: IngestBatcherOptions = {},
  ) {}

  /** Queues events (plain objects in the events import schema) and resolves with their verdicts. */
  submit(shop: IngestShop, events: readonly unknown[]): Promise<EventVerdict[]> {
    if (this.closed) return Promise.reject(new Error('ingestion is shutting down'));
    if (events.length === 0) return Promise.resolve([]);
    const lines = events.map((e) =>
      e !== null && typeof e === 'object' && !Array.isArray(e) ? JSON.stringify(e) : JSON.stringify({ __not_an_object: e }),
    );
    return new Promise((resolve, reject) => {
      let q = this.queues.get(shop.id);
      if (!q) {
        q = { shop, pending: [], events: 0, timer: undefined };
        this.queues.set(shop.id, q);
      }
      q.pending.push({ lines, resolve, reject });
      q.events += lines.length;
      const queue = q;
      if (q.events >= (this.options.maxEvents ?? 20_000)) void this.flush(shop.id);
      else if (!q.timer) q.timer = setTimeout(() => void this.flush(queue.shop.id), this.options.maxDelayMs ?? 200);
    });
  }

  /** Writes everything queued, then refuses new events. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.queues.keys()].map((id) => this.flush(id)));
    await Promise.all(this.flushing.values());
  }

  private async flush(shopId: number): Promise<void> {
    // One flush per shop at a time, in order: a batch waits for the previous one to finish.
    const previous = this.flushing.get(shopId) ?? Promise.resolve();
    const run = previous.then(() => this.writeBatch(shopId));
    this.flushing.set(
      shopId,
      run.catch(() => {}),
    );
    return run;
  }

  private async writeBatch(shopId: number): Promise<void> {
    const q = this.queues.get(shopId);
    if (!q || q.pending.length === 0) return;
    if (q.timer) clearTimeout(q.timer);
    const batch = q.pending;
    this.queues.delete(shopId);
    const started = performance.now();
    const id = randomUUID();
    const raw = buildRawStageSql(id, { structure: '_line UInt64, c0 String', format: 'TSV', columnNames: ['_line', 'c0'] });
    const tag = { purpose: 'ingest.stage', lane: 'ingest' as const };
    try {
      // Frame the JSON lines exactly as a JSONL file would be: line n is the n-th event of the batch.
      const framer = new LineFramer({ batchBytes: Number.MAX_SAFE_INTEGER });
      const body = Buffer.concat(
        framer
          .push(Buffer.from(`${batch.flatMap((p) => p.lines).join('\n')}\n`))
          .concat(framer.end())
          .map((b) => b.body),
      );
      await this.wh.admin().command(raw.drop, {}, tag);
      await this.wh.admin().command(raw.create, {}, tag);
      await this.wh.admin().insertBody(raw.target, body, tag);
      const merged = await typeAndMerge(this.wh, {
        shop: q.shop,
        kind: 'events',
        importId: id,
        sourceName: 'ingest',
        input: jsonlStageInput('events'),
        rawStage: raw.table,
        collectVerdicts: true,
        lane: 'ingest',
      });
      const v = merged.verdicts;
      let line = 0;
      for (const p of batch) {
        p.resolve(
          p.lines.map((): EventVerdict => {
            line++;
            const reason = v?.rejected.get(line);
            if (reason !== undefined) return { status: 'rejected', reason };
            return v?.fresh.has(line) ? { status: 'accepted' } : { status: 'duplicate' };
          }),
        );
      }
      this.options.onFlush?.({ shopId, events: line, requests: batch.length, ms: performance.now() - started });
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      await this.wh
        .admin()
        .command(raw.drop, {}, tag)
        .catch(() => {});
    }
  }
}
