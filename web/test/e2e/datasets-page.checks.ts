/**
 * The Datasets page in Chromium: a table by product category and by product, its numbers the API's,
 * only the measures the chosen dimensions can split offered, saved as a report and reopened.
 * Declared inside dashboard.test.ts, in its one browser session, after signing in.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ARTIFACTS, base, page, settle } from './dashboard-session.js';

/** The API's dataset for a request, asked from the page's session. */
function datasetOfApi(shop: string, body: object) {
  return page.evaluate(
    async ([url, b]) => {
      // A POST of the session carries its CSRF token, as the dashboard's own requests do.
      const { csrfToken } = await (await fetch('/api/v1/session')).json();
      const headers = { 'content-type': 'application/json', 'x-csrf-token': csrfToken };
      return (await fetch(url as string, { method: 'POST', headers, body: JSON.stringify(b) })).json();
    },
    [`/api/v1/shops/${shop}/datasets`, body] as const,
  ) as Promise<{ rows: Array<Record<string, string | number | null>> }>;
}

export function datasetsPageChecks(): void {
  it('builds a table by product category and by product: goods sold line by line, each product named, as the API counts them; saves it as a report', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    const table = page.locator('#dataset-preview table');
    const rowsOf = async () =>
      table
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    const number = (text: string) => Number(text.replace(/[^\d.-]/g, ''));
    const api = (body: object) => datasetOfApi(shop as string, body);
    await page.goto(
      `${base}/shops/${shop}/datasets?range=30d&d=category&m=uv&m=item_orders&m=item_units&m=item_sales&m=item_units_per_order`,
    );
    await settle(page);
    expect(await table.locator('th').allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Category'),
        expect.stringContaining('Goods sales'),
        expect.stringContaining('Units per order'),
      ]),
    );
    // By category, an order's own figures are not offered (the API would refuse them), with the reason in the title.
    const gmv = page.locator('fieldset.choices label', { hasText: 'Payment amount (GMV)' });
    expect(await gmv.locator('input').isDisabled()).toBe(true);
    expect(await gmv.getAttribute('title')).toContain('Category does not split this measure');
    expect(await page.locator('fieldset.choices label', { hasText: 'Goods refunds' }).locator('input').isDisabled()).toBe(false);
    const [from, to] = ((await page.textContent('.range-label')) ?? '').split('–').map((d) => d.trim());
    const byCategory = await api({
      from,
      to,
      dimensions: ['category'],
      measures: ['uv', 'item_orders', 'item_units', 'item_sales', 'item_units_per_order'],
      limit: 200,
    });
    const shown = await rowsOf();
    expect(shown.length).toBe(byCategory.rows.length);
    expect(byCategory.rows.filter((r) => Number(r.item_sales) > 0).length).toBeGreaterThan(1);
    for (const [i, r] of byCategory.rows.entries()) {
      const cells = shown[i] ?? [];
      // Page views are about no product: their visitors are the "(none)" row.
      expect(cells[0], String(r.category)).toBe(r.category === '' ? '(none)' : String(r.category));
      expect(cells.slice(1, 4).map(number), String(r.category)).toEqual([r.uv, r.item_orders, r.item_units]);
      expect(number(cells[4] ?? ''), String(r.category)).toBeCloseTo(Number(r.item_sales), 2);
      // Units per order is a plain number, not a percentage.
      if (r.item_units_per_order !== null) expect(number(cells[5] ?? '')).toBeCloseTo(Number(r.item_units_per_order), 2);
      expect(cells[5]).not.toContain('%');
    }
    await page.locator('#dataset-preview').screenshot({ path: join(ARTIFACTS, 'datasets-by-category.png') });
    // By product: the name beside each id, as the API names it.
    await page.goto(`${base}/shops/${shop}/datasets?range=30d&d=product&m=item_sales`);
    await settle(page);
    expect((await table.locator('th').allTextContents()).slice(0, 2).map((h) => h.trim())).toEqual(['Product', 'Product name']);
    const byProduct = await api({ from, to, dimensions: ['product'], measures: ['item_sales'], limit: 200 });
    const productRows = await rowsOf();
    expect(productRows.map((c) => c.slice(0, 2))).toEqual(
      byProduct.rows.map((r) => [r.product === '' ? '(none)' : String(r.product), String(r.product_name)]),
    );
    expect(byProduct.rows.some((r) => r.product_name !== '')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'datasets-by-product.png'), fullPage: true });
    // Saved as a report (to schedule like any other), it reopens on the same table.
    page.once('dialog', (d) => void d.accept('Goods by product'));
    await page.click('[data-testid=save-view]');
    await page.goto(`${base}/shops/${shop}/settings`);
    await settle(page);
    await page.click('a:has-text("Goods by product")');
    await page.waitForURL(
      (url) =>
        url.pathname.endsWith('/datasets') &&
        url.searchParams.getAll('d').join() === 'product' &&
        url.searchParams.getAll('m').join() === 'item_sales',
    );
    await settle(page);
    expect((await table.locator('th').allTextContents()).slice(0, 2).map((h) => h.trim())).toEqual(['Product', 'Product name']);
  }, 60_000);

  it('builds a table by order value band (客单价区间): the bands cheapest first with their orders and amount per order, as the API counts them; visitors not offered', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/datasets?range=30d&d=order_value&m=paid_orders&m=gmv&m=amount_per_order`);
    await settle(page);
    const table = page.locator('#dataset-preview table');
    expect((await table.locator('th').first().textContent())?.trim()).toBe('Order value band');
    const [from, to] = ((await page.textContent('.range-label')) ?? '').split('–').map((d) => d.trim());
    const api = await datasetOfApi(shop as string, {
      from,
      to,
      dimensions: ['order_value'],
      measures: ['paid_orders', 'gmv', 'amount_per_order'],
      limit: 200,
    });
    const shown = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    // The demo's orders fall in several bands; listed as the ladder reads, the API's order.
    expect(api.rows.length).toBeGreaterThan(2);
    expect(shown.map((c) => c[0])).toEqual(api.rows.map((r) => String(r.order_value)));
    const lower = (band: string) => Number(band.replace(/^</, '0-').split(/[-+]/)[0]);
    const lowers = api.rows.map((r) => lower(String(r.order_value)));
    expect(lowers).toEqual([...lowers].sort((a, b) => a - b));
    const number = (text: string) => Number(text.replace(/[^\d.-]/g, ''));
    for (const [i, r] of api.rows.entries()) {
      expect(number(shown[i]?.[1] ?? ''), String(r.order_value)).toBe(r.paid_orders);
      expect(number(shown[i]?.[3] ?? ''), String(r.order_value)).toBeCloseTo(Number(r.amount_per_order), 2);
    }
    // An amount paid belongs to orders: visitors cannot be split by it, and the page says why.
    const uv = page.locator('fieldset.choices label', { hasText: 'Visitors (UV)' });
    expect(await uv.locator('input').isDisabled()).toBe(true);
    expect(await uv.getAttribute('title')).toContain('Order value band does not split this measure');
  }, 60_000);
}
