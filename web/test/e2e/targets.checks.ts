/**
 * Monthly targets in Chromium: set in Settings for the diagnosed day's month, shown on the home
 * page as the API gives their progress (month to date of target, share, day, pace, projection, the
 * daily need), then cleared. Declared inside dashboard.test.ts, after signing in.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { TargetProgress } from '../../../server/src/api-types.js';
import { ARTIFACTS, base, page, settle } from './dashboard-session.js';

const fetchJson = async <T>(url: string): Promise<T> => (await page.evaluate(async (u) => (await fetch(u)).json(), url)) as T;
const FORM = 'form[aria-label="Monthly targets"]';

export function targetsChecks(): void {
  it('sets this month’s targets in Settings; the home page shows their progress as the API gives it', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    const session = await fetchJson<{ shops: Array<{ slug: string; currency: string }> }>('/api/v1/session');
    const currency = session.shops.find((s) => s.slug === shop)?.currency ?? 'CNY';
    // The home page diagnoses yesterday: its month is the one to set.
    const month = (await fetchJson<{ to: string }>(`/api/v1/shops/${shop}/diagnostics`)).to.slice(0, 7);
    await page.goto(`${base}/shops/${shop}/settings`);
    await page.fill(`${FORM} input[type=month]`, month);
    await page.fill(`${FORM} label:has-text("Payment amount target") input`, '2000000');
    await page.fill(`${FORM} label:has-text("Paid orders target") input`, '5000');
    await page.click(`${FORM} button[type=submit]`);
    await page.waitForSelector(`${FORM} .muted:has-text("✓")`);

    await page.goto(`${base}/shops/${shop}/`);
    await page.waitForSelector('[data-testid=target-gmv]');
    await settle(page);
    const api = await fetchJson<TargetProgress>(`/api/v1/shops/${shop}/targets?month=${month}`);
    expect(api.targets.map((t) => [t.metric, t.target])).toEqual([
      ['gmv', 2_000_000],
      ['paid_orders', 5000],
    ]);
    const money = (v: number | null) =>
      new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 2 }).format(v ?? 0);
    const count = (v: number | null, digits = 0) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(v ?? 0);
    const pct = (v: number | null) =>
      new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v ?? 0);
    const [gmv, orders] = api.targets as [TargetProgress['targets'][number], TargetProgress['targets'][number]];
    expect(await page.textContent('[data-testid=target-gmv]')).toBe(`${money(gmv.actual)} of ${money(2_000_000)}`);
    expect(await page.textContent('[data-testid=target-paid_orders]')).toBe(`${count(orders.actual)} of ${count(5000)}`);
    const left = api.days_in_month - api.days_elapsed;
    expect(api.days_elapsed).toBeGreaterThan(0);
    const detail = await page.textContent('[data-testid=target-gmv-detail]');
    expect(detail).toContain(`${pct(gmv.share)} reached`);
    expect(detail).toContain(
      `pace ${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(gmv.pace ?? 0)}`,
    );
    if (left > 0) {
      expect(detail).toContain(`day ${api.days_elapsed} of ${api.days_in_month}`);
      expect(detail).toContain(`projected ${money(gmv.projected)}`);
      // The demo sells far below 2,000,000 a month: each remaining day has something to bring.
      expect(detail).toContain(`${money(gmv.needed_per_day)} a day needed for the remaining ${left} days`);
    } else expect(detail).toContain('month over');
    await page.locator('#targets').screenshot({ path: join(ARTIFACTS, 'targets.png') });
    // The diagnosis of the same day judges the month's pace too (from its 5th day on), as the API does.
    const finding = (
      await fetchJson<{ findings: Array<{ kind: string; text: { en: string } }> }>(`/api/v1/shops/${shop}/diagnostics`)
    ).findings.find((f) => f.kind === 'target');
    if (api.days_elapsed >= 5) {
      expect(finding?.text.en).toMatch(new RegExp(`^Payment amount is (behind|ahead of) ${month}'s target`));
      await page.waitForSelector(`ol.findings li:has-text("${finding?.text.en.slice(0, 40)}")`);
    } else expect(finding).toBeUndefined();

    // All shops: the shop's row carries the same payment target's share and pace, by the same day.
    await page.goto(`${base}/shops/${shop}/shops`);
    const cell = page.locator(`tr:has(a[href^="/shops/${shop}"]) [data-testid=shop-target]`);
    await cell.waitFor();
    const pace2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(gmv.pace ?? 0);
    expect(await cell.textContent()).toBe(`${pct(gmv.share)}pace ${pace2}`);
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'shops-targets.png'), fullPage: true });

    // Cleared again in Settings: the home page says none are set.
    await page.goto(`${base}/shops/${shop}/settings`);
    await page.fill(`${FORM} input[type=month]`, month);
    // The month's targets are read back into the boxes.
    await expect.poll(() => page.inputValue(`${FORM} label:has-text("Payment amount target") input`)).toBe('2000000');
    expect(await page.inputValue(`${FORM} label:has-text("Paid orders target") input`)).toBe('5000');
    await page.fill(`${FORM} label:has-text("Payment amount target") input`, '');
    await page.fill(`${FORM} label:has-text("Paid orders target") input`, '');
    await page.click(`${FORM} button[type=submit]`);
    await page.waitForSelector(`${FORM} .muted:has-text("✓")`);
    expect((await fetchJson<TargetProgress>(`/api/v1/shops/${shop}/targets?month=${month}`)).targets).toEqual([]);
    await page.goto(`${base}/shops/${shop}/`);
    await page.waitForSelector(`#targets p:has-text("No targets set for ${month}")`);
  }, 90_000);
}
