import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ARTIFACTS, base, page, settle } from './dashboard-session.js';

/**
 * The Customers page's audience builder (人群圈选): a ready-made audience's figures, segments and
 * customers are what the API answers for its conditions; a condition added and ticked in the
 * builder is sent as written (the API's answer for the three conditions); a customer opens their
 * profile; saved as a report it keeps its conditions, and its link reopens them.
 */
interface Audience {
  customers: number;
  buyers: number;
  by_segment: Array<{ segment: string; customers: number }>;
  list: Array<{ customer_id: string }>;
}
const number = (text: string | null) => Number((text ?? '').replace(/[^\d.-]/g, ''));

/** The API's audience for these conditions over the page's range, asked as the page asks (a POST with the CSRF token). */
async function audienceOf(shop: string, from: string, to: string, conditions: unknown[]): Promise<Audience> {
  return (await page.evaluate(
    async ({ url, body }) => {
      const { csrfToken } = await (await fetch('/api/v1/session')).json();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body });
      return res.json();
    },
    { url: `/api/v1/shops/${shop}/analyses/audience`, body: JSON.stringify({ from, to, conditions, limit: 50 }) },
  )) as Audience;
}

export function audienceChecks(): void {
  it('builds an audience from a ready-made one and an added condition, as the API counts it, and opens a customer', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2] ?? '';
    await page.goto(`${base}/shops/${shop}/customers?range=90d`);
    await settle(page);
    const [from = '', to = ''] = ((await page.textContent('.range-label')) ?? '').split('–').map((d) => d.trim());
    await page.click('[data-testid=audience-template-one_order_no_second]');
    const template = [
      { field: 'orders_ever', operator: 'eq', value: 1 },
      { field: 'days_since_order', operator: 'gte', value: 30 },
    ];
    const api = await audienceOf(shop, from, to, template);
    // The demo has customers who bought once a month or more before the range's end.
    expect(api.customers).toBeGreaterThan(0);
    const figure = page.locator('#audience [data-metric=audience_customers] .kpi-value');
    await expect.poll(async () => number(await figure.textContent()), { timeout: 20_000 }).toBe(api.customers);
    expect(new URL(page.url()).searchParams.get('audience')).toBe(JSON.stringify(template));
    const segments = page.locator('#audience [data-testid=audience-segments] tbody tr');
    expect(await segments.count()).toBe(api.by_segment.length);
    expect((await segments.locator('td:nth-child(2)').allTextContents()).map(number)).toEqual(api.by_segment.map((s) => s.customers));
    // Every customer is in one segment: the segments add up to the audience.
    expect(api.by_segment.reduce((n, s) => n + s.customers, 0)).toBe(api.customers);
    const ids = page.locator('#audience [data-testid=audience-customers] tbody tr td:first-child');
    expect(await ids.allTextContents()).toEqual(api.list.map((c) => c.customer_id));

    // One more condition, built in the form: their first channel was search.
    await page.click('#audience button[aria-label="add condition"]');
    await page.selectOption('#audience select[aria-label="condition 3 field"]', 'first_channel');
    await page.check('#audience fieldset[aria-label="condition 3 value"] label:has-text("Search") input');
    await page.click('#audience button[type=submit]');
    const narrowed = await audienceOf(shop, from, to, [...template, { field: 'first_channel', operator: 'in', value: ['search'] }]);
    expect(narrowed.customers).toBeLessThan(api.customers);
    await expect.poll(async () => number(await figure.textContent()), { timeout: 20_000 }).toBe(narrowed.customers);
    await page.locator('#audience').screenshot({ path: join(ARTIFACTS, 'audience.png') });

    // A customer of the audience opens their profile.
    const first = narrowed.list[0]?.customer_id ?? api.list[0]?.customer_id ?? '';
    await expect.poll(() => ids.first().textContent(), { timeout: 20_000 }).toBe(first);
    await ids.first().locator('button').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('profile'), { timeout: 20_000 }).toBe(first);
    await expect.poll(async () => (await page.textContent('#customer-profile')) ?? '', { timeout: 20_000 }).toContain(first);

    // Saved as a report, it keeps its conditions (not the top bar's filters, which it does not take);
    // its link reopens the builder with them and the same count.
    page.once('dialog', (d) => d.accept('Bought once from search'));
    await page.click('[data-testid=save-audience]');
    await expect.poll(() => page.textContent('[data-testid=save-audience]'), { timeout: 20_000 }).toContain('★');
    const reports = (await page.evaluate(async (u) => (await fetch(u)).json(), `/api/v1/shops/${shop}/reports`)) as {
      reports: Array<{ name: string; analysis: string; params: { conditions?: unknown } }>;
    };
    const saved = reports.reports.find((r) => r.name === 'Bought once from search');
    expect(saved?.analysis).toBe('audience');
    expect(saved?.params).toEqual({ conditions: [...template, { field: 'first_channel', operator: 'in', value: ['search'] }] });
    await page.goto(`${base}/shops/${shop}/customers?range=90d&audience=${encodeURIComponent(JSON.stringify(saved?.params.conditions))}`);
    await settle(page);
    expect(await page.inputValue('#audience select[aria-label="condition 3 field"]')).toBe('first_channel');
    await expect.poll(async () => number(await figure.textContent()), { timeout: 20_000 }).toBe(narrowed.customers);

    // Followed for two weeks after a range that ends a month before the data does: who came back.
    const monthBefore = new Date(Date.parse(`${to}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
    const conditions = encodeURIComponent(JSON.stringify(template));
    await page.goto(`${base}/shops/${shop}/customers?range=custom&from=${from}&to=${monthBefore}&audience=${conditions}&follow_days=14`);
    await settle(page);
    const then = (await page.evaluate(
      async ({ url, body }) => {
        const { csrfToken } = await (await fetch('/api/v1/session')).json();
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body });
        return res.json();
      },
      {
        url: `/api/v1/shops/${shop}/analyses/audience`,
        body: JSON.stringify({ from, to: monthBefore, conditions: template, follow_days: 14, limit: 50 }),
      },
    )) as { followed: { buyers: number; from: string; to: string } };
    expect(then.followed.buyers).toBeGreaterThan(0);
    const cameBack = page.locator('#audience [data-metric=audience_after_buyers] .kpi-value');
    await expect.poll(async () => number(await cameBack.textContent()), { timeout: 20_000 }).toBe(then.followed.buyers);
    expect(await page.textContent('[data-testid=audience-followed]')).toContain(`${then.followed.from} – ${then.followed.to}`);
    expect(await page.inputValue('#audience input[aria-label="follow days"]')).toBe('14');
    await page.locator('#audience').screenshot({ path: join(ARTIFACTS, 'audience-followed.png') });
    await page.locator('#audience [data-testid=audience-figures]').screenshot({ path: join(ARTIFACTS, 'audience-figures.png') });
  }, 120_000);
}
