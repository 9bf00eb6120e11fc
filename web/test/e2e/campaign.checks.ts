/**
 * Campaign review in Chromium: a demo sale day picked from the page's list of marked days becomes
 * the range; the windows, the extra payment amount, the payment amount's row of the figures and the
 * channels' chart are the API's for the same days; chosen usual days go to the URL and the API
 * alike; the Overview page's marks link to their review. Declared inside dashboard.test.ts, after
 * signing in.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { CampaignReviewResult } from '../../../server/src/api-types.js';
import { ARTIFACTS, base, chartData, page, settle } from './dashboard-session.js';

const fetchJson = async <T>(url: string): Promise<T> => (await page.evaluate(async (u) => (await fetch(u)).json(), url)) as T;
const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);
const span = (w: { from: string; to: string }) => (w.from === w.to ? w.from : `${w.from} – ${w.to}`);

export function campaignChecks(): void {
  it('reviews a marked sale day: the windows, the extra and the figures as the API gives them', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    const session = await fetchJson<{ shops: Array<{ slug: string; currency: string }> }>('/api/v1/session');
    const currency = session.shops.find((s) => s.slug === shop)?.currency ?? 'CNY';
    const money = (v: number | null) =>
      new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 2 }).format(v ?? 0);
    const pct = (v: number) =>
      new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
    const signedMoney = (v: number) => (v > 0 ? '+' : '') + money(v);
    // A change as every table shows one: ▲ or ▼ and the size (ChangeText).
    const change = (v: number) => `${v > 0 ? '▲ ' : v < 0 ? '▼ ' : ''}${pct(Math.abs(v))}`;

    await page.goto(`${base}/shops/${shop}/campaign`);
    await settle(page);
    // The demo marks its platform sale days; review the latest one over.
    const picker = page.locator('select[aria-label="Review marked days"]');
    const options = await picker
      .locator('option')
      .evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? '']));
    let marks = options.filter(([value]) => value !== '');
    expect(marks.length, 'the demo has marked sale days in its last year').toBeGreaterThan(0);
    // Setting one beside another needs a second: a demo's half year can hold a single platform sale
    // (06-18 to 11-11 is 146 days), so mark two ordinary days of its data as an earlier campaign.
    if (marks.length < 2) {
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const day = (back: number) => new Date(Date.parse(yesterday) - back * 86_400_000).toISOString().slice(0, 10);
      const made = await page.evaluate(
        async ([url, body]) => {
          const { csrfToken } = await (await fetch('/api/v1/session')).json();
          const res = await fetch(url as string, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
            body: body as string,
          });
          return res.status;
        },
        [
          `/api/v1/shops/${shop}/annotations`,
          JSON.stringify({ from: day(61), to: day(60), title: 'E2E earlier campaign', kind: 'promotion' }),
        ],
      );
      expect(made).toBe(201);
      await page.reload();
      await settle(page);
      marks = (
        await picker.locator('option').evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? '']))
      ).filter(([value]) => value !== '');
    }
    expect(marks.length).toBeGreaterThan(1);
    const [id, label] = marks.at(-1) as [string, string];
    await picker.selectOption(id);
    await page.waitForURL(/range=custom/);
    await page.waitForSelector('[data-testid=campaign-windows]');
    await settle(page);
    const url = new URL(page.url());
    const from = url.searchParams.get('from') as string;
    const to = url.searchParams.get('to') as string;
    expect(label).toContain(from === to ? from : `${from} – ${to}`);

    const api = await fetchJson<CampaignReviewResult>(`/api/v1/shops/${shop}/analyses/campaign-review?from=${from}&to=${to}`);
    expect(await page.textContent('[data-testid=campaign-windows]')).toBe(
      `Campaign ${span(api.campaign)} (${days(api.campaign.days)}) · usual ${span(api.usual)} (${days(api.usual.days)}) · after ${api.after ? `${span(api.after)} (${days(api.after.days)})` : 'no days after yet'}`,
    );
    expect(await page.textContent('#campaign-review [data-metric=extra_gmv] .kpi-value')).toBe(signedMoney(api.summary.extra_gmv));
    // The payment amount's row: campaign, per day, usual per day, uplift, as the API has them.
    const gmv = api.figures.find((f) => f.metric === 'gmv');
    if (!gmv) throw new Error('no gmv figure');
    const cells = await page.locator('#campaign-figures tbody tr').nth(4).locator('td').allTextContents();
    expect(cells[0]).toContain('Payment amount');
    expect(cells.slice(1, 4)).toEqual([money(gmv.campaign), money(gmv.campaign_per_day), money(gmv.usual_per_day)]);
    // The demo sells every day, so the usual days have a payment amount to set the campaign against.
    expect(gmv.uplift).not.toBeNull();
    expect(cells[4]).toBe(change(gmv.uplift ?? 0));
    // The channels' extra, charted largest first, as the API lists them.
    const { rows } = await chartData('campaign-channels');
    expect(rows.map((r) => r[1])).toEqual(api.channels.map((c) => money(c.extra_gmv)));
    // The days around it: the overview's own days from the usual's first to the days after's last,
    // the campaign's days (and the days after) named as shaded.
    const through = api.after?.to ?? api.campaign.to;
    const overview = await fetchJson<{ daily: Array<{ day: string; gmv: number }> }>(
      `/api/v1/shops/${shop}/analyses/overview?from=${api.usual.from}&to=${through}&compare=none`,
    );
    const trend = await chartData('campaign-trend');
    expect(trend.columns.at(-1)).toBe('Marked');
    expect(trend.rows.map((r) => r[0])).toEqual(overview.daily.map((d) => d.day));
    expect(trend.rows.map((r) => Number(r[1]?.replaceAll(',', '')))).toEqual(overview.daily.map((d) => d.gmv));
    // Its download is the overview's days for the same span.
    expect(await page.locator('#campaign-trend select.export').count()).toBe(1);
    expect(trend.rows.filter((r) => r.at(-1) === 'Campaign').map((r) => r[0])).toEqual(
      overview.daily.map((d) => d.day).filter((d) => d >= api.campaign.from && d <= api.campaign.to),
    );
    await page.locator('#campaign-review').screenshot({ path: join(ARTIFACTS, 'campaign-review.png') });
    await page.locator('#campaign-trend').screenshot({ path: join(ARTIFACTS, 'campaign-trend.png') });
    await page.locator('#campaign-channels').screenshot({ path: join(ARTIFACTS, 'campaign-channels.png') });

    // Usual days chosen (the last 14 before the campaign): the first usual day moves, in the URL and in the API's answer.
    const usualFrom = new Date(Date.parse(api.usual.to) - 13 * 86_400_000).toISOString().slice(0, 10);
    await page.fill('input[aria-label="Usual days First day"]', usualFrom);
    await page.waitForURL((u) => u.searchParams.get('usual_from') === usualFrom);
    const chosen = await fetchJson<CampaignReviewResult>(
      `/api/v1/shops/${shop}/analyses/campaign-review?from=${from}&to=${to}&usual_from=${usualFrom}`,
    );
    await page.waitForSelector(`[data-testid=campaign-windows]:has-text("usual ${span(chosen.usual)} (${days(chosen.usual.days)})")`);
    expect(await page.textContent('#campaign-review [data-metric=extra_gmv] .kpi-value')).toBe(signedMoney(chosen.summary.extra_gmv));

    // Set beside another marked campaign: the figures gain its column and the change against it.
    const other = marks.find(([value]) => value !== id);
    expect(other).toBeDefined();
    await page.selectOption('select[aria-label="Set beside"]', other?.[0] as string);
    await page.waitForURL((u) => u.searchParams.has('compare_from'));
    const picked = new URL(page.url()).searchParams;
    const beside = await fetchJson<CampaignReviewResult>(
      `/api/v1/shops/${shop}/analyses/campaign-review?from=${from}&to=${to}&usual_from=${usualFrom}&compare_from=${picked.get('compare_from')}&compare_to=${picked.get('compare_to')}`,
    );
    expect(beside.compared).toMatchObject({ from: picked.get('compare_from'), to: picked.get('compare_to') });
    await page.waitForSelector('#campaign-figures th:has-text("Compared (per day)")');
    const row = await page.locator('#campaign-figures tbody tr').nth(4).locator('td').allTextContents();
    const g = beside.figures.find((f) => f.metric === 'gmv');
    expect(row.at(-2)).toBe(money(g?.compared_per_day ?? null));
    expect(g?.vs_compared).not.toBeNull();
    expect(row.at(-1)).toBe(change(g?.vs_compared ?? 0));
    await page.locator('#campaign-figures').screenshot({ path: join(ARTIFACTS, 'campaign-figures.png') });

    // The Overview page's marks link to their review.
    await page.goto(`${base}/shops/${shop}/overview?range=custom&from=${from}&to=${to}`);
    await page.waitForSelector('#marked-days tbody tr');
    const href = await page.locator('#marked-days tbody tr a:has-text("Review")').first().getAttribute('href');
    expect(href).toBe(`/shops/${shop}/campaign?range=custom&from=${from}&to=${to}`);
  });
}
