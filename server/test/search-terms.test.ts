/**
 * In-shop search terms on sessions crafted so that each rule has a case, answers worked out by
 * hand: terms are trimmed and lower-cased; "after" is later in the same session than its first
 * search for the term (the same instant counts; a purchase before the search does not); a session
 * ends at midnight; a visitor counts once per term and once in the totals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SearchTermSort, searchTerms } from '../src/analyses/search-terms.analysis.js';
import type { Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';

// session, visitor, shop-local time, event, search term
const EVENTS: Array<[string, string, string, string, string?]> = [
  ['s1', 'A', '2026-06-01 10:00', 'search', 'Green Tea '], // A: views, carts and pays after searching
  ['s1', 'A', '2026-06-01 10:01', 'product_view'],
  ['s1', 'A', '2026-06-01 10:02', 'add_to_cart'],
  ['s1', 'A', '2026-06-01 10:05', 'order_paid'],
  ['s6', 'A', '2026-06-02 10:00', 'search', 'green tea'], // A again: one more search, still one searcher
  ['s2', 'B', '2026-06-01 11:00', 'search', 'green tea'], // B: two terms, then a product view
  ['s2', 'B', '2026-06-01 11:01', 'search', 'teapot'],
  ['s2', 'B', '2026-06-01 11:02', 'product_view'],
  ['s2', 'B', '2026-06-02 00:10', 'order_paid'], // the same session id after midnight: another session
  ['s3', 'C', '2026-06-01 12:00', 'product_view'], // C: viewed and paid before searching
  ['s3', 'C', '2026-06-01 12:01', 'order_paid'],
  ['s3', 'C', '2026-06-01 12:02', 'search', 'teapot'],
  ['s4', 'C', '2026-06-02 09:00', 'search', 'teapot'], // C next day: a cart add at the same instant counts
  ['s4', 'C', '2026-06-02 09:00', 'add_to_cart'],
  ['s5', 'D', '2026-06-01 13:00', 'search', '龙井'], // D: searched, nothing else
  ['s9', 'E', '2026-06-03 09:00', 'search', 'teapot'], // after the range
  // 2026-06-05, for ranking: cup 3 searches by 3 searchers, none paid; kettle 3 searches by 2, one
  // paid (0.5); gaiwan 1 search, paid (1.0).
  ['t1', 'I', '2026-06-05 09:00', 'search', 'cup'],
  ['t2', 'J', '2026-06-05 09:00', 'search', 'cup'],
  ['t3', 'K', '2026-06-05 09:00', 'search', 'cup'],
  ['t4', 'G', '2026-06-05 10:00', 'search', 'kettle'],
  ['t4', 'G', '2026-06-05 10:01', 'search', 'kettle'],
  ['t5', 'H', '2026-06-05 10:00', 'search', 'kettle'],
  ['t5', 'H', '2026-06-05 10:05', 'order_paid'],
  ['t6', 'F', '2026-06-05 11:00', 'search', 'gaiwan'],
  ['t6', 'F', '2026-06-05 11:05', 'order_paid'],
];

let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;
const range = { from: '2026-06-01', to: '2026-06-02' };

beforeAll(async () => {
  const csv = `event_id,ts,event,visitor_id,session_id,search_term\n${EVENTS.map(([s, v, t, e, term], i) =>
    [`e${i}`, `${t.replace(' ', 'T')}:00+08:00`, e, v, s, term ?? ''].join(','),
  ).join('\n')}\n`;
  ({ stores, dispose, shop } = await openHandWorkedShop('search-terms', [{ kind: 'events', csv }]));
});
afterAll(async () => dispose());

const run = (limit?: number) => searchTerms(stores.warehouse.forShop(shop.id), shop, range, { limit });
const counts = (r: { searches: number; searchers: number; viewed_after: number; carted_after: number; paid_after: number }) => [
  r.searches,
  r.searchers,
  r.viewed_after,
  r.carted_after,
  r.paid_after,
];

describe('search terms', () => {
  it('count each term’s searches, searchers and what they did after searching', async () => {
    const r = await run();
    expect(r.rows.map((t) => [t.term, ...counts(t)])).toEqual([
      ['green tea', 3, 2, 2, 1, 1], // A (S1, S6), B; both viewed after, A carted and paid
      ['teapot', 3, 2, 1, 1, 0], // B viewed after; C's view and payment came before, its cart add at the same instant
      ['龙井', 1, 1, 0, 0, 0],
    ]);
    expect(r.rows[0]).toMatchObject({ search_view_rate: 1, search_conversion: 0.5, search_share: 0.428571 }); // 3 / 7
  });

  it('total every term, each visitor once', async () => {
    const r = await run();
    // Searchers A, B, C, D; viewed after: A, B; carted after: A, C; paid after: A.
    expect({ terms: r.totals.terms, counts: counts(r.totals) }).toEqual({ terms: 3, counts: [7, 4, 2, 2, 1] });
    expect(r.totals.search_conversion).toBe(0.25);
  });

  it('keeps the totals whole when the list is cut', async () => {
    const r = await run(2);
    expect(r.rows.map((t) => t.term)).toEqual(['green tea', 'teapot']);
    expect(r.totals).toMatchObject({ terms: 3, searches: 7, searchers: 4 });
  });

  it('keeps only the listed terms when asked (a comparison period), the totals still whole', async () => {
    const scope = stores.warehouse.forShop(shop.id);
    const listed = await searchTerms(scope, shop, range, { terms: ['龙井', 'no such term'] });
    expect(listed.rows.map((t) => [t.term, ...counts(t)])).toEqual([['龙井', 1, 1, 0, 0, 0]]);
    expect(listed.rows[0]?.search_share).toBe(0.142857); // 1 / 7: the share of every search
    expect(listed.totals).toMatchObject({ terms: 3, searches: 7, searchers: 4 });
    // None listed (the current period had no terms): no rows, not every term.
    expect((await searchTerms(scope, shop, range, { terms: [] })).rows).toEqual([]);
  });

  it('ranks by the chosen figure, ties by searches, then term', async () => {
    const scope = stores.warehouse.forShop(shop.id);
    const day = { from: '2026-06-05', to: '2026-06-05' };
    const order = async (sort?: SearchTermSort) => (await searchTerms(scope, shop, day, { sort })).rows.map((t) => t.term);
    expect(await order()).toEqual(['cup', 'kettle', 'gaiwan']); // 3, 3 (tie: by term), 1 searches
    expect(await order('searchers')).toEqual(['cup', 'kettle', 'gaiwan']); // 3, 2, 1
    expect(await order('paid_after')).toEqual(['kettle', 'gaiwan', 'cup']); // 1 (3 searches), 1 (1), 0
    expect(await order('search_conversion')).toEqual(['gaiwan', 'kettle', 'cup']); // 1.0, 0.5, 0
    // The cut keeps the top by the chosen figure.
    expect((await searchTerms(scope, shop, day, { sort: 'search_conversion', limit: 1 })).rows.map((t) => t.term)).toEqual(['gaiwan']);
  });

  it('answers an empty period with zeros and empty rates', async () => {
    const r = await searchTerms(stores.warehouse.forShop(shop.id), shop, { from: '2026-05-01', to: '2026-05-02' });
    expect(r.rows).toEqual([]);
    expect(r.totals).toMatchObject({ terms: 0, searches: 0, searchers: 0, search_conversion: null });
  });
});
