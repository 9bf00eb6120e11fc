/**
 * Monthly targets (经营目标): the payment amount and paid orders a shop aims at in a calendar
 * month. Setting a figure again replaces it; setting it to null clears it.
 */
import { BadRequestError } from '../errors.js';
import type { MetadataDb } from './open-metadata.js';
import { TARGET_METRICS, type TargetMetric } from './schema.js';

export type MonthTargets = Partial<Record<TargetMetric, number>>;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Far above any shop's month, far below numeric(16,2)'s limit. */
export const MAX_TARGET = 1e12;

export function checkMonth(month: string): void {
  if (!MONTH.test(month)) throw new BadRequestError(`month must be a calendar month YYYY-MM, got "${month}".`, 'month');
}

export class TargetsRepo {
  constructor(private readonly db: MetadataDb) {}

  async get(shopId: number, month: string): Promise<MonthTargets> {
    checkMonth(month);
    const rows = await this.db
      .selectFrom('targets')
      .select(['metric', 'value'])
      .where('shop_id', '=', shopId)
      .where('month', '=', month)
      .execute();
    return Object.fromEntries(rows.map((r) => [r.metric, Number(r.value)]));
  }

  /** Sets each figure given (a positive number) or clears it (null); figures not given stay. */
  async set(shopId: number, month: string, changes: Partial<Record<TargetMetric, number | null>>, by?: number): Promise<MonthTargets> {
    checkMonth(month);
    for (const [metric, value] of Object.entries(changes)) {
      if (!TARGET_METRICS.includes(metric as TargetMetric))
        throw new BadRequestError(`A target is for one of ${TARGET_METRICS.join(', ')}, not "${metric}".`, metric);
      if (value !== null && !(Number.isFinite(value) && value > 0 && value <= MAX_TARGET))
        throw new BadRequestError(
          `The ${metric} target must be a number above 0 (and at most ${MAX_TARGET}), or null to clear it.`,
          metric,
        );
      if (metric === 'paid_orders' && value !== null && !Number.isInteger(value))
        throw new BadRequestError('The paid_orders target is a whole number of orders.', metric);
    }
    await this.db.transaction().execute(async (tx) => {
      for (const [metric, value] of Object.entries(changes) as Array<[TargetMetric, number | null]>) {
        if (value === null) {
          await tx.deleteFrom('targets').where('shop_id', '=', shopId).where('month', '=', month).where('metric', '=', metric).execute();
          continue;
        }
        // Money to the cent, as it is stored.
        const stored = Math.round(value * 100) / 100;
        await tx
          .insertInto('targets')
          .values({ shop_id: shopId, month, metric, value: stored, updated_by: by ?? null })
          .onConflict((oc) =>
            oc.columns(['shop_id', 'month', 'metric']).doUpdateSet({ value: stored, updated_by: by ?? null, updated_at: new Date() }),
          )
          .execute();
      }
    });
    return this.get(shopId, month);
  }
}
