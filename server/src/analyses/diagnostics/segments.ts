/**
 * Splitting a payment-amount change by channel or category. A segment's amount is
 * visitors_total × share × conversion × spend per buyer, where visitors_total is the sum of all
 * segments' visitors, share the segment's part of it, conversion its buyers / its visitors and
 * spend per buyer its amount / its buyers. Shapley over those four factors gives, per segment,
 * a traffic effect (the whole shop's traffic moved), a mix effect (the segment's share of
 * traffic moved) and two rate effects (its own conversion, its own spend per buyer), which add
 * up to the segment's change; the segments add up to the total. A segment with sales but no
 * visitors in a period cannot be split; its change is reported as unexplained.
 */
import { cents } from '../rounding.js';
import { allocateCents, shapley } from './shapley.js';

export interface SegmentFigures {
  segment: string;
  uv: number;
  buyers: number;
  gmv: number;
}

export interface SegmentChange {
  segment: string;
  uv_before: number;
  uv_after: number;
  conversion_before: number | null;
  conversion_after: number | null;
  aov_before: number | null;
  aov_after: number | null;
  gmv_before: number;
  gmv_after: number;
  change: number;
  traffic_effect: number;
  mix_effect: number;
  conversion_effect: number;
  aov_effect: number;
  unexplained: number;
}

const toCents = (x: number) => Math.round(Number((x * 100).toPrecision(15)));

export function splitBySegment(before: SegmentFigures[], after: SegmentFigures[]): SegmentChange[] {
  const names = [...new Set([...before, ...after].map((s) => s.segment))].sort();
  const get = (list: SegmentFigures[], name: string) => list.find((s) => s.segment === name) ?? { segment: name, uv: 0, buyers: 0, gmv: 0 };
  const total0 = before.reduce((a, s) => a + s.uv, 0);
  const total1 = after.reduce((a, s) => a + s.uv, 0);
  return names.map((name): SegmentChange => {
    const b = get(before, name);
    const a = get(after, name);
    const changeCents = toCents(a.gmv) - toCents(b.gmv);
    const factors = (s: SegmentFigures, total: number) => [
      total,
      total > 0 ? s.uv / total : 0,
      s.uv > 0 ? s.buyers / s.uv : 0,
      s.buyers > 0 ? s.gmv / s.buyers : 0,
    ];
    const splittable = (s: SegmentFigures) => s.gmv === 0 || (s.uv > 0 && s.buyers > 0);
    const parts =
      splittable(a) && splittable(b) ? [...shapley(factors(b, total0), factors(a, total1)), 0] : [0, 0, 0, 0, changeCents / 100];
    const [traffic, mix, conversion, aov, unexplained] = allocateCents(parts, changeCents) as [number, number, number, number, number];
    return {
      segment: name,
      uv_before: b.uv,
      uv_after: a.uv,
      conversion_before: b.uv > 0 ? b.buyers / b.uv : null,
      conversion_after: a.uv > 0 ? a.buyers / a.uv : null,
      aov_before: b.buyers > 0 ? cents(b.gmv / b.buyers) : null,
      aov_after: a.buyers > 0 ? cents(a.gmv / a.buyers) : null,
      gmv_before: cents(b.gmv),
      gmv_after: cents(a.gmv),
      change: changeCents / 100,
      traffic_effect: traffic,
      mix_effect: mix,
      conversion_effect: conversion,
      aov_effect: aov,
      unexplained,
    };
  });
}
