/**
 * The demo's live feed. On first start the demo world is generated some days past that moment and
 * every row known later is held back (fixtures' hold-back-sink.ts), one file per UTC day in
 * `<data dir>/demo-feed/<shop slug>/`. This releases those rows as their time comes, through the
 * paths a real shop's data takes: events through live ingestion (the batcher behind
 * POST /api/v1/ingest) every few seconds; customers, orders and order items as small JSONL imports
 * every ten minutes, as a polled drop folder would bring an order system's exports. So the demo has
 * a "today" on the real-time page, and the import history shows what a connected shop's looks like.
 *
 * Where each shop's feed has got to is kept in state.json, written after each release. A release
 * repeated after a crash stores nothing twice: events are deduplicated by event_id, orders and
 * customers by version, order items by (order, line).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportKind, IngestBatcher } from '@storelens/etl';
import { type HeldRow, heldDayFile, isHeldDayFile, parseHeldLine } from '@storelens/fixtures';
import type { ImportService } from '../imports/import-service.js';
import { type Shop, ShopsRepo } from '../metadata/index.js';
import type { Stores } from '../store/open-stores.js';

export const DEMO_FEED_DIR = 'demo-feed';
const STATE_FILE = 'state.json';
/** Imported in this order, so an order's customer and an item's order arrive first. */
const IMPORTED_KINDS: ImportKind[] = ['customers', 'orders', 'order_items', 'products'];
/** The ingestion endpoint's own limit per request. */
const EVENTS_PER_SUBMIT = 5_000;

export interface FeedState {
  /** Per shop slug: rows known up to and including these instants (epoch ms) have been released. */
  shops: Record<string, { events: number; imports: number }>;
}

export interface FeedRelease {
  shop: string;
  events: { accepted: number; duplicate: number; rejected: number };
  /** Rows handed to imports, per kind. */
  imported: Partial<Record<ImportKind, number>>;
}

export interface DemoLiveFeedOptions {
  /** How often events are released (default 5 s). */
  eventsEveryMs?: number;
  /** How often customers, orders and items are imported (default 10 minutes). */
  importsEveryMs?: number;
  clock?: () => number;
  log: (message: string) => void;
}

