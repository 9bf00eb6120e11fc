/**
 * The written definitions of the RFM segment movement figures (segment-movement.analysis.ts).
 * Part of the one metric catalogue (metrics-catalogue.ts), which serves them with results and
 * renders docs/metrics.md.
 */
// A type-only import: erased at run time, so the two modules do not load each other.
import type { MetricDefinition } from './metrics-catalogue.js';

export const SEGMENT_MOVEMENT_METRICS = {
  segment_move: {
    label: 'Customers moved',
    labelZh: '流转客户数',
    unit: 'count',
    definition:
      'known customers in one RFM segment as of the day before the range and in another (or the same) as of its last day, each day scored as the customers analysis scores it (against every customer scored that day); "none" before: no paid order on or before the day before the range, so a first paid order in the range',
  },
  segment_before: {
    label: 'Before',
    labelZh: '期初客户数',
    unit: 'count',
    definition: 'customers in the segment as of the day before the range (RFM as of that day)',
  },
  segment_after: {
    label: 'After',
    labelZh: '期末客户数',
    unit: 'count',
    definition: 'customers in the segment as of the range’s last day (the customers analysis’s segment customers)',
  },
  segment_stayed: {
    label: 'Stayed',
    labelZh: '留存客户数',
    unit: 'count',
    definition: 'customers in the segment on both days',
  },
  segment_moved_in: {
    label: 'Moved in',
    labelZh: '流入客户数',
    unit: 'count',
    definition:
      'customers in the segment on the range’s last day but not the day before the range (from another segment, or new: a first paid order in the range)',
  },
  segment_moved_out: {
    label: 'Moved out',
    labelZh: '流出客户数',
    unit: 'count',
    definition: 'customers in the segment the day before the range but in another segment on its last day',
  },
  segment_net_change: {
    label: 'Net change',
    labelZh: '净变化',
    unit: 'count',
    definition: 'after − before (moved in − moved out)',
  },
} as const satisfies Record<string, MetricDefinition>;
