/**
 * The diagnosis on stores where the truth is known: a steady store with one lever pulled on the
 * day (live-stream traffic halved; checkout-to-payment conversion halved; prices up 30%; half the
 * live-stream buyers refunded), a
 * steady day, and a store with too little history. The main driver must be named first and the
 * decomposition must add up to the observed change to the cent.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIGURE_DEFINITIONS } from '../../src/analyses/diagnostics/diagnosis-model.js';
import { type DiagnosisResult, diagnose, type Finding } from '../../src/analyses/diagnostics/diagnostics.analysis.js';
import { withRefundReason } from '../../src/analyses/diagnostics/findings.js';
import { buildApp } from '../../src/app.js';
import { ApiKeysRepo, type Shop } from '../../src/metadata/index.js';
import type { Stores } from '../../src/store/open-stores.js';
import { openTempStores } from '../temp-stores.js';
import { loadScenario, steadyThen } from './scenario.js';

const DAY = '2026-10-28';
const NOW = new Date('2026-11-21T12:00:00Z');
let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
const shops: Record<string, Shop> = {};
const results: Record<string, DiagnosisResult> = {};

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  shops.live = await loadScenario(
    stores,
    'live-halved',
    steadyThen(DAY, 28, (c) => (c.channel === 'live_stream' ? { ...c, visitors: 50 } : c)),
  );
  shops.checkout = await loadScenario(
    stores,
    'checkout-drop',
    steadyThen(DAY, 28, (c) => ({ ...c, payRate: 0.4 })),
  );
  shops.price = await loadScenario(
    stores,
    'price-up',
    steadyThen(DAY, 28, (c) => ({ ...c, amount: c.amount * 1.3 })),
  );
  shops.steady = await loadScenario(
    stores,
    'steady',
    steadyThen(DAY, 28, (c) => c),
  );
  shops.refunds = await loadScenario(
    stores,
    'refunds-up',
    steadyThen(DAY, 28, (c) =>
      c.channel === 'live_stream' ? { ...c, refundShare: 0.5, refundReasons: ['not_as_described', 'not_as_described', 'quality', ''] } : c,
    ),
  );
  shops.coupons = await loadScenario(
    stores,
    'coupons',
    steadyThen(DAY, 28, (c) => ({ ...c, discountShare: 0.2 })),
  );
  shops.young = await loadScenario(
    stores,
    'young',
    steadyThen(DAY, 3, (c) => c),
  );
  for (const [name, shop] of Object.entries(shops)) {
    results[name] = await diagnose(stores.warehouse.forShop(shop.id), shop, { date: DAY, now: NOW });
  }
  app = await buildApp({ stores, serveDashboard: false });
}, 180_000);
afterAll(async () => {
  await app?.close();
  await dispose();
});

const cents = (x: number) => Math.round(x * 100);

function expectExactDecomposition(d: DiagnosisResult) {
  const c = d.decomposition;
  expect(cents(c.gmv_after) - cents(c.gmv_before)).toBe(cents(c.change));
  expect(cents(c.traffic) + cents(c.conversion) + cents(c.aov) + cents(c.unexplained)).toBe(cents(c.change));
  expect(d.byChannel.reduce((a, s) => a + cents(s.change), 0)).toBe(cents(c.change));
  for (const s of d.byChannel) {
    expect(
      cents(s.traffic_effect) + cents(s.mix_effect) + cents(s.conversion_effect) + cents(s.aov_effect) + cents(s.unexplained),
      s.segment,
    ).toBe(cents(s.change));
  }
}

describe('diagnosis with one lever pulled', () => {
  it('live-stream traffic halved: names live-stream visitors first, −10 points of the change', () => {
    const d = results.live as DiagnosisResult;
    // Before: 16×100 + 8×80 + 8×120 = 3,200.00. After: live pays 4×80: 2,880.00.
    expect(d.decomposition).toMatchObject({ gmv_before: 3200, gmv_after: 2880, change: -320 });
    expectExactDecomposition(d);
    const first = d.findings[0];
    expect(first?.kind).toBe('gmv_driver');
    expect(first?.numbers).toMatchObject({ driver: 'traffic', channel: 'live_stream' });
    // Live-stream's traffic and mix effects are its whole change, −320 = −10% of 3,200.
    expect(first?.numbers.channel_amount).toBeCloseTo(-320, 2);
    expect(first?.text.en).toBe(
      'Payment amount fell 10.0% against the same day last week, mainly because live-stream visitors fell 50.0% (−10.0 points of the change).',
    );
    expect(first?.text.zh).toBe('支付金额较上周同日下降10.0%，主要因为直播访客数下降50.0%（贡献−10.0个百分点）。');
    const live = d.byChannel.find((c) => c.segment === 'live_stream');
    expect(live).toMatchObject({ change: -320, conversion_effect: 0, aov_effect: 0 });
    // Two-factor Shapley by hand: visitors 400 → 350 with share 1/4 → 1/7, at 0.08 × 80 = 6.4 per visitor-share:
    // traffic = ((350−400)·1/4 + (350−400)·1/7)/2 · 6.4 = −62.857…, mix = −257.142… → cents −62.86 and −257.14.
    expect(live?.traffic_effect).toBeCloseTo(-62.86, 2);
    expect(live?.mix_effect).toBeCloseTo(-257.14, 2);
    // Usual Wednesday: 400 visitors, spread floored at 5% = 20; 350 is z = −2.5: "watch", an amber light.
    expect(d.figures.find((f) => f.metric === 'uv')?.baseline).toMatchObject({ expected: 400, spread: 20, z: -2.5, status: 'watch' });
    expect(d.health.find((h) => h.area === 'traffic')?.status).toBe('amber');
  });

  it('checkout conversion dropped: names conversion first and reports the leaking step', () => {
    const d = results.checkout as DiagnosisResult;
    expect(d.decomposition).toMatchObject({ gmv_before: 3200, gmv_after: 1600, change: -1600, traffic: 0, aov: 0, conversion: -1600 });
    expectExactDecomposition(d);
    expect(d.findings[0]?.numbers).toMatchObject({ driver: 'conversion', channel: 'search' });
    expect(d.findings[0]?.text.en).toContain('search conversion fell 50.0%');
    const leak = d.findings.find((f) => f.kind === 'funnel_leak');
    expect(leak).toMatchObject({ metric: 'checkout_to_pay', severity: 'red' });
    expect(leak?.numbers).toMatchObject({ value: 0.4, expected: 0.8 });
    // The earlier steps did not move, so they are not reported.
    expect(d.findings.some((f) => f.metric === 'view_to_cart' || f.metric === 'cart_to_checkout')).toBe(false);
  });

  it('prices up 30%: names spend per buyer first', () => {
    const d = results.price as DiagnosisResult;
    expect(d.decomposition).toMatchObject({ gmv_before: 3200, gmv_after: 4160, change: 960, traffic: 0, conversion: 0, aov: 960 });
    expectExactDecomposition(d);
    expect(d.findings[0]?.numbers).toMatchObject({ driver: 'aov', channel: 'search' });
    // It opens the Overview page on spend per buyer (its order values below break it into its parts).
    expect(d.findings[0]?.link.page).toMatch(/^\/overview\?from=.+&to=.+&metric=aov$/);
    expect(d.findings[0]?.text.en).toMatch(
      /^Payment amount rose 30\.0% against the same day last week, mainly because search spend per buyer rose 30\.0%/,
    );
  });

  it('a steady day says so instead of inventing findings', () => {
    const d = results.steady as DiagnosisResult;
    expect(d.enoughData).toBe(true);
    expect(d.findings).toEqual([]);
    expect(d.summary.en).toBe('No notable change: every figure is within its usual range.');
    expect(d.decomposition.change).toBe(0);
    expect(d.figures.every((f) => f.baseline.status === 'normal')).toBe(true);
    expect(d.health.filter((h) => h.area !== 'repurchase').every((h) => h.status === 'green')).toBe(true);
  });

  it('too little history says so', () => {
    const d = results.young as DiagnosisResult;
    expect(d.enoughData).toBe(false);
    expect(d.findings).toEqual([]);
    expect(d.summary.en).toMatch(/^Too little data/);
    expect(d.summary.zh).toMatch(/^数据不足/);
  });

  it('flags recent refunds and today as provisional', async () => {
    const shop = shops.steady as Shop;
    const recent = await diagnose(stores.warehouse.forShop(shop.id), shop, { date: DAY, now: new Date('2026-10-30T12:00:00Z') });
    expect(recent.provisional.figures).toEqual(['refund_rate']);
    const today = await diagnose(stores.warehouse.forShop(shop.id), shop, { date: DAY, now: new Date('2026-10-28T12:00:00Z') });
    expect(today.provisional.figures).toContain('gmv');
    expect(today.figures.every((f) => f.provisional)).toBe(true);
  });

  it('refunds up on live-stream sales: flags the refund rate and links to the sales they came from, live stream first', async () => {
    const finding = (results.refunds as DiagnosisResult).findings.find((f) => f.kind === 'refunds');
    // 320 refunded of the day's 3,200 against nothing on every earlier day.
    expect(finding).toMatchObject({ metric: 'refund_rate', severity: 'red' });
    // Of the 4 × 80 refunded: not as described 2 (160), quality 1, none given 1. The largest given
    // reason is half the amount — the refund without a reason counts in the whole.
    expect(finding?.numbers).toMatchObject({ top_reason: 'not_as_described', top_reason_share: 0.5, top_reason_orders: 2 });
    expect(finding?.text.en).toContain('The largest reason: not as described, 50.0% of the amount refunded (2 orders).');
    expect(finding?.text.zh).toContain('退款金额最多的原因：与描述不符，占50.0%（2笔）。');
    // The day's refunds can come from sales of the 14 days before it and the day itself.
    expect(finding?.link).toEqual({
      page: '/products?from=2026-10-14&to=2026-10-28&refunds_by=channel',
      api: '/api/v1/shops/refunds-up/analyses/refunds?from=2026-10-14&to=2026-10-28',
    });
    const key = (await new ApiKeysRepo(stores.metadata).create({ shopId: (shops.refunds as Shop).id, name: 'r', scopes: ['read'] })).key;
    const res = await app.inject({ method: 'GET', url: finding?.link.api ?? '', headers: { authorization: `Bearer ${key}` } });
    expect(res.statusCode, res.body).toBe(200);
    // Live stream: 100 visitors → 20 carts → 10 checkouts → 8 payers, half of them (4 × 80) refunded in full.
    expect(res.json().byChannel[0]).toMatchObject({ channel: 'live_stream', refunded_orders: 4, full_refunds: 4, refund_amount: 320 });
    expect(res.json().totals).toMatchObject({ refunded_orders: 4, refund_amount: 320, median_days_to_refund: 0 });
  });

  it('adds no reason to a refund finding when no refund gave one, and names a source’s own words as written', () => {
    const finding = (results.refunds as DiagnosisResult).findings.find((f) => f.kind === 'refunds') as Finding;
    const plain = { ...finding, text: { en: 'Refund rate rose.', zh: '退款率上升。' }, numbers: {} };
    expect(withRefundReason([plain], [{ reason: '', orders: 3, amount: 240 }])).toEqual([plain]);
    // 90 of 150 for the source's words; ties in amount go to more orders.
    const [own] = withRefundReason(
      [plain],
      [
        { reason: '尺码偏小', orders: 2, amount: 90 },
        { reason: 'quality', orders: 1, amount: 60 },
      ],
    );
    expect(own?.text.en).toBe('Refund rate rose. The largest reason: 尺码偏小, 60.0% of the amount refunded (2 orders).');
  });

  it('a coupon on every order: flags the discount rate (amber, never red) and names spend per buyer as the driver', () => {
    const d = results.coupons as DiagnosisResult;
    // 3,200 of goods a day; on the day 20% off every order: 640 given away, 2,560 paid.
    expect(d.figures.find((f) => f.metric === 'discount_rate')).toMatchObject({
      unit: 'ratio',
      value: 0.2,
      previous: 0,
      same_weekday_last_week: 0,
    });
    expect(d.decomposition).toMatchObject({ gmv_before: 3200, gmv_after: 2560, change: -640, traffic: 0, conversion: 0, aov: -640 });
    const finding = d.findings.find((f) => f.metric === 'discount_rate');
    expect(finding).toMatchObject({ kind: 'metric', severity: 'amber', numbers: { value: 0.2, expected: 0 } });
    expect(finding?.text.en).toMatch(/^Discount rate rose to 20\.0%, against 0\.0% the usual for this weekday/);
    expect(finding?.text.zh).toMatch(/^优惠率上升至20\.0%/);
    // It opens the Overview page on the day and the day it is compared with, the discount rate charted.
    expect(finding?.link.page).toBe('/overview?from=2026-10-21&to=2026-10-28&metric=discount_rate');
    // Elsewhere nothing is discounted: the figure is 0, not empty, and never a finding.
    expect((results.steady as DiagnosisResult).figures.find((f) => f.metric === 'discount_rate')?.value).toBe(0);
  });

  it('a week: the seven days against the week before', async () => {
    const shop = shops.live as Shop;
    const d = await diagnose(stores.warehouse.forShop(shop.id), shop, { date: DAY, period: 'week', now: NOW });
    expect(d).toMatchObject({ from: '2026-10-22', to: DAY, compared: { label: 'previous_week', from: '2026-10-15', to: '2026-10-21' } });
    // Six steady days and the halved one: 7 × 3,200 − 320 against 7 × 3,200.
    expect(d.decomposition).toMatchObject({ gmv_before: 22400, gmv_after: 22080, change: -320 });
    expectExactDecomposition(d);
  });
});

describe('GET /api/v1/shops/:shop/diagnostics', () => {
  it('serves the diagnosis and refuses a future date or an unknown period', async () => {
    const key = (await new ApiKeysRepo(stores.metadata).create({ shopId: (shops.live as Shop).id, name: 'r', scopes: ['read'] })).key;
    const auth = { authorization: `Bearer ${key}` };
    const ok = await app.inject({ method: 'GET', url: `/api/v1/shops/live-halved/diagnostics?date=${DAY}`, headers: auth });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().findings[0].numbers.channel).toBe('live_stream');
    expect(ok.json().definitions.gmv_decomposition.definition).toContain('Shapley');
    // Every figure the diagnosis reports has its written definition served with it.
    const body = ok.json() as DiagnosisResult;
    expect(body.figures.map((f) => f.metric).sort()).toEqual(Object.keys(FIGURE_DEFINITIONS).sort());
    for (const f of body.figures) expect(body.definitions[FIGURE_DEFINITIONS[f.metric]]?.definition, f.metric).toMatch(/\S/);
    expect(body.definitions.refund_rate?.definition).toContain('refunds dated in the period');
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/shops/live-halved/diagnostics?date=2099-01-01', headers: auth })).statusCode,
    ).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/shops/live-halved/diagnostics?period=month', headers: auth })).statusCode).toBe(
      400,
    );
  });
});