/** Writes the feed's state atomically: a crash leaves the old state or the new one. */
export function writeFeedState(dataDir: string, state: FeedState): void {
  const dir = join(dataDir, DEMO_FEED_DIR);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${STATE_FILE}.tmp`), `${JSON.stringify(state, null, 2)}\n`);
  renameSync(join(dir, `${STATE_FILE}.tmp`), join(dir, STATE_FILE));
}

export function readFeedState(dataDir: string): FeedState | undefined {
  const path = join(dataDir, DEMO_FEED_DIR, STATE_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as FeedState) : undefined;
}

export class DemoLiveFeed {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly shops: ShopsRepo;
  private readonly clock: () => number;
  /** The last day file read per shop: most releases read the same one again. */
  private readonly cache = new Map<string, { file: string; rows: HeldRow[] }>();
  private readonly exhausted = new Set<string>();

  constructor(
    private readonly stores: Stores,
    private readonly batcher: IngestBatcher,
    private readonly importer: ImportService,
    private readonly options: DemoLiveFeedOptions,
  ) {
    this.shops = new ShopsRepo(stores.metadata);
    this.clock = options.clock ?? Date.now;
  }

  /** Whether this data directory has a feed (the demo was loaded with one). */
  static present(dataDir: string): boolean {
    return readFeedState(dataDir) !== undefined;
  }

  start(): void {
    const every = this.options.eventsEveryMs ?? 5_000;
    const loop = () => {
      this.running = this.release()
        .then(() => undefined)
        .catch((error: unknown) => this.options.log(`demo live feed: a release failed (retried next time): ${String(error)}`))
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(loop, every).unref();
        });
    };
    this.timer = setTimeout(loop, 0).unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Releases every shop's rows known by `now`: events always, imports when they are due. */
  async release(now: number = this.clock()): Promise<FeedRelease[]> {
    const state = readFeedState(this.stores.config.dataDir);
    if (!state) return [];
    const importsEvery = this.options.importsEveryMs ?? 600_000;
    const results: FeedRelease[] = [];
    for (const [slug, cursor] of Object.entries(state.shops)) {
      const shop = await this.shops.findBySlug(slug);
      if (!shop) continue; // the shop was deleted: nothing to feed
      const result: FeedRelease = { shop: slug, events: { accepted: 0, duplicate: 0, rejected: 0 }, imported: {} };
      const rows = this.rowsBetween(slug, Math.min(cursor.events, cursor.imports), now);
      await this.releaseEvents(
        shop,
        rows.filter((r) => r.kind === 'events' && r.at > cursor.events),
        result,
      );
      cursor.events = now;
      writeFeedState(this.stores.config.dataDir, state);
      if (now - cursor.imports >= importsEvery) {
        await this.releaseImports(
          shop,
          rows.filter((r) => r.kind !== 'events' && r.at > cursor.imports),
          now,
          result,
        );
        cursor.imports = now;
        writeFeedState(this.stores.config.dataDir, state);
      }
      this.noteExhausted(slug, now);
      results.push(result);
    }
    return results;
  }

  private async releaseEvents(shop: Shop, rows: HeldRow[], result: FeedRelease): Promise<void> {
    const target = { id: shop.id, timeZone: shop.time_zone, currency: shop.currency };
    for (let i = 0; i < rows.length; i += EVENTS_PER_SUBMIT) {
      const events = rows.slice(i, i + EVENTS_PER_SUBMIT).map((r) => JSON.parse(r.json) as unknown);
      for (const v of await this.batcher.submit(target, events)) result.events[v.status]++;
    }
    if (result.events.rejected > 0) this.options.log(`demo live feed: ${result.events.rejected} events of ${shop.slug} were rejected`);
  }

  private async releaseImports(shop: Shop, rows: HeldRow[], now: number, result: FeedRelease): Promise<void> {
    const outgoing = join(this.stores.config.dataDir, DEMO_FEED_DIR, shop.slug, 'outgoing');
    mkdirSync(outgoing, { recursive: true });
    const through = new Date(now).toISOString().slice(0, 16).replace(':', '');
    for (const kind of IMPORTED_KINDS) {
      const mine = rows.filter((r) => r.kind === kind);
      if (mine.length === 0) continue;
      const path = join(outgoing, `${kind}.jsonl`);
      writeFileSync(path, `${mine.map((r) => r.json).join('\n')}\n`);
      const { result: job } = await this.importer.importFile({
        shop,
        kind,
        path,
        sourceName: `demo-feed/${shop.slug}/${kind}-${through}.jsonl`,
        actor: 'demo-feed',
      });
      rmSync(path, { force: true });
      result.imported[kind] = mine.length;
      if (job.rowsRejected > 0) this.options.log(`demo live feed: ${job.rowsRejected} ${kind} rows of ${shop.slug} were rejected`);
    }
  }

  /** Held rows with from < at <= to, from the day files those instants span. */
  private rowsBetween(slug: string, from: number, to: number): HeldRow[] {
    if (to <= from) return [];
    const dir = join(this.stores.config.dataDir, DEMO_FEED_DIR, slug);
    if (!existsSync(dir)) return [];
    const first = heldDayFile(from + 1);
    const last = heldDayFile(to);
    const files = readdirSync(dir)
      .filter((f) => isHeldDayFile(f) && f >= first && f <= last)
      .sort();
    return files.flatMap((file) => this.dayRows(slug, join(dir, file), file).filter((r) => r.at > from && r.at <= to));
  }

  private dayRows(slug: string, path: string, file: string): HeldRow[] {
    const cached = this.cache.get(slug);
    if (cached?.file === file) return cached.rows;
    const rows = readFileSync(path, 'utf8').split('\n').filter(Boolean).map(parseHeldLine);
    this.cache.set(slug, { file, rows });
    return rows;
  }

  /** Says once when a shop's feed has nothing left (the demo world has ended). */
  private noteExhausted(slug: string, now: number): void {
    if (this.exhausted.has(slug)) return;
    const dir = join(this.stores.config.dataDir, DEMO_FEED_DIR, slug);
    const files = existsSync(dir) ? readdirSync(dir).filter(isHeldDayFile) : [];
    const lastDay = files.sort().at(-1);
    if (lastDay && heldDayFile(now) <= lastDay) return;
    this.exhausted.add(slug);
    this.options.log(
      `demo live feed: ${slug} has no more generated data (the demo world ended ${lastDay?.slice(0, 10) ?? 'at its first start'})`,
    );
  }
}
