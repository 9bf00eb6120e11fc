/**
 * A viewer in Chromium, signed in beside the admin in a browser context of their own: added as a
 * member by the admin (the answer carries the new user's password), they see the dashboards their
 * role may (the home page's diagnosis, the Overview, All shops) and nothing the server would refuse —
 * no other page in the navigation, no downloads, no saving, no form to mark days, no finding's link
 * into a page they cannot open — and not one refused request or console error on the way. Declared
 * inside dashboard.test.ts, after signing in.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ARTIFACTS, base, dataReady, page, separatePage, settle } from './dashboard-session.js';

export function viewerChecks(): void {
  it('shows a viewer the dashboards their role may see, and offers nothing it would refuse', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    const added = (await page.evaluate(async (url) => {
      const { csrfToken } = await (await fetch('/api/v1/session')).json();
      const res = await fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        body: JSON.stringify({ email: 'viewer@e2e.test', role: 'viewer' }),
      });
      return res.json();
    }, `/api/v1/shops/${shop}/members`)) as { role: string; initialPassword?: string };
    expect(added.role).toBe('viewer');

    const viewer: Page = await separatePage();
    await viewer.goto(base);
    await viewer.fill('input[name=email]', 'viewer@e2e.test');
    await viewer.fill('input[name=password]', added.initialPassword ?? '');
    // From here on nothing may fail: before signing in, the session probe's 401 is expected.
    const seen: string[] = [];
    viewer.on('console', (m) => {
      if (m.type() === 'error') seen.push(`${viewer.url()}: ${m.text()}`);
    });
    viewer.on('pageerror', (e) => seen.push(`${viewer.url()}: ${String(e)}`));
    viewer.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/api/v1/session')) seen.push(`${r.status()} ${r.url()}`);
    });
    await viewer.click('button[type=submit]');
    await viewer.waitForSelector('[data-testid=summary]', { timeout: 30_000 });
    await viewer.goto(`${base}/shops/${shop}/`);
    await dataReady(viewer);

    const session = (await viewer.evaluate(async () => (await fetch('/api/v1/session')).json())) as {
      shops: Array<{ slug: string; role: string; permissions: string[] }>;
    };
    expect(session.shops.find((s) => s.slug === shop)).toMatchObject({ role: 'viewer', permissions: ['shop.view'] });
    const nav = await viewer.locator('nav.sidebar a').allTextContents();
    expect(nav).toEqual([...(session.shops.length > 1 ? ['All shops'] : []), 'Diagnosis', 'Overview']);
    // The diagnosis, its trend and this month's targets; its findings name pages without linking them.
    expect(await viewer.textContent('[data-testid=summary]')).toMatch(/\S/);
    expect(await viewer.locator('[data-testid=save-view]').count()).toBe(0);
    expect(await viewer.locator('select[aria-label="Download…"], select.export').count()).toBe(0);
    const findingLinks = await viewer.locator('a[href*="/funnels?"], a[href*="/traffic?"], a[href*="/products?"]').count();
    expect(findingLinks).toBe(0);
    await settle(viewer);
    await viewer.screenshot({ path: join(ARTIFACTS, 'viewer-home.png') });

    await viewer.goto(`${base}/shops/${shop}/overview?range=30d`);
    await dataReady(viewer);
    expect(await viewer.locator('#overview-figures [data-metric=gmv] .kpi-value').textContent()).toMatch(/\d/);
    // The marks are listed, without a form or a review link (both need analyses.read).
    expect(await viewer.locator('form[aria-label="Mark days"]').count()).toBe(0);
    expect(await viewer.locator('#marked-days a:has-text("Review")').count()).toBe(0);
    // The order values are an analysis: not asked for, not shown.
    expect(await viewer.locator('#order-values').count()).toBe(0);
    if (session.shops.length > 1) {
      await viewer.goto(`${base}/shops/${shop}/shops`);
      await dataReady(viewer);
      expect(await viewer.locator('.state-error').count()).toBe(0);
    }
    expect(seen).toEqual([]);
    await viewer.context().close();
  });
}
