import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { MarkedDiagnosis } from '../../../server/src/api-types.js';
import { ARTIFACTS, base, page, settle } from './dashboard-session.js';

/**
 * The home page's "where payment amount moved": the diagnosis's split by channel and by category,
 * each row's change the API's, the channels adding up to the whole change, and a category opening the
 * Products page for it on the diagnosed days against the days the diagnosis compares with.
 */
type Diagnosis = Pick<MarkedDiagnosis, 'from' | 'to' | 'compared' | 'decomposition' | 'byChannel' | 'byCategory'>;
const number = (text: string | null) => Number((text ?? '').replace(/[^\d.-]/g, ''));
const cents = (x: number) => Math.round(x * 100);

export function homePageChecks(): void {
  it('shows where payment amount moved, by channel and by category, as the diagnosis splits it; a category opens its products', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    const answer = page.waitForResponse((r) => r.url().includes('/diagnostics?') && !r.url().includes('format='));
    await page.goto(`${base}/shops/${shop}?range=7d`);
    const d = (await (await answer).json()) as Diagnosis;
    await settle(page);
    const rows = page.locator('#where-it-moved tbody tr');
    // By channel first: the API's channels in its order (biggest moves first), each change the API's.
    await expect.poll(() => rows.count()).toBe(d.byChannel.length);
    expect(d.byChannel.length).toBeGreaterThan(2);
    expect((await rows.locator('td:nth-child(4)').allTextContents()).map(number)).toEqual(d.byChannel.map((s) => s.change));
    // Each row's parts add up to its change, and the rows to the whole change.
    for (const s of [...d.byChannel, ...d.byCategory])
      expect(cents(s.traffic_effect + s.mix_effect + s.conversion_effect + s.aov_effect + s.unexplained), s.segment).toBe(cents(s.change));
    expect(cents(d.byChannel.reduce((a, s) => a + s.change, 0))).toBe(cents(d.decomposition.change));
    // A day's diagnosis is compared with one day (the same weekday last week), named once.
    expect(await page.textContent('#where-it-moved p.muted')).toContain(`Against ${d.compared.from}: `);

    await page.selectOption('#where-it-moved select[aria-label="Split by"]', 'category');
    await page.waitForURL((url) => url.searchParams.get('moved_by') === 'category');
    await expect
      .poll(() => rows.locator('td:first-child').allTextContents())
      .toEqual(d.byCategory.map((s) => s.segment || '(no category)'));
    // Categories are read from order lines: the panel says they add up to the lines' change, not the whole.
    expect(await page.textContent('#where-it-moved p.muted')).toContain('the categories add up to the lines’ change');
    expect((await rows.locator('td:nth-child(4)').allTextContents()).map(number)).toEqual(d.byCategory.map((s) => s.change));
    await page.locator('#where-it-moved').screenshot({ path: join(ARTIFACTS, 'where-it-moved.png') });
    // A category opens the Products page for it, on the diagnosed days against the compared ones.
    const first = d.byCategory[0]?.segment as string;
    await rows.first().locator('a').click();
    await page.waitForURL(
      (url) =>
        url.pathname.endsWith('/products') &&
        url.searchParams.getAll('category').join() === first &&
        url.searchParams.get('from') === d.from &&
        url.searchParams.get('to') === d.to &&
        url.searchParams.get('compare') === 'days' &&
        url.searchParams.get('compare_from') === d.compared.from,
    );
    await settle(page);
    await expect.poll(() => page.locator('#categories tbody tr td:first-child').allTextContents(), { timeout: 20_000 }).toEqual([first]);
  }, 60_000);
}
