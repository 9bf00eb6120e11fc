/** The audience builder's conditions as the URL holds them: read back defensively, and what the builder offers. */
import { describe, expect, it } from 'vitest';
import {
  AUDIENCE_TEMPLATES,
  conditionOn,
  findingAudience,
  incomplete,
  operatorsOf,
  parseAudience,
  templateConditions,
} from '../src/prepare/audience';

describe('audience conditions', () => {
  it('reads the URL’s conditions back, dropping unknown fields, operators that do not fit and anything not a list', () => {
    const kept = [
      { field: 'spend_ever', operator: 'gte', value: 500 },
      { field: 'bought_category', operator: 'not_in', value: ['tents'] },
    ];
    const text = JSON.stringify([
      ...kept,
      { field: 'height', operator: 'gte', value: 1 },
      { field: 'segment', operator: 'gte', value: 1 },
      null,
      'x',
    ]);
    expect(parseAudience(text)).toEqual(kept);
    expect(parseAudience('{"field":"orders"}')).toEqual([]);
    expect(parseAudience('not json')).toEqual([]);
    expect(parseAudience(null)).toEqual([]);
    const many = JSON.stringify(Array.from({ length: 12 }, () => ({ field: 'orders', operator: 'eq', value: 0 })));
    expect(parseAudience(many)).toHaveLength(10);
  });

  it('offers numbers’ comparisons for numbers and lists’ for lists, and waits for a list’s values', () => {
    expect(operatorsOf('days_since_order')).toEqual(['gte', 'lte', 'eq']);
    expect(operatorsOf('first_channel')).toEqual(['in', 'not_in']);
    expect(conditionOn('spend')).toEqual({ field: 'spend', operator: 'gte', value: 1 });
    expect(incomplete([conditionOn('bought_product')])).toBe(true);
    expect(incomplete([])).toBe(true);
    expect(incomplete([{ field: 'bought_product', operator: 'in', value: ['tent'] }])).toBe(false);
  });

  it('starts every ready-made audience complete, on fields and operators that fit', () => {
    for (const t of AUDIENCE_TEMPLATES) {
      expect(incomplete(t.conditions), t.id).toBe(false);
      expect(parseAudience(JSON.stringify(t.conditions)), t.id).toEqual(t.conditions);
    }
  });

  it('answers a cart or checkout leak with carts not paid, a repurchase drop with one order and no second, nothing else', () => {
    expect(findingAudience({ kind: 'funnel_leak', metric: 'cart_to_checkout' })).toBe('carts_not_paid');
    expect(findingAudience({ kind: 'funnel_leak', metric: 'checkout_to_pay' })).toBe('carts_not_paid');
    // Fewer carts is a product page's problem, not a list of customers to remind.
    expect(findingAudience({ kind: 'funnel_leak', metric: 'view_to_cart' })).toBeNull();
    expect(findingAudience({ kind: 'repurchase', metric: 'repurchase_rate' })).toBe('one_order_no_second');
    expect(findingAudience({ kind: 'metric', metric: 'uv' })).toBeNull();
    expect(templateConditions('carts_not_paid')).toEqual([
      { field: 'cart_adds', operator: 'gte', value: 1 },
      { field: 'orders', operator: 'eq', value: 0 },
    ]);
  });
});
