/**
 * The dashboard on a phone (a merchant's morning look): at 390 × 844 every main page fits the
 * screen's width — nothing but a wide table or chart scrolls sideways, inside its own panel — and
 * the pages stay one tap apart. Declared inside dashboard.test.ts, after signing in.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ARTIFACTS, base, page, settle } from './dashboard-session.js';

const PHONE = { width: 390, height: 844 };

export function phoneChecks(): void {
  it('fits a phone’s screen: no page scrolls sideways, every page one tap away', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.setViewportSize(PHONE);
    try {
      for (const name of ['', 'overview', 'campaign', 'traffic', 'products', 'customers']) {
        await page.goto(`${base}/shops/${shop}/${name}?range=30d`);
        await settle(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        await page.screenshot({ path: join(ARTIFACTS, `phone-${name || 'home'}.png`), fullPage: true });
        expect(overflow, name || 'home').toBeLessThanOrEqual(0);
      }
      // The pages' links are on screen (the navigation scrolls on its own line, not off the page).
      await page.locator('nav[aria-label=pages] a', { hasText: 'Products' }).click();
      await page.waitForURL((url) => url.pathname.endsWith('/products'));
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }, 90_000);
}
