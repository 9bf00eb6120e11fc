import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ARTIFACTS, base, blankCharts, page, settle } from './dashboard-session.js';

/**
 * The Products page's tests, in order: picking a product (its details and who bought it, each
 * buyer a link to their profile), then the refunds of the range's sales and who asked for them.
 */
/** A product diagnosis request over `days` days. */
const diagnosisOf = (url: string, days: number) => {
  const u = new URL(url);
  const from = Date.parse(u.searchParams.get('from') ?? '');
  const to = Date.parse(u.searchParams.get('to') ?? '');
  return u.pathname.endsWith('/analyses/product-diagnosis') && (to - from) / 86_400_000 + 1 === days;
};

export function productsPageChecks(): void {
  it('picks a product: its row is marked, the details name it and come into view', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/products?range=30d`);
    await settle(page);
    // A row far enough down that the details (below the 50-row ranking) start out of view.
    const row = page.locator('#product-ranking tbody tr').nth(20);
    const name = (await row.locator('td').first().textContent())?.trim() ?? '';
    expect(name).not.toMatch(/^P\d+$/);
    expect(
      await page.evaluate(() => (document.getElementById('product-detail')?.getBoundingClientRect().top ?? 0) > window.innerHeight),
    ).toBe(true);
    await row.click();
    await page.waitForSelector('[data-chart=product-trend]');
    expect(await row.getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('table tbody tr[aria-selected=true]').count()).toBe(1);
    expect(await page.locator('#product-detail h2').textContent()).toContain(name);
    // In view whole, once its chart has arrived.
    await page.waitForFunction(() => {
      const box = document.getElementById('product-detail')?.getBoundingClientRect();
      return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight + 1;
    });
    await page.screenshot({ path: join(ARTIFACTS, 'products-picked.png') });
    // A product bought with it opens in its place, named even when the ranking does not list it.
    const together = page
      .locator('table', { has: page.locator('th', { hasText: 'Attach rate' }) })
      .locator('tbody tr')
      .first();
    const otherName = (await together.locator('td').first().textContent())?.trim() ?? '';
    expect(otherName).not.toBe('');
    const pickedUrl = page.url();
    const picked = new URL(pickedUrl).searchParams.get('product');
    await together.click();
    await page.waitForURL((url) => (url.searchParams.get('product') ?? picked) !== picked);
    await expect.poll(() => page.locator('#product-detail h2').textContent()).toContain(otherName);
    // Back to the product picked from the ranking, for the checks that follow.
    await page.goto(pickedUrl);
    await settle(page);
  }, 60_000);

  it("downloads the picked product's trend and saves it as a report that reopens on that product", async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    const product = new URL(page.url()).searchParams.get('product') ?? '';
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(`/analyses/products/${product}`)),
      page.reload(),
    ]);
    const detail = (await response.json()) as { trend: Array<{ day: string }> };
    await settle(page);
    const panel = page.locator('#product-detail');
    const [csv] = await Promise.all([page.waitForEvent('download'), panel.locator('select[aria-label="Download…"]').selectOption('csv')]);
    expect(csv.suggestedFilename()).toMatch(/product-trend-.*\.csv$/);
    // A row per day of the trend the page shows, in its order.
    const days = readFileSync(await csv.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(days).toEqual(detail.trend.map((d) => d.day));
    page.once('dialog', (d) => void d.accept('Picked product trend'));
    await panel.locator('[data-testid=save-product-trend]').click();
    await page.waitForSelector('[data-testid=save-product-trend]:has-text("Saved")');
    const saved = (await page.evaluate(async (url) => (await fetch(url)).json(), `/api/v1/shops/${shop}/reports`)) as {
      reports: Array<{ name: string; analysis: string; params: Record<string, unknown> }>;
    };
    expect(saved.reports.find((r) => r.name === 'Picked product trend')).toMatchObject({
      analysis: 'product',
      params: { product, table: 'trend' },
    });
    await page.goto(`${base}/shops/${shop}/settings`);
    await settle(page);
    await page.click('a:has-text("Picked product trend")');
    await page.waitForURL((url) => url.pathname.endsWith('/products') && url.searchParams.get('product') === product);
    await settle(page);
    await page.waitForSelector('[data-chart=product-trend]');
  }, 60_000);

  it('lists who bought the picked product; a buyer opens their profile, whose orders hold the product', async () => {
    const product = new URL(page.url()).searchParams.get('product') ?? '';
    expect(product).not.toBe('');
    // The page's own answer, as it arrives.
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes(`/products/${product}/buyers`)), page.reload()]);
    const answer = (await response.json()) as { total: number; name: string; buyers: Array<{ customer_id: string; segment: string }> };
    const panel = page.locator('#product-buyers');
    await panel.locator('tbody tr').first().waitFor();
    expect(answer.total).toBeGreaterThan(0);
    expect(await panel.locator('h2').textContent()).toContain(`(${answer.total.toLocaleString('en-US')})`);
    expect(await panel.locator('tbody tr td:first-child').allTextContents()).toEqual(answer.buyers.map((b) => b.customer_id));
    await panel.screenshot({ path: join(ARTIFACTS, 'product-buyers.png') });
    // Narrowed to one segment by the panel's choice: every row in it, as many as the API says.
    const segment = answer.buyers[0]?.segment ?? '';
    const [narrowed] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/products/${product}/buyers`) && r.url().includes(`segment=${segment}`)),
      panel.locator('select[aria-label="Segment now"]').selectOption(segment),
    ]);
    const inSegment = (await narrowed.json()) as { total: number };
    await page.waitForURL((url) => url.searchParams.get('segment') === segment);
    await expect.poll(() => panel.locator('h2').textContent()).toContain(`(${inSegment.total.toLocaleString('en-US')})`);
    const segmentColumn = (await panel.locator('th').allTextContents()).findIndex(
      (h) => h.startsWith('RFM segment') || h.startsWith('Segment'),
    );
    expect(segmentColumn).toBeGreaterThan(0);
    const names = await panel.locator(`tbody tr td:nth-child(${segmentColumn + 1})`).allTextContents();
    expect(new Set(names).size).toBe(1);
    const first = answer.buyers[0]?.customer_id ?? '';
    await panel.locator(`a:text-is("${first}")`).click();
    await page.waitForURL((url) => url.pathname.endsWith('/customers') && url.searchParams.get('profile') === first);
    const profile = page.locator('#customer-profile');
    await profile.locator('table').first().locator('tbody tr').first().waitFor();
    // Every order's "Bought" cell names its products: one of this buyer's orders has the product.
    const bought = await profile.locator('table').first().locator('tbody tr').allTextContents();
    expect(bought.some((row) => row.includes(answer.name || product))).toBe(true);
  }, 60_000);

  it('shows which of the range’s sales came back refunded, split by channel, by live room, by product or by reason', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/products?range=30d`);
    await settle(page);
    const [from, to] = ((await page.textContent('.range-label')) ?? '').split('–').map((d) => d.trim());
    const api = (await page.evaluate(
      async (url) => (await fetch(url)).json(),
      `/api/v1/shops/${shop}/analyses/refunds?from=${from}&to=${to}`,
    )) as {
      totals: { paid_orders: number; refunded_orders: number };
      provisionalFrom: string | null;
      byChannel: Array<{ refunded_orders: number; top_reason: string | null; top_reason_share: number | null }>;
      byLiveRoom: Array<{ live_room: string; paid_orders: number; refund_amount_rate: number | null }>;
      byProduct: Array<{ name: string; product_id: string }>;
      byReason: Array<{ reason: string; refunded_orders: number; refunded_order_share: number }>;
    };
    expect(api.totals.refunded_orders).toBeGreaterThan(0);
    const totals = (await page.textContent('[data-testid=refunds-totals]')) ?? '';
    expect(totals).toContain(
      `${api.totals.refunded_orders.toLocaleString('en-US')} of ${api.totals.paid_orders.toLocaleString('en-US')} paid orders refunded`,
    );
    // The range ends yesterday: its last 14 days are still settling, and the panel says from when.
    expect(await page.textContent('[data-testid=refunds-settling]')).toContain(api.provisionalFrom ?? 'never');
    const rows = page.locator('#refunds tbody tr');
    expect(await rows.count()).toBe(api.byChannel.length);
    const refundedAt = (await page.locator('#refunds th').allTextContents()).findIndex((h) => h.startsWith('Refunded orders'));
    expect(await rows.locator(`td:nth-child(${refundedAt + 1})`).allTextContents()).toEqual(
      api.byChannel.map((c) => c.refunded_orders.toLocaleString('en-US')),
    );
    // The suggested reasons by their English names (written here, not taken from the page's code).
    const reasonNames: Record<string, string> = {
      changed_mind: 'Changed mind',
      not_as_described: 'Not as described',
      quality: 'Quality problem',
      wrong_size: 'Wrong size',
      damaged: 'Damaged in delivery',
      wrong_item: 'Wrong item sent',
      late_delivery: 'Late delivery',
      other: 'Other',
    };
    const percent = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    // Each channel's most common reason, with its share of the channel's refunded orders.
    const topAt = (await page.locator('#refunds th').allTextContents()).findIndex((h) => h.startsWith('Top refund reason'));
    expect(await rows.locator(`td:nth-child(${topAt + 1})`).allTextContents()).toEqual(
      api.byChannel.map((c) => (c.top_reason === null ? '—' : `${reasonNames[c.top_reason]} (${percent.format(c.top_reason_share ?? 0)})`)),
    );
    // By live room (直播退货): each room's sales and how much of them came back; the rest as not in one.
    await page.selectOption('#refunds select[aria-label="Split by"]', 'live_room');
    await page.waitForURL(/refunds_by=live_room/);
    await settle(page);
    expect(api.byLiveRoom.filter((x) => x.live_room !== '').length).toBeGreaterThan(0);
    expect(await rows.locator('td:first-child').allTextContents()).toEqual(
      api.byLiveRoom.map((x) => x.live_room || '(not in a live room)'),
    );
    const rateAt = (await page.locator('#refunds th').allTextContents()).findIndex((h) => h.startsWith('Refunded amount rate'));
    expect(rateAt).toBeGreaterThan(0);
    expect(await rows.locator(`td:nth-child(${rateAt + 1})`).allTextContents()).toEqual(
      api.byLiveRoom.map((x) => (x.refund_amount_rate === null ? '—' : percent.format(x.refund_amount_rate))),
    );
    await page.selectOption('#refunds select[aria-label="Split by"]', 'product');
    await page.waitForURL(/refunds_by=product/);
    await settle(page);
    await expect.poll(() => rows.locator('td:first-child').allTextContents()).toEqual(api.byProduct.map((p) => p.name || p.product_id));
    // A product of the split opens in the page's details, as a ranking row does.
    await rows.first().click();
    await page.waitForURL(new RegExp(`product=${encodeURIComponent(api.byProduct[0]?.product_id ?? '')}`));
    const marked = page.locator('#refunds tbody tr[aria-selected="true"]');
    await marked.waitFor();
    expect(await marked.locator('td:first-child').textContent()).toBe(api.byProduct[0]?.name || api.byProduct[0]?.product_id);
    await page.locator('#refunds').screenshot({ path: join(ARTIFACTS, 'refunds.png') });
    // By reason: the demo's refunds all carry one of the suggested codes, shown by name, most orders first.
    expect(api.byReason.reduce((a, r) => a + r.refunded_orders, 0)).toBe(api.totals.refunded_orders);
    await page.selectOption('#refunds select[aria-label="Split by"]', 'reason');
    await page.waitForURL(/refunds_by=reason/);
    await settle(page);
    // Polled: on a loaded machine the split's table was once read before it re-rendered (products still shown).
    await expect.poll(() => rows.locator('td:first-child').allTextContents()).toEqual(api.byReason.map((r) => reasonNames[r.reason]));
    const shareAt = (await page.locator('#refunds th').allTextContents()).findIndex((h) => h.startsWith('Share of refunded orders'));
    expect(await rows.locator(`td:nth-child(${shareAt + 1})`).allTextContents()).toEqual(
      api.byReason.map((r) => percent.format(r.refunded_order_share)),
    );
    // The ring of reasons and their trend by day of payment are both drawn.
    expect(await page.locator('#refunds [data-chart]').evaluateAll((els) => els.map((e) => e.getAttribute('data-chart')))).toEqual([
      'refund-delays',
      'refund-reasons',
      'refund-reasons-by-day',
    ]);
    expect((await blankCharts(page)).filter((c) => c.startsWith('refund'))).toEqual([]);
    await page.locator('#refunds').screenshot({ path: join(ARTIFACTS, 'refund-reasons.png') });
    // Who asked for refunds: the API's first page, most refunded first; a click opens that customer's profile.
    const claimants = (await page.evaluate(
      async (url) => (await fetch(url)).json(),
      `/api/v1/shops/${shop}/analyses/refund-customers?from=${from}&to=${to}&limit=20`,
    )) as { total: number; customers: Array<{ customer_id: string; refund_amount: number }> };
    expect(claimants.total).toBeGreaterThan(0);
    const claimantRows = page.locator('#refund-customers tbody tr');
    expect(await claimantRows.locator('td:first-child').allTextContents()).toEqual(claimants.customers.map((c) => c.customer_id));
    // The table fits its panel: no column cut off at the right edge.
    const fits = await page.locator('#refund-customers .table-wrap').evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    expect(fits).toBe(true);
    await page.locator('#refund-customers').screenshot({ path: join(ARTIFACTS, 'refund-customers.png') });
    const first = claimants.customers[0]?.customer_id ?? '';
    await claimantRows.first().locator('a').click();
    await page.waitForURL(new RegExp(`/customers\\?.*profile=${first}`));
    const orders = page.locator('#customer-profile table').first().locator('tbody tr');
    await orders.first().waitFor();
    expect(await orders.count()).toBeGreaterThan(0);
    // Repurchase by whether the first order came back: the API's rows, named in the page language.
    await page.goto(`${base}/shops/${shop}/repurchase?range=90d&first=refund`);
    await settle(page);
    const [rFrom, rTo] = ((await page.textContent('.range-label')) ?? '').split('–').map((d) => d.trim());
    const repurchase = (await page.evaluate(
      async (url) => (await fetch(url)).json(),
      `/api/v1/shops/${shop}/analyses/repurchase?from=${rFrom}&to=${rTo}`,
    )) as { secondOrder: { refund: Array<{ value: string; first_buyers: number }> } };
    expect(repurchase.secondOrder.refund.map((r) => r.value)).toContain('kept');
    const names: Record<string, string> = { kept: 'Kept', refunded: 'Refunded' };
    expect(await page.textContent('#second-order h2')).toContain('First order refunded');
    const splitRows = page.locator('#second-order tbody tr td:first-child');
    expect(await splitRows.allTextContents()).toEqual(repurchase.secondOrder.refund.map((r) => names[r.value]));
    // Compared: each channel's figures against the same channel before, and each top product's against the same product.
    await page.goto(`${base}/shops/${shop}/products?range=30d&compare=1`);
    await settle(page);
    const refundHeaders = async () => (await page.locator('#refunds th').allTextContents()).map((h) => h.replace('ⓘ', '').trim());
    expect(await refundHeaders()).toContain('Δ Refunded amount rate');
    await page.selectOption('#refunds select[aria-label="Split by"]', 'product');
    await settle(page);
    expect(await refundHeaders()).toContain('Δ Refunded orders');
    await page.selectOption('#refunds select[aria-label="Split by"]', 'reason');
    await settle(page);
    expect(await refundHeaders()).toEqual(expect.arrayContaining(['Median days to refund', 'Δ Refunded orders']));
    // The panel saved on its own, as the refunds by reason with the comparison, reopens on that split.
    page.once('dialog', (d) => void d.accept('Why refunds'));
    await page.click('[data-testid=save-refunds]');
    await page.waitForSelector('[data-testid=save-refunds]:has-text("Saved")');
    const saved = (await page.evaluate(async (url) => (await fetch(url)).json(), `/api/v1/shops/${shop}/reports`)) as {
      reports: Array<{ name: string; analysis: string; params: Record<string, unknown> }>;
    };
    expect(saved.reports.find((r) => r.name === 'Why refunds')).toMatchObject({
      analysis: 'refunds',
      params: { compare: 'previous', table: 'by_reason' },
    });
    await page.goto(`${base}/shops/${shop}/settings`);
    await settle(page);
    await page.click('a:has-text("Why refunds")');
    // (Stored parameters come back in the store's own key order.)
    await page.waitForURL(
      (url) =>
        url.pathname.endsWith('/products') && url.searchParams.get('refunds_by') === 'reason' && url.searchParams.get('compare') === '1',
    );
    await settle(page);
    expect(await page.locator('#refunds select[aria-label="Split by"]').inputValue()).toBe('reason');
  }, 60_000);

  it('diagnoses the products: each finding counted as the API does, a finding lists its products, a row opens one', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    const [response] = await Promise.all([
      // The 30 days' answer (the home page asks for its own day's too).
      page.waitForResponse((r) => diagnosisOf(r.url(), 30)),
      page.goto(`${base}/shops/${shop}/products?range=30d`),
    ]);
    const diagnosis = (await response.json()) as {
      summary: Array<{ kind: string; products: number }>;
      products: Array<{ product_id: string; name: string; findings: Array<{ kind: string }> }>;
    };
    await settle(page);
    const panel = page.locator('#product-diagnosis');
    for (const k of diagnosis.summary) {
      const shown = await panel.locator(`button[data-finding=${k.kind}] .kpi-value`).textContent();
      expect(Number(shown?.replace(/\D/g, '')), k.kind).toBe(k.products);
    }
    // The demo's month has products to look at (its catalogue's long tail), and rows for them.
    const kind = diagnosis.summary.find((k) => k.products > 0 && k.kind !== 'rising')?.kind;
    expect(kind).toBeDefined();
    await panel.locator(`button[data-finding=${kind}]`).click();
    await page.waitForURL((url) => url.searchParams.get('finding') === kind);
    const expected = diagnosis.products.filter((p) => p.findings.some((f) => f.kind === kind)).map((p) => p.name || p.product_id);
    await expect
      .poll(async () => (await panel.locator('tbody tr td:first-child').allTextContents()).map((n) => n.trim()))
      .toEqual(expected);
    expect(await panel.locator(`tbody tr:first-child [data-finding=${kind}]`).count()).toBe(1);
    await panel.screenshot({ path: join(ARTIFACTS, 'product-diagnosis.png') });
    await panel.locator('tbody tr').first().click();
    await page.waitForSelector('[data-chart=product-trend]');
    await expect.poll(() => page.locator('#product-detail h2').textContent()).toContain(expected[0]);
    // A minimum of visitors typed in is kept in the link, and the cards are the API's answer for it.
    const [lowered] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().includes('/analyses/product-diagnosis') && new URL(r.url()).searchParams.get('min_visitors') === '5',
      ),
      (async () => {
        await panel.locator('input[aria-label="Minimum visitors"]').fill('5');
        await panel.locator('input[aria-label="Minimum visitors"]').press('Enter');
      })(),
    ]);
    await page.waitForURL((url) => url.searchParams.get('min_visitors') === '5');
    const judged = (await lowered.json()) as { summary: Array<{ kind: string; products: number }> };
    for (const k of judged.summary) {
      await expect
        .poll(() => panel.locator(`button[data-finding=${k.kind}] .kpi-value`).textContent())
        .toBe(k.products.toLocaleString('en'));
    }

    // Saved and scheduled as an alert: sent only on the days a product's sales fell or its refunds are high.
    page.once('dialog', (d) => void d.accept('Products to look at'));
    await panel.locator('[data-testid=save-product-diagnosis]').click();
    await page.waitForSelector('[data-testid=save-product-diagnosis]:has-text("Saved")');
    await page.goto(`${base}/shops/${shop}/settings`);
    await settle(page);
    const saved = await page.locator('select[aria-label="Saved reports"] option', { hasText: 'Products to look at' }).getAttribute('value');
    await page.selectOption('select[aria-label="Saved reports"]', saved ?? '');
    expect(await page.locator('select[aria-label="Send"] option').allTextContents()).toEqual([
      'Every time',
      'Only when a product needs attention',
      'Only when a product’s sales fell or its refunds are high',
    ]);
    await page.selectOption('select[aria-label="Send"]', 'abnormal');
    await page.click('button:has-text("Schedule")');
    await page.waitForSelector('td:has-text("Only when a product’s sales fell or its refunds are high")');
  }, 60_000);

  it('names the products to look at on the home page, each finding a link to its products', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    const [response] = await Promise.all([
      // The week's answer (the Products page before asked for its 30 days').
      page.waitForResponse((r) => diagnosisOf(r.url(), 7)),
      page.goto(`${base}/shops/${shop}/?period=week`),
    ]);
    const asked = new URL(response.url()).searchParams;
    const diagnosis = (await response.json()) as {
      from: string;
      to: string;
      summary: Array<{ kind: string; products: number }>;
      marked_days: { compared: Array<{ title: string }> };
    };
    await settle(page);
    // The diagnosed week's days, not the range above.
    const week = await page.evaluate(async (url) => (await fetch(url)).json(), `/api/v1/shops/${shop}/diagnostics?period=week`);
    expect([asked.get('from'), asked.get('to')]).toEqual([week.from, week.to]);
    const found = diagnosis.summary.filter((k) => k.products > 0);
    expect(found.length, 'the demo week has products to look at').toBeGreaterThan(0);
    const lines = page.locator('#products-to-watch li');
    expect(await lines.evaluateAll((ls) => ls.map((l) => l.getAttribute('data-finding')))).toEqual(found.map((k) => k.kind));
    for (const k of found) {
      const count = await page.locator(`#products-to-watch li[data-finding=${k.kind}] [data-testid=count]`).textContent();
      expect(Number(count?.replace(/\D/g, '')), k.kind).toBe(k.products);
    }
    // Marked days in the week compared with (the demo's 双11, the week after it) are named; none, no line.
    const marksLine = page.locator('#products-to-watch [data-testid=compared-marks]');
    if (diagnosis.marked_days.compared.length === 0) expect(await marksLine.count()).toBe(0);
    for (const m of diagnosis.marked_days.compared) expect(await marksLine.textContent()).toContain(m.title);
    await page.locator('#products-to-watch').screenshot({ path: join(ARTIFACTS, 'products-to-watch.png') });
    const first = found[0]?.kind ?? '';
    await page.locator(`#products-to-watch li[data-finding=${first}] a`).click();
    await page.waitForURL((url) => url.pathname.endsWith('/products') && url.searchParams.get('finding') === first);
    const url = new URL(page.url());
    expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual([week.from, week.to]);
    await page.waitForSelector(`#product-diagnosis button[data-finding=${first}][aria-pressed=true]`);
    // The panel names the compared days' marks once (it once wrote the line twice).
    expect(await page.locator('#product-diagnosis [data-testid=compared-marks]').count()).toBeLessThanOrEqual(1);
  }, 60_000);

  it('ranks the categories as the API counts them; a click on one filters the page to its products', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    const answer = page.waitForResponse((r) => r.url().includes('/analyses/categories?') && !r.url().includes('category='));
    await page.goto(`${base}/shops/${shop}/products?range=30d`);
    const api = (await (await answer).json()) as {
      total_gmv: number;
      rows: Array<{ category: string; views: number; visitors: number; gmv: number; gmv_share: number | null }>;
    };
    await settle(page);
    const rows = page.locator('#categories tbody tr');
    await expect.poll(() => rows.count()).toBe(api.rows.length);
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    );
    const number = (text: string | undefined) => Number((text ?? '').replace(/[^\d.-]/g, ''));
    expect(cells.map((c) => c[0])).toEqual(api.rows.map((c) => (c.category === '' ? '(no category)' : c.category)));
    expect(cells.map((c) => [number(c[1]), number(c[2])])).toEqual(api.rows.map((c) => [c.views, c.visitors]));
    expect(cells.map((c) => number(c[6]))).toEqual(api.rows.map((c) => c.gmv));
    // The demo sells in several categories, best seller first, and the shares add up to the whole.
    expect(api.rows.filter((c) => c.gmv > 0).length).toBeGreaterThan(2);
    expect(api.rows.reduce((a, c) => a + (c.gmv_share ?? 0), 0)).toBeCloseTo(1, 4);
    await page.locator('#categories').screenshot({ path: join(ARTIFACTS, 'categories.png') });
    // A click on the second category filters the whole page to it: every ranked product is of it.
    const second = api.rows[1]?.category as string;
    await rows.nth(1).click();
    await page.waitForURL((url) => url.searchParams.getAll('category').join() === second);
    await settle(page);
    const ranked = page.locator('#product-ranking tbody tr');
    // Every panel of the page asks again: the ranking may take a few seconds on two busy cores.
    await expect
      .poll(async () => [...new Set(await ranked.locator('td:nth-child(2)').allTextContents())], { timeout: 20_000 })
      .toEqual([second]);
    await expect.poll(() => rows.locator('td:first-child').allTextContents(), { timeout: 20_000 }).toEqual([second]);
  }, 60_000);
}
