/**
 * The view's state lives in the URL — shop (path), date range, comparison and filters (query) —
 * so a link reproduces exactly what was on screen.
 */
import { useCallback, useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import type { Query } from '../api/client';

export const PRESETS = ['yesterday', '7d', '30d', '90d', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];
export const FILTER_KEYS = ['channel', 'device', 'region', 'live_room', 'category'] as const;

const iso = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (day: string, n: number) => iso(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));

/** Today's date in a time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** How many days, ending yesterday, each preset stands for. */
export const PRESET_DAYS: Record<Exclude<Preset, 'custom'>, number> = { yesterday: 1, '7d': 7, '30d': 30, '90d': 90 };

/** The range a preset stands for, ending yesterday in the shop's time zone. */
export function presetRange(preset: Exclude<Preset, 'custom'>, today: string): { from: string; to: string } {
  const to = addDays(today, -1);
  return { from: addDays(to, 1 - PRESET_DAYS[preset]), to };
}

export interface ViewState {
  shop: string;
  preset: Preset;
  from: string;
  to: string;
  compare: boolean;
  /**
   * What the comparison is against: the period of the same length before (环比), the same days a
   * year before (同比), or days chosen (compareFrom–compareTo: last year's 双11 week, say).
   */
  compareWith: 'previous' | 'year' | 'days';
  /** The chosen days (compare=days); otherwise the period before, as the inputs start from. */
  compareFrom: string;
  compareTo: string;
  filters: { channel: string[]; device: string[]; region: string[]; live_room: string[]; category: string[]; customer: string };
}

/** The comparison's chosen days from the URL, else the period of the same length before `from`. */
function chosenDays(params: URLSearchParams, from: string, to: string): { compareFrom: string; compareTo: string } {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  return {
    compareFrom: params.get('compare_from') ?? addDays(from, -days),
    compareTo: params.get('compare_to') ?? addDays(from, -1),
  };
}

export function useViewState(timeZone: string): [ViewState, (changes: Record<string, string | string[] | null>) => void] {
  const { shop = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const state = useMemo((): ViewState => {
    const today = todayIn(timeZone);
    const preset = (PRESETS as readonly string[]).includes(params.get('range') ?? '') ? (params.get('range') as Preset) : '7d';
    const fallback = presetRange(preset === 'custom' ? '7d' : preset, today);
    const from = preset === 'custom' ? (params.get('from') ?? fallback.from) : fallback.from;
    const to = preset === 'custom' ? (params.get('to') ?? fallback.to) : fallback.to;
    return {
      shop,
      preset,
      from,
      to,
      // compare=1: against the period before; compare=year: against the same days a year before;
      // compare=days: against compare_from–compare_to.
      compare: ['1', 'year', 'days'].includes(params.get('compare') ?? ''),
      compareWith: params.get('compare') === 'year' ? 'year' : params.get('compare') === 'days' ? 'days' : 'previous',
      ...chosenDays(params, from, to),
      filters: {
        channel: params.getAll('channel'),
        device: params.getAll('device'),
        region: params.getAll('region'),
        live_room: params.getAll('live_room'),
        category: params.getAll('category'),
        customer: params.get('customer') ?? 'all',
      },
    };
  }, [params, shop, timeZone]);
  const update = useCallback(
    (changes: Record<string, string | string[] | null>) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          next.delete(k);
          if (v === null) continue;
          for (const x of Array.isArray(v) ? v : [v]) if (x !== '') next.append(k, x);
        }
        return next;
      });
    },
    [setParams],
  );
  return [state, update];
}

/** The query every analysis takes: range, comparison and filters. */
export function analysisQuery(v: ViewState, options: { compare?: boolean; category?: boolean } = {}): Query {
  return {
    from: v.from,
    to: v.to,
    ...(options.compare !== false && v.compare
      ? v.compareWith === 'days'
        ? { compare_from: v.compareFrom, compare_to: v.compareTo }
        : { compare: v.compareWith }
      : {}),
    channel: v.filters.channel,
    device: v.filters.device,
    region: v.filters.region,
    live_room: v.filters.live_room,
    ...(options.category === false ? {} : { category: v.filters.category }),
    customer: v.filters.customer === 'all' ? undefined : v.filters.customer,
  };
}

/**
 * The link to one customer's profile on the Customers page from another page's list (who bought a
 * product, who asked for refunds): the range and filters go along; the listing page's own choices
 * (a picked product, a sort, a segment, a split, a page) do not.
 */
export function profileLink(shop: string, search: string, customer: string): string {
  const params = new URLSearchParams(search);
  for (const k of [
    'product',
    'sort',
    'segment',
    'from_segment',
    'move',
    'refunds_by',
    'finding',
    'min_visitors',
    'edges',
    'threshold',
    'page',
  ])
    params.delete(k);
  params.set('profile', customer);
  return `/shops/${shop}/customers?${params}`;
}

/**
 * Another page's query for the home page's diagnosed days: its filters, those days as the range,
 * and the page's own keys (the Overview compared, the Products page on a finding).
 */
export function diagnosedDaysQuery(params: URLSearchParams, from: string, to: string, own: Record<string, string>): string {
  const q = new URLSearchParams(params);
  q.delete('period');
  for (const [k, v] of Object.entries({ range: 'custom', from, to, ...own })) q.set(k, v);
  return q.toString();
}
