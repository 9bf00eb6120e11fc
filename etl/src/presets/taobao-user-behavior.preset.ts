/**
 * Taobao UserBehavior (Alibaba Tianchi): CSV without a header — user, item, category,
 * behaviour (pv, cart, fav, buy), Unix seconds. Each line becomes an event: pv → product_view,
 * cart → add_to_cart, fav → favorite, buy → order_paid (no order id or amount in the data). The
 * user id is both visitor and customer; the file has no traffic source, so channels classify as
 * direct. Unknown behaviours are rejected.
 */
import type { Preset } from './preset.js';

export const taobaoUserBehaviorPreset: Preset = {
  name: 'taobao-user-behavior',
  description: 'Taobao UserBehavior lines (user, item, category, pv/cart/fav/buy, Unix time): events',
  reader: { type: 'csv', hasHeader: false, columns: ['user_id', 'item_id', 'category_id', 'behavior_type', 'timestamp'] },
  columns: ['user_id', 'item_id', 'category_id', 'behavior_type', 'timestamp'],
  shop: { currency: 'CNY', timeZone: 'Asia/Shanghai' },
  outputs: [
    {
      kind: 'events',
      provides: ['ts', 'event', 'visitor_id', 'customer_id', 'product_id', 'category'],
      select: (col, raw) => `
        SELECT _line, formatRowNoNewline('CSV', ${['user_id', 'item_id', 'category_id', 'behavior_type', 'timestamp'].map(col).join(', ')}) AS _source_text,
          transform(trimBoth(${col('behavior_type')}), ['pv', 'cart', 'fav', 'buy'], ['product_view', 'add_to_cart', 'favorite', 'order_paid'], '') AS event,
          if(event = '', concat('behavior_type "', substring(${col('behavior_type')}, 1, 20), '" is not pv, cart, fav or buy'), '') AS _reject,
          trimBoth(${col('timestamp')}) AS ts, trimBoth(${col('user_id')}) AS visitor_id, trimBoth(${col('user_id')}) AS customer_id,
          trimBoth(${col('item_id')}) AS product_id, trimBoth(${col('category_id')}) AS category
        FROM ${raw}`,
    },
  ],
};
