/**
 * Recomputes live-ingested shops' daily session figures (docs/daily-sessions.md) every few
 * seconds instead of after every batch. A recompute regroups the whole day's events, and a shop
 * ingesting steadily gets a batch every fraction of a second (batches close after 200 ms), so
 * recomputing per batch would cost, late in a busy day, more than the batches themselves. The
 * days stay marked in daily_sessions_pending until recomputed, so nothing is lost if the process
 * dies first: start-up recomputes what is still marked (`refreshAllPending`, refresh-all-pending.ts).
 */
import { refreshPendingSessionDays, type Warehouse } from '@storelens/sql';
import { withShopWriteLock } from '../shop-write-lock.js';

const TAG = { purpose: 'ingest.sessions', lane: 'ingest' as const, timeoutSeconds: 600 };

export class SessionDaysRefresher {
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly wh: Warehouse,
    /** How long a shop's marked days may wait (default 5 s). */
    private readonly delayMs = 5_000,
    /** Told about a failed recompute (the server logs it); the days stay marked either way. */
    private readonly onError: (shopId: number, error: unknown) => void = () => {},
  ) {}

  /** A merge of the shop left days marked: recompute them within the delay (once for many batches). */
  schedule(shopId: number): void {
    if (this.timers.has(shopId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(shopId);
      this.track(this.refresh(shopId));
    }, this.delayMs);
    timer.unref();
    this.timers.set(shopId, timer);
  }

  /** Recomputes every scheduled shop now and waits for running recomputes (shutdown). */
  async flush(): Promise<void> {
    for (const [shopId, timer] of this.timers) {
      clearTimeout(timer);
      this.track(this.refresh(shopId));
    }
    this.timers.clear();
    await Promise.all(this.running);
  }

  private refresh(shopId: number): Promise<unknown> {
    // A failed recompute leaves the days marked; the next batch or start-up tries again. It is
    // reported, not thrown: no request waits on it.
    return withShopWriteLock(this.wh, shopId, () => refreshPendingSessionDays(this.wh.forShop(shopId), TAG)).catch((error) =>
      this.onError(shopId, error),
    );
  }

  private track(p: Promise<unknown>): void {
    this.running.add(p);
    p.finally(() => this.running.delete(p));
  }
}
