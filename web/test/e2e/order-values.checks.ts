import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ARTIFACTS, base, page, settle } from './dashboard-session.js';

/**
 * The Overview page's order values (客单价分布): the bands and their orders are the API's and add up
 * to the overview's paid orders; a threshold typed in is kept in the link and its line says what the
 * API counts; bands typed in replace the ladder.
 */
const fetchJson = async <T>(url: string): Promise<T> => (await page.evaluate(async (u) => (await fetch(u)).json(), url)) as T;
const number = (text: string | null) => Number((text ?? '').replace(/[^\d.-]/g, ''));

interface OrderValues {
  bands: Array<{ band: string; orders: number }>;
  totals: { orders: number; median_order_value: number | null };
  thresholds: Array<{ amount: number; reached_orders: number; near_orders: number }>;
}

export function orderValueChecks(): void {
  it('shows the paid orders by order value, weighs a threshold and takes bands typed in', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/overview?range=30d&compare=1`);
    await settle(page);
    const [from, to] = ((await page.textContent('.range-label')) ?? '').split('–').map((d) => d.trim());
    const api = await fetchJson<OrderValues>(`/api/v1/shops/${shop}/analyses/order-values?from=${from}&to=${to}`);
    const overview = await fetchJson<{ totals: { paid_orders: number; aov: number } }>(
      `/api/v1/shops/${shop}/analyses/overview?from=${from}&to=${to}&compare=none`,
    );
    const rows = page.locator('#order-values table').first().locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(api.bands.length);
    expect(await rows.locator('td:first-child').allTextContents()).toEqual(api.bands.map((b) => b.band));
    const shownOrders = (await rows.locator('td:nth-child(2)').allTextContents()).map(number);
    expect(shownOrders).toEqual(api.bands.map((b) => b.orders));
    // The bands hold every paid order of the range, once: the overview's count, from another query.
    expect(shownOrders.reduce((a, n) => a + n, 0)).toBe(overview.totals.paid_orders);
    expect(overview.totals.paid_orders).toBeGreaterThan(0);
    // The demo's orders spread over more than one band.
    expect(shownOrders.filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(number(await page.textContent('#order-values [data-metric="ov_median_order_value"] .kpi-value'))).toBeCloseTo(
      api.totals.median_order_value ?? Number.NaN,
      2,
    );
    // Spend per buyer in its parts: the overview's own spend per buyer, and each card compared.
    expect(number(await page.textContent('#order-values [data-metric="aov"] .kpi-value'))).toBeCloseTo(overview.totals.aov, 2);
    expect(await page.textContent('[data-testid=order-values-parts]')).toMatch(
      /^Spend per buyer .+ = [\d.]+ orders per buyer × .+ per order\.$/,
    );
    expect(await page.locator('#order-values .kpi .change').count()).toBe(8);

    // By channel: the API's channels by name, most orders first, with their orders.
    const byChannel = await fetchJson<{ byChannel: Array<{ channel: string; orders: number }> }>(
      `/api/v1/shops/${shop}/analyses/order-values?from=${from}&to=${to}`,
    );
    const channelRows = page.locator('[data-testid=order-values-channels] tbody tr');
    expect((await channelRows.locator('td:nth-child(2)').allTextContents()).map(number)).toEqual(byChannel.byChannel.map((c) => c.orders));
    expect(byChannel.byChannel.length).toBeGreaterThan(2);
    expect(await channelRows.first().locator('td').first().textContent()).not.toMatch(/_/);
    // Two tiers of a promotion typed in: kept in the link, a line each with the API's counts.
    await page.fill('#order-values input[aria-label="Thresholds"]', '199, 299');
    await page.press('#order-values input[aria-label="Thresholds"]', 'Enter');
    await page.waitForURL((url) => url.searchParams.get('threshold') === '199,299');
    const weighed = await fetchJson<OrderValues>(`/api/v1/shops/${shop}/analyses/order-values?from=${from}&to=${to}&threshold=199,299`);
    const lines = page.locator('[data-testid=order-values-threshold]');
    await expect.poll(() => lines.count()).toBe(2);
    for (const [i, at] of weighed.thresholds.entries()) {
      const line = (await lines.nth(i).textContent()) ?? '';
      expect(line).toContain(`At CN¥${at.amount}.00 of goods: ${at.reached_orders.toLocaleString('en')} orders (`);
      expect(line).toContain(`; ${at.near_orders.toLocaleString('en')} (`);
    }
    // The higher tier is reached by fewer orders.
    expect(weighed.thresholds[1]?.reached_orders).toBeLessThan(weighed.thresholds[0]?.reached_orders ?? 0);

    // Bands typed in replace the ladder.
    await page.fill('#order-values input[aria-label="Bands at"]', '99, 199');
    await page.press('#order-values input[aria-label="Bands at"]', 'Enter');
    await page.waitForURL((url) => url.searchParams.get('edges') === '99,199');
    await expect.poll(() => rows.locator('td:first-child').allTextContents()).toEqual(['<99', '99-199', '199+']);
    const mine = await fetchJson<OrderValues>(`/api/v1/shops/${shop}/analyses/order-values?from=${from}&to=${to}&edges=99,199`);
    expect((await rows.locator('td:nth-child(2)').allTextContents()).map(number)).toEqual(mine.bands.map((b) => b.orders));
    await page.setViewportSize({ width: 1280, height: 1400 });
    await settle(page);
    await page.locator('#order-values').screenshot({ path: join(ARTIFACTS, 'order-values.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('opens the bands day by day in the dataset builder: each band’s days add up to its orders', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    // A week: at most 7 days × 8 bands of rows, within the preview's 200.
    await page.goto(`${base}/shops/${shop}/overview?range=7d&channel=search`);
    await settle(page);
    const [from, to] = ((await page.textContent('.range-label')) ?? '').split('–').map((d) => d.trim());
    const api = await fetchJson<OrderValues>(`/api/v1/shops/${shop}/analyses/order-values?from=${from}&to=${to}&channel=search`);
    await page.click('[data-testid=order-values-by-day]');
    // The same days and filter, by day and band.
    await page.waitForURL(
      (url) =>
        url.pathname.endsWith('/datasets') &&
        url.searchParams.getAll('d').join() === 'day,order_value' &&
        url.searchParams.get('channel') === 'search',
    );
    await settle(page);
    expect(await page.textContent('.range-label')).toBe(`${from} – ${to}`);
    const cells = await page
      .locator('#dataset-preview tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    const byBand = new Map<string, number>();
    for (const [, band, orders] of cells) byBand.set(band as string, (byBand.get(band as string) ?? 0) + number(orders ?? ''));
    const bands = api.bands.filter((b) => b.orders > 0);
    expect(bands.length).toBeGreaterThan(1);
    expect(Object.fromEntries(byBand)).toEqual(Object.fromEntries(bands.map((b) => [b.band, b.orders])));
  });

  it("splits the second-order rate by the first order's value band, every band in ladder order", async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/repurchase?range=90d`);
    await settle(page);
    await page.selectOption('#second-order select[aria-label="first"]', 'value');
    await page.waitForURL((url) => url.searchParams.get('first') === 'value');
    const [from, to] = ((await page.textContent('.range-label')) ?? '').split('–').map((d) => d.trim());
    const api = await fetchJson<{ secondOrder: { value: Array<{ value: string; first_buyers: number }> } }>(
      `/api/v1/shops/${shop}/analyses/repurchase?from=${from}&to=${to}`,
    );
    const rows = page.locator('#second-order tbody tr');
    await expect.poll(() => rows.locator('td:first-child').allTextContents()).toEqual(api.secondOrder.value.map((b) => b.value));
    expect((await rows.locator('td:nth-child(2)').allTextContents()).map(number)).toEqual(api.secondOrder.value.map((b) => b.first_buyers));
    expect(api.secondOrder.value.filter((b) => b.first_buyers > 0).length).toBeGreaterThan(1);
    expect(await page.textContent('#second-order h2')).toContain('First order’s value');
  });
}
