/**
 * The dashboard tests of taking results out: a segment's customer list downloaded whole, a panel
 * as CSV and a funnel as XLSX, a view saved as a report and scheduled. Declared inside
 * dashboard.test.ts, in its one browser session, after signing in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ARTIFACTS, base, errors, page, settle } from './dashboard-session.js';

/** Download and saved-report tests, in order. */
export function reportChecks(): void {
  it('lists the customers of a picked segment and downloads all of them', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/customers?range=90d`);
    await settle(page);
    const row = page.locator('tr', { hasText: 'Hibernating' }).first();
    const count = Number(((await row.locator('td').nth(1).textContent()) ?? '').replace(/,/g, ''));
    expect(count).toBeGreaterThan(50); // more than a page, so the download is more than the page
    await row.click();
    await page.waitForURL(/segment=hibernating/);
    const panel = page.locator('#segment-customers');
    await panel.locator('h2', { hasText: `Hibernating (${count.toLocaleString('en-US')})` }).waitFor();
    expect(await panel.locator('tbody tr').count()).toBe(50);
    // Each customer's orders with a coupon, as the API lists them (whom a coupon would bring back).
    const headers = (await panel.locator('th').allTextContents()).map((h) => h.trim());
    const couponColumn = headers.findIndex((h) => h.startsWith('Orders with a coupon'));
    expect(couponColumn).toBeGreaterThan(0);
    const [from, to] = ((await page.textContent('.range-label')) ?? '').split('–').map((d) => d.trim());
    const listed = (await page.evaluate(
      async (url) => (await fetch(url)).json(),
      `/api/v1/shops/${shop}/analyses/customer-list?segment=hibernating&from=${from}&to=${to}&limit=50`,
    )) as { customers: Array<{ customer_id: string; discounted_orders: number }> };
    const shownCoupons = await panel.locator(`tbody tr td:nth-child(${couponColumn + 1})`).allTextContents();
    expect(shownCoupons.map(Number)).toEqual(listed.customers.map((c) => c.discounted_orders));
    expect(listed.customers.some((c) => c.discounted_orders > 0)).toBe(true);
    await panel.locator('button', { hasText: 'Next' }).click();
    await page.waitForURL(/page=1/);
    await panel.locator('text=51–').waitFor();
    const [csv] = await Promise.all([page.waitForEvent('download'), panel.locator('select[aria-label="Download…"]').selectOption('csv')]);
    const lines = readFileSync(await csv.path(), 'utf8')
      .trim()
      .split('\n');
    expect(lines[0]).toContain('customer_id');
    expect(lines).toHaveLength(1 + count);
    await page.screenshot({ path: join(ARTIFACTS, 'customers-segment.png'), fullPage: true });
  }, 60_000);

  it('opens one customer from the list: their segment as the list scores them, every order, and their activity', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    const list = page.locator('#segment-customers tbody tr').first();
    const id = (await list.locator('button').textContent())?.trim() ?? '';
    const scores = (await list.locator('td').nth(1).textContent())?.trim();
    await list.locator('button').click();
    await page.waitForURL(new RegExp(`profile=${id}`));
    const panel = page.locator('#customer-profile');
    await panel.locator('[data-testid=profile-segment] strong').waitFor();
    const to = new URL(page.url()).searchParams.get('to') ?? undefined;
    const api = (await page.evaluate(
      async (url) => (await fetch(url)).json(),
      `/api/v1/shops/${shop}/analyses/customers/${encodeURIComponent(id)}${to ? `?to=${to}` : ''}`,
    )) as {
      rfm: { r: number; f: number; m: number };
      orders: Array<{ discount_amount: number }>;
      activity: { latest: unknown[] };
    };
    // The list's scores, the list's segment (it was the hibernating list), the API's orders and events.
    expect(`${api.rfm.r} · ${api.rfm.f} · ${api.rfm.m}`).toBe(scores);
    expect(await panel.locator('[data-testid=profile-segment] strong').textContent()).toBe('Hibernating');
    const tables = panel.locator('table');
    expect(await tables.nth(0).locator('tbody tr').count()).toBe(api.orders.length);
    expect(await tables.nth(1).locator('tbody tr').count()).toBe(api.activity.latest.length);
    expect(api.orders.length).toBeGreaterThan(0);
    // A coupon's saving shows under the amount paid on exactly the orders the API says had one.
    expect(await tables.nth(0).locator('tbody tr', { hasText: 'discount' }).count()).toBe(
      api.orders.filter((o) => o.discount_amount > 0).length,
    );
    // Every order's columns fit the panel (a refund's reason sits under its amount, not in a column of its own).
    expect(
      await panel
        .locator('.table-wrap')
        .first()
        .evaluate((el) => el.scrollWidth <= el.clientWidth + 1),
    ).toBe(true);
    await panel.screenshot({ path: join(ARTIFACTS, 'customer-profile.png') });
    // Looked up by hand: an id nothing carries says so.
    await panel.locator('input[aria-label="Customer id"]').fill('no-such-customer');
    await panel.locator('button[type=submit]').click();
    await panel.locator('[role=alert]', { hasText: 'No customer "no-such-customer"' }).waitFor();
    // The browser logs the 404 it was given, once (a 4xx is not retried): expected here, so taken off the page's errors.
    const logged = errors.filter((e) => e.includes('profile=no-such-customer'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('404');
    errors.splice(errors.indexOf(logged[0] as string), 1);
  }, 60_000);

  it('downloads a panel as CSV and a funnel as XLSX', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/traffic?range=30d`);
    await settle(page);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.selectOption('select[aria-label="Download…"]', 'csv')]);
    expect(csv.suggestedFilename()).toMatch(/traffic-rows-.*\.csv$/);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.split('\n')[0]).toContain('visitors (count)');
    await page.goto(`${base}/shops/${shop}/funnels?range=30d`);
    await settle(page);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.selectOption('select[aria-label="Download…"]', 'xlsx')]);
    expect(xlsx.suggestedFilename()).toMatch(/funnel-steps-.*\.xlsx$/);
  }, 60_000);

  it('saves a view as a report, reopens it from Settings and schedules it', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/traffic?range=30d&by=source`);
    await settle(page);
    page.once('dialog', (d) => void d.accept('Sources, last 30 days'));
    await page.click('[data-testid=save-view]');
    await page.goto(`${base}/shops/${shop}/settings`);
    await settle(page);
    await page.click('a:has-text("Sources, last 30 days")');
    await page.waitForURL(/\/traffic\?.*by=source/);
    await page.goto(`${base}/shops/${shop}/settings`);
    await settle(page);
    const option = await page
      .locator('select[aria-label="Saved reports"] option', { hasText: 'Sources, last 30 days' })
      .getAttribute('value');
    await page.selectOption('select[aria-label="Saved reports"]', option ?? '');
    // Only a diagnosis can be an alert: no "Send" choice for a traffic report.
    expect(await page.locator('select[aria-label="Send"]').count()).toBe(0);
    // The test server has no mail server: e-mail is shown, disabled, saying what the operator sets.
    const email = page.locator('select[aria-label="destination"] option[value="email"]');
    expect(await email.isDisabled()).toBe(true);
    expect(await email.textContent()).toBe('By e-mail (not set up)');
    expect(await email.getAttribute('title')).toContain('STORELENS_SMTP_URL');
    await page.screenshot({ path: join(ARTIFACTS, 'settings-schedule.png') });
    await page.click('button:has-text("Schedule")');
    await page.waitForSelector('td:has-text("xlsx → folder: reports")');

    // The diagnosis saved and scheduled as an alert: sent only when a figure is abnormal.
    await page.goto(`${base}/shops/${shop}/`);
    await settle(page);
    page.once('dialog', (d) => void d.accept('Morning check'));
    await page.click('[data-testid=save-view]');
    await page.goto(`${base}/shops/${shop}/settings`);
    await settle(page);
    const check = await page.locator('select[aria-label="Saved reports"] option', { hasText: 'Morning check' }).getAttribute('value');
    await page.selectOption('select[aria-label="Saved reports"]', check ?? '');
    await page.selectOption('select[aria-label="Send"]', 'abnormal');
    await page.click('button:has-text("Schedule")');
    await page.waitForSelector('td:has-text("Only when a figure is abnormal")');
  }, 60_000);

  it('downloads and saves the second order split by the first channel; the saved report reopens on that split', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    const answer = page.waitForResponse((r) => r.url().includes('/analyses/repurchase?'));
    await page.goto(`${base}/shops/${shop}/repurchase?range=90d`);
    const repurchase = (await (await answer).json()) as { secondOrder: { channel: Array<{ value: string }> } };
    await settle(page);
    expect(repurchase.secondOrder.channel.length).toBeGreaterThan(1);
    await page.selectOption('#second-order select[aria-label="first"]', 'channel');
    await page.waitForURL(/first=channel/);
    await settle(page);
    // The download holds the split shown: a row per first channel, as the API lists them.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.selectOption('#second-order select[aria-label="Download…"]', 'csv'),
    ]);
    expect(csv.suggestedFilename()).toMatch(/repurchase-second_order_channel-.*\.csv$/);
    const lines = readFileSync(await csv.path(), 'utf8')
      .trim()
      .split('\n');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(repurchase.secondOrder.channel.map((r) => r.value));
    page.once('dialog', (d) => void d.accept('Second order by first channel'));
    await page.click('[data-testid=save-second-order]');
    await page.waitForSelector('[data-testid=save-second-order]:has-text("Saved")');
    await page.goto(`${base}/shops/${shop}/settings`);
    await settle(page);
    await page.click('a:has-text("Second order by first channel")');
    await page.waitForURL((url) => url.pathname.endsWith('/repurchase') && url.searchParams.get('first') === 'channel');
    await settle(page);
    expect(await page.locator('#second-order select[aria-label="first"]').inputValue()).toBe('channel');
  }, 60_000);
}
