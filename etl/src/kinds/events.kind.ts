/** Events: behaviour and traffic. Dedup key: (day, event_id); events never change once loaded. */
import { decimalExpr, integerExpr, jsonMapExpr, timestampExpr } from '../sql/expressions.js';
import { type KindSpec, parsed, type RawField, required, type StageColumn } from './kind-spec.js';
import { trafficColumns } from './traffic-columns.js';

const EPOCH = `toDateTime64(0, 3, 'UTC')`;

/** Inactivity after which a visitor's next event starts a new session. */
export const SESSION_GAP_SECONDS = 30 * 60;

/**
 * Sessions for events that arrive without a session_id: a visitor's events in one import (or
 * ingest batch), in time order, split wherever 30 minutes pass without activity. The id is the
 * visitor and the session's first time stamp, so the same file always gives the same ids.
 */
const derivedSessions = (stage: string) => `
  SELECT _line, concat('auto:', visitor_id, ':', toString(toUnixTimestamp64Milli(first_value(ts) OVER (PARTITION BY visitor_id, session_no ORDER BY ts, _line)))) AS value
  FROM (
    SELECT _line, visitor_id, ts, sum(is_new) OVER (PARTITION BY visitor_id ORDER BY ts, _line ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session_no
    FROM (
      SELECT _line, visitor_id, ts,
        if(row_number() OVER w = 1 OR dateDiff('second', lagInFrame(ts, 1, ts) OVER w, ts) > ${SESSION_GAP_SECONDS}, 1, 0) AS is_new
      FROM ${stage}
      WHERE shop_id = {shop_id:UInt32} AND _reason = '' AND session_id = ''
      WINDOW w AS (PARTITION BY visitor_id ORDER BY ts, _line ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)))`;

export const eventsKind: KindSpec = {
  kind: 'events',
  table: 'events',
  dedupKey: ['day', 'event_id'],
  repeatProbe: ['event_id'],
  dayColumn: 'day',
  derived: { column: 'session_id', subquery: derivedSessions },
  visitorNumbers: true,
  sessions: true,
  columns(raw: RawField): StageColumn[] {
    const ts = timestampExpr(raw('ts'));
    const str = (name: string, col = name): StageColumn => ({ name, type: 'String', expr: raw(col) });
    return [
      { name: 'ts', type: "DateTime64(3, 'UTC')", expr: `ifNull(${ts}, ${EPOCH})` },
      { name: 'day', type: 'Date', expr: `toDate(ifNull(${ts}, ${EPOCH}), {tz:String})` },
      {
        name: 'event_id',
        type: 'UInt64',
        // The source's own id when it has one; otherwise the row's content, so a re-import of the
        // same file finds the same ids.
        expr: `if(${raw('event_id')} != '', cityHash64(${raw('event_id')}), cityHash64(${['ts', 'event', 'visitor_id', 'customer_id', 'session_id', 'product_id', 'order_id', 'quantity', 'amount', 'search_term'].map(raw).join(', ')}))`,
      },
      str('event_name', 'event'),
      str('visitor_id'),
      str('customer_id'),
      str('session_id'),
      ...trafficColumns(raw),
      str('referrer'),
      str('device'),
      str('region'),
      str('product_id'),
      str('category'),
      str('order_id'),
      { name: 'quantity', type: 'UInt32', expr: `toUInt32(greatest(0, least(4294967295, ifNull(${integerExpr(raw('quantity'))}, 0))))` },
      { name: 'amount', type: 'Decimal(18, 2)', expr: `ifNull(${decimalExpr(raw('amount'))}, 0)` },
      str('search_term'),
      { name: 'properties', type: 'Map(String, String)', expr: `ifNull(${jsonMapExpr(raw('properties'))}, map())` },
    ];
  },
  checks(raw: RawField) {
    const q = integerExpr(raw('quantity'));
    return [
      required(raw, 'ts'),
      {
        when: `${timestampExpr(raw('ts'))} IS NULL`,
        reason: `concat('ts "', substring(${raw('ts')}, 1, 80), '" is not a valid time: use ISO 8601 such as 2026-11-20T10:15:00+08:00 (no zone = shop time), or Unix seconds; years before 1990 and future times are refused')`,
      },
      required(raw, 'event'),
      required(raw, 'visitor_id'),
      {
        when: `${raw('quantity')} != '' AND (${q} IS NULL OR ${q} < 0 OR ${q} > 1000000)`,
        reason: `concat('quantity "', substring(${raw('quantity')}, 1, 80), '" is not a whole number from 0 to 1000000')`,
      },
      parsed(raw, 'amount', decimalExpr(raw('amount')), 'a decimal number such as 128.50'),
      // What was paid or refunded: a refund is its own event with a positive amount, so a negative
      // one is a mistake that would lower the payment amount counted from events.
      {
        when: `${decimalExpr(raw('amount'))} < 0`,
        reason: `concat('amount "', substring(${raw('amount')}, 1, 40), '" is negative: an event’s amount is 0 or more (a refund is a refund event with a positive amount)')`,
      },
      parsed(raw, 'properties', jsonMapExpr(raw('properties')), 'a JSON object of attributes'),
    ];
  },
};
