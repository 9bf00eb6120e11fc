/** A traffic row's counts in the order the hand-worked traffic tests write their expectations. */
import type { TrafficRow } from '../src/analyses/traffic.analysis.js';

export const trafficCounts = (r: TrafficRow) => [
  r.value,
  r.visitors,
  r.new_visitors,
  r.pass_through_buyers,
  r.pass_through_gmv,
  r.last_touch_buyers,
  r.last_touch_orders,
  r.last_touch_gmv,
];
