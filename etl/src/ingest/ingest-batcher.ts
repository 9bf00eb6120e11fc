/**
 * Live ingestion with group commit. Requests for a shop join that shop's open batch; the batch
 * is written when it is full or after a short delay, through the same staging, checks and
 * exactly-once merge as file imports. Each request is answered only after its events are
 * durably stored (or rejected), with a verdict per event:
 *   accepted  — stored now;
 *   duplicate — an event with the same event_id (or identical content) is already stored;
 *   rejected  — with the reason, also recorded in import_rejects (source "ingest").
 * Batching is what makes high rates possible: one merge per batch instead of per request.
 * Batches of a shop are pipelined: a batch is staged and typed as soon as it closes, while the
 * previous one merges; only the merges run one at a time (each decides what is new against what
 * the previous ones stored). Staging overlaps with the merge, and with the server answering the
 * previous batch's requests, which left the engine idle between batches when everything ran in
 * one chain.
 */
import { randomUUID } from 'node:crypto';
import type { Warehouse } from '@storelens/sql';
import { dropTypedStage, type LineVerdicts, type MergeRequest, mergeTypedStage, type TypedStage, typeStage } from '../merge-kind.js';
import { LineFramer } from '../readers/line-framer.js';
import { jsonlStageInput } from '../sources/jsonl-source.js';
import { buildRawStageSql } from '../sql/stage-sql.js';
import { SessionDaysRefresher } from './session-days-refresher.js';

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

/** What one written batch held: its events by verdict, and how long it took from closing to stored. */
export interface IngestFlush {
  shopId: number;
  events: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  requests: number;
  ms: number;
}

export interface IngestBatcherOptions {
  /** Write a shop's batch once it holds this many events (default 40,000: 20,000 gave 46k events/s, 40,000 53–55k, 80,000 50k in `pnpm bench ingest 15 64 1000`). */
  maxEvents?: number;
  /** ...or this long after its first event arrived (default 200 ms). */
  maxDelayMs?: number;
  /** How long a shop's daily session figures may lag its stored events (default 5 s; session-days-refresher.ts). */
  sessionsDelayMs?: number;
  onFlush?: (info: IngestFlush) => void;
  /** A deferred recompute of a shop's daily session figures failed (its days stay marked for the next try). */
  onSessionsError?: (shopId: number, error: unknown) => void;
}

export class IngestBatcher {
  private readonly queues = new Map<number, ShopQueue>();
  /** Per shop, the last merge started: the next one waits for it. */
  private readonly merging = new Map<number, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;
  private readonly sessions: SessionDaysRefresher;

  constructor(
    private readonly wh: Warehouse,
    private readonly options: IngestBatcherOptions = {},
  ) {
    this.sessions = new SessionDaysRefresher(wh, options.sessionsDelayMs, options.onSessionsError);
  }

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
      if (q.events >= (this.options.maxEvents ?? 40_000)) this.flush(queue);
      else if (!q.timer) q.timer = setTimeout(() => this.flush(queue), this.options.maxDelayMs ?? 200);
    });
  }

  /** Writes everything queued and brings the daily session figures up to date, then refuses new events. */
  async close(): Promise<void> {
    this.closed = true;
    for (const q of [...this.queues.values()]) this.flush(q);
    await Promise.all(this.inFlight);
    await this.sessions.flush();
  }

  /** Closes a shop's open batch: it is staged now and merged after the shop's previous batch. */
  private flush(q: ShopQueue): void {
    if (this.queues.get(q.shop.id) !== q) return; // already closed by the other trigger
    if (q.timer) clearTimeout(q.timer);
    this.queues.delete(q.shop.id);
    const started = performance.now();
    const req: MergeRequest = {
      shop: q.shop,
      kind: 'events',
      importId: randomUUID(),
      sourceName: 'ingest',
      input: jsonlStageInput('events'),
      rawStage: '',
      collectVerdicts: true,
      lane: 'ingest',
      deferSessions: true,
    };
    const shopId = q.shop.id;
    const staged = this.stage(q.pending, req);
    staged.catch(() => {}); // handled below, once the previous merge is over
    const previous = this.merging.get(shopId) ?? Promise.resolve();
    const merged = previous.then(() => staged).then((stage) => mergeTypedStage(this.wh, req, stage));
    // The shop's next merge waits for this one to end, however it ends.
    const mergeEnded = merged.then(
      () => {},
      () => {},
    );
    this.merging.set(shopId, mergeEnded);
    const finished: Promise<void> = merged
      .then(
        (outcome) => {
          this.sessions.schedule(shopId);
          const counts = answer(q.pending, outcome.verdicts);
          try {
            this.options.onFlush?.({ shopId, ...counts, requests: q.pending.length, ms: performance.now() - started });
          } catch {
            // An observer (metrics, logs) that fails must not fail the batch, whose requests are
            // answered already, nor escape as an unhandled rejection.
          }
        },
        (error: unknown) => {
          for (const p of q.pending) p.reject(error);
        },
      )
      .finally(async () => {
        await dropTypedStage(this.wh, req);
        this.inFlight.delete(finished);
        if (this.merging.get(shopId) === mergeEnded) this.merging.delete(shopId);
      });
    this.inFlight.add(finished);
  }

  /** Frames the batch's events as the lines of a JSONL file, stages them raw, then typed. */
  private async stage(batch: Pending[], req: MergeRequest): Promise<TypedStage> {
    const raw = buildRawStageSql(req.importId, { structure: '_line UInt64, c0 String', format: 'TSV', columnNames: ['_line', 'c0'] });
    const tag = { purpose: 'ingest.stage', lane: 'ingest' as const };
    try {
      // Line n is the n-th event of the batch, exactly as in a JSONL file.
      const framer = new LineFramer({ batchBytes: Number.MAX_SAFE_INTEGER });
      const body = Buffer.concat(
        framer
          .push(Buffer.from(`${batch.flatMap((p) => p.lines).join('\n')}\n`))
          .concat(framer.end())
          .map((b) => b.body),
      );
      await this.wh.admin().command(raw.create, {}, tag);
      await this.wh.admin().insertBody(raw.target, body, tag);
      return await typeStage(this.wh, { ...req, rawStage: raw.table });
    } finally {
      await this.wh
        .admin()
        .command(raw.drop, {}, tag)
        .catch(() => {});
    }
  }
}

/** Resolves each request with its events' verdicts, in order; returns how many events there were, by verdict. */
function answer(batch: Pending[], v: LineVerdicts | undefined): { events: number; accepted: number; duplicate: number; rejected: number } {
  const counts = { events: 0, accepted: 0, duplicate: 0, rejected: 0 };
  for (const p of batch) {
    p.resolve(
      p.lines.map((): EventVerdict => {
        const line = ++counts.events;
        const reason = v?.rejected.get(line);
        const verdict: EventVerdict =
          reason !== undefined ? { status: 'rejected', reason } : v?.fresh.has(line) ? { status: 'accepted' } : { status: 'duplicate' };
        counts[verdict.status]++;
        return verdict;
      }),
    );
  }
  return counts;
}
