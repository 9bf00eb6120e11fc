/** Saved views: a page's state becomes the API parameters a scheduled run sends, and the saved report links back to the same view. */
import { describe, expect, it } from 'vitest';
import { movedFrom, movedTo } from '../src/app/RangeControls';
import { pageAnalysis, panelReportParams, refundSplitTable, reportParams, secondOrderTable, viewLink } from '../src/state/saved-views';
import type { ViewState } from '../src/state/view-state';

const view: ViewState = {
  shop: 'tea',
  preset: '30d',
  from: '2026-10-01',
  to: '2026-10-30',
  compare: true,
  compareWith: 'previous',
  compareFrom: '2026-09-01',
  compareTo: '2026-09-30',
  filters: { channel: ['search'], device: [], region: [], live_room: [], category: [], customer: 'new' },
};

describe('saved views', () => {
  it('saves the refunds panel with the table of its split, and reopens the Products page on that split', () => {
    const params = panelReportParams(view, { table: refundSplitTable('reason') }, { compare: true });
    expect(params).toEqual({ channel: ['search'], customer: 'new', compare: 'previous', table: 'by_reason' });
    expect(viewLink('tea', { id: 9, name: 'why', analysis: 'refunds', params })).toBe(
      '/shops/tea/products?channel=search&customer=new&compare=1&refunds_by=reason',
    );
    // By channel is the panel's default: no split in the link.
    expect(viewLink('tea', { id: 10, name: 'c', analysis: 'refunds', params: { table: refundSplitTable('channel') } })).toBe(
      '/shops/tea/products',
    );
    // Who asked for refunds has no comparison to save.
    expect(panelReportParams(view, {})).toEqual({ channel: ['search'], customer: 'new' });
    expect(viewLink('tea', { id: 11, name: 'who', analysis: 'refund-customers', params: { channel: ['ads'] } })).toBe(
      '/shops/tea/products?channel=ads',
    );
  });

  it('reopens a saved audience on the Customers page with its conditions in the builder', () => {
    const conditions = [
      { field: 'orders_ever', operator: 'gte', value: 2 },
      { field: 'segment', operator: 'in', value: ['at_risk'] },
    ];
    const link = viewLink('tea', { id: 21, name: 'quiet', analysis: 'audience', params: { conditions } });
    expect(link.startsWith('/shops/tea/customers?audience=')).toBe(true);
    expect(JSON.parse(new URL(link, 'http://x').searchParams.get('audience') ?? '')).toEqual(conditions);
  });

  it('saves the product diagnosis with its minimum of visitors, and reopens the Products page with it', () => {
    const params = panelReportParams(view, { min_visitors: 10 }, { compare: true });
    expect(params).toEqual({ channel: ['search'], customer: 'new', compare: 'previous', min_visitors: 10 });
    expect(viewLink('tea', { id: 14, name: 'look at', analysis: 'product-diagnosis', params: { ...params, table: 'findings' } })).toBe(
      '/shops/tea/products?channel=search&customer=new&compare=1&min_visitors=10',
    );
  });

  it('saves the second-order panel with the table of its split, and reopens the Repurchase page on that split', () => {
    const params = panelReportParams(view, { table: secondOrderTable('channel') });
    expect(params).toEqual({ channel: ['search'], customer: 'new', table: 'second_order_channel' });
    expect(viewLink('tea', { id: 12, name: 'by first channel', analysis: 'repurchase', params })).toBe(
      '/shops/tea/repurchase?channel=search&customer=new&first=channel',
    );
    // By first product is the panel's default: no split in the link; another table is not a split.
    expect(viewLink('tea', { id: 13, name: 'p', analysis: 'repurchase', params: { table: secondOrderTable('product') } })).toBe(
      '/shops/tea/repurchase',
    );
    expect(viewLink('tea', { id: 14, name: 'c', analysis: 'repurchase', params: { table: 'cohorts' } })).toBe('/shops/tea/repurchase');
  });

  it("saves a picked product's trend or bought-together table, and reopens the Products page on that product", () => {
    const params = panelReportParams(view, { product: 'P00012', table: 'trend' });
    expect(params).toEqual({ channel: ['search'], customer: 'new', product: 'P00012', table: 'trend' });
    expect(viewLink('tea', { id: 15, name: 'best seller', analysis: 'product', params })).toBe(
      '/shops/tea/products?channel=search&customer=new&product=P00012',
    );
    expect(viewLink('tea', { id: 16, name: 'with it', analysis: 'product', params: { product: 'P1', table: 'bought_together' } })).toBe(
      '/shops/tea/products?product=P1',
    );
  });

  it('keeps filters and page parameters, not the dates (a scheduled run brings its own period)', () => {
    const params = reportParams('traffic', view, new URLSearchParams('range=30d&by=source&compare=1'));
    expect(params).toEqual({ channel: ['search'], customer: 'new', compare: 'previous', by: 'source' });
    expect(viewLink('tea', { id: 1, name: 'x', analysis: 'traffic', params })).toBe(
      '/shops/tea/traffic?channel=search&customer=new&compare=1&by=source',
    );
  });

  it('saves the Datasets page as its table — measures, dimensions, every row — and reopens it on the same picks', () => {
    const params = reportParams('datasets', view, new URLSearchParams('range=30d&m=uv&m=item_sales&d=category&d=month'));
    expect(params).toEqual({
      channel: ['search'],
      customer: 'new',
      measures: ['uv', 'item_sales'],
      dimensions: ['category', 'month'],
      limit: 100_000,
    });
    expect(pageAnalysis('datasets', new URLSearchParams())).toBe('dataset');
    expect(viewLink('tea', { id: 3, name: 'goods', analysis: 'dataset', params })).toBe(
      '/shops/tea/datasets?channel=search&customer=new&m=uv&m=item_sales&d=category&d=month',
    );
    // Nothing picked: the page's own table, saved as such.
    expect(reportParams('datasets', view, new URLSearchParams('range=30d'))).toMatchObject({
      measures: ['uv', 'paying_buyers', 'gmv', 'conversion_rate'],
      dimensions: ['channel'],
    });
  });

  it('saves a comparison with the same days a year before as such, and reopens it so', () => {
    const params = reportParams('traffic', { ...view, compareWith: 'year' }, new URLSearchParams('range=30d&compare=year'));
    expect(params.compare).toBe('year');
    expect(viewLink('tea', { id: 4, name: 'yoy', analysis: 'traffic', params })).toBe(
      '/shops/tea/traffic?channel=search&customer=new&compare=year',
    );
  });

  it('saves a comparison with chosen days as those days, and reopens it on them', () => {
    const chosen = { ...view, compareWith: 'days' as const, compareFrom: '2025-11-05', compareTo: '2025-11-11' };
    const params = reportParams('overview', chosen, new URLSearchParams('range=30d&compare=days'));
    expect(params).toEqual({ channel: ['search'], customer: 'new', compare_from: '2025-11-05', compare_to: '2025-11-11' });
    expect(viewLink('tea', { id: 5, name: 'vs last 11.11', analysis: 'overview', params })).toBe(
      '/shops/tea/overview?channel=search&customer=new&compare_from=2025-11-05&compare=days&compare_to=2025-11-11',
    );
  });

  it('saves a campaign review with its days and usual days, reopens it on them, and never compares', () => {
    const search = new URLSearchParams('range=custom&from=2026-11-11&to=2026-11-12&usual_from=2026-10-01&after_days=5');
    const params = reportParams('campaign', { ...view, from: '2026-11-11', to: '2026-11-12' }, search);
    expect(pageAnalysis('campaign', search)).toBe('campaign-review');
    expect(params).toEqual({
      channel: ['search'],
      customer: 'new',
      usual_from: '2026-10-01',
      after_days: '5',
      from: '2026-11-11',
      to: '2026-11-12',
    });
    expect(viewLink('tea', { id: 20, name: 'Double 11', analysis: 'campaign-review', params })).toBe(
      '/shops/tea/campaign?channel=search&customer=new&usual_from=2026-10-01&after_days=5&from=2026-11-11&range=custom&to=2026-11-12',
    );
    // Set beside another campaign: saved with its days, reopened on them.
    const beside = new URLSearchParams('range=custom&from=2026-11-11&to=2026-11-12&compare_from=2026-06-18&compare_to=2026-06-18');
    const withOther = reportParams('campaign', { ...view, from: '2026-11-11', to: '2026-11-12' }, beside);
    expect(withOther).toMatchObject({ from: '2026-11-11', to: '2026-11-12', compare_from: '2026-06-18', compare_to: '2026-06-18' });
    expect(withOther).not.toHaveProperty('compare');
    const link = new URL(viewLink('tea', { id: 21, name: 'Double 11 vs 618', analysis: 'campaign-review', params: withOther }), 'http://x');
    expect([link.pathname, link.searchParams.get('compare_from'), link.searchParams.get('compare_to')]).toEqual([
      '/shops/tea/campaign',
      '2026-06-18',
      '2026-06-18',
    ]);
  });

  it('saves the comparison only from pages that show it', () => {
    const search = new URLSearchParams('range=30d&compare=1');
    for (const page of ['traffic', 'funnels', 'paths', 'products']) expect(reportParams(page, view, search).compare, page).toBe('previous');
    for (const page of ['', 'retention', 'repurchase', 'customers', 'datasets'])
      expect(reportParams(page, view, search).compare, page).toBeUndefined();
  });

  it('round-trips a funnel definition through the URL', () => {
    const funnel = { steps: [{ event: 'product_view' }, { event: 'order_paid' }], window: '2h', order: 'strict' };
    const params = reportParams(
      'funnels',
      { ...view, compare: false, filters: { ...view.filters, channel: [], customer: 'all' } },
      new URLSearchParams({ funnel: JSON.stringify(funnel) }),
    );
    expect(params).toEqual(funnel);
    const link = new URL(`http://x${viewLink('tea', { id: 2, name: 'f', analysis: 'funnel', params })}`);
    expect(link.pathname).toBe('/shops/tea/funnels');
    expect(JSON.parse(link.searchParams.get('funnel') ?? '')).toMatchObject(funnel);
  });

  it('saves the customers page with a segment picked as that segment’s customer list, without a comparison', () => {
    const search = new URLSearchParams('range=30d&segment=at_risk&page=2&compare=1');
    expect(pageAnalysis('customers', search)).toBe('customer-list');
    expect(pageAnalysis('customers', new URLSearchParams('range=30d'))).toBe('customers');
    const params = reportParams('customers', view, search);
    expect(params).toEqual({ channel: ['search'], customer: 'new', segment: 'at_risk' });
    expect(viewLink('tea', { id: 3, name: 'at risk', analysis: 'customer-list', params })).toBe(
      '/shops/tea/customers?channel=search&customer=new&segment=at_risk',
    );
    // A cell of the segment movement: the customers who came from a segment.
    const moved = new URLSearchParams('range=30d&segment=at_risk&from_segment=champions');
    expect(pageAnalysis('customers', moved)).toBe('customer-list');
    expect(reportParams('customers', view, moved)).toMatchObject({ segment: 'at_risk', from_segment: 'champions' });
    // A flow of the segment movement: everyone who moved into at risk, and the link back to it.
    const flow = reportParams('customers', view, new URLSearchParams('range=30d&segment=at_risk&move=in'));
    expect(flow).toMatchObject({ segment: 'at_risk', move: 'in' });
    expect(viewLink('tea', { id: 4, name: 'new at risk', analysis: 'customer-list', params: flow })).toContain('segment=at_risk&move=in');
  });

  it('saves the products page with a product picked as who bought it, with only the parameters that list takes', () => {
    const search = new URLSearchParams('range=30d&sort=units&product=P00007&compare=1');
    expect(pageAnalysis('products', search)).toBe('product-buyers');
    expect(pageAnalysis('products', new URLSearchParams('range=30d&sort=units'))).toBe('products');
    const params = reportParams('products', { ...view, compare: true, filters: { ...view.filters, category: ['tea'] } }, search);
    // No sort, comparison or category: the buyers list would refuse them.
    expect(params).toEqual({ channel: ['search'], customer: 'new', product: 'P00007' });
    expect(viewLink('tea', { id: 5, name: 'P7 buyers', analysis: 'product-buyers', params })).toBe(
      '/shops/tea/products?channel=search&customer=new&product=P00007',
    );
  });
});

describe('chosen comparison days', () => {
  const chosen = { ...view, compareWith: 'days' as const, compareFrom: '2025-11-05', compareTo: '2025-11-11' };
  it('move as a span when the first day changes, so they are never backwards', () => {
    expect(movedFrom(chosen, '2025-06-12')).toEqual({ compare_from: '2025-06-12', compare_to: '2025-06-18' });
    expect(movedFrom(chosen, '2025-11-30')).toEqual({ compare_from: '2025-11-30', compare_to: '2025-12-06' });
  });
  it('keep the first day when the last moves after it, and move it back by the span when not', () => {
    expect(movedTo(chosen, '2025-11-20')).toEqual({ compare_to: '2025-11-20' });
    expect(movedTo(chosen, '2025-11-01')).toEqual({ compare_from: '2025-10-26', compare_to: '2025-11-01' });
  });
});
