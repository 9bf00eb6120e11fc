/**
 * Marked days in Chromium: marking days on the Overview page shades them on its chart (the chart's
 * table names the mark on exactly its days, against the days the API gives), the list says who
 * marked them, a change shows at once, and the home page's diagnosis reads with the marks of its
 * day and of the days its usual came from. Declared inside dashboard.test.ts, after signing in;
 * the marks are removed at the end, so later checks see the demo as it was.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ARTIFACTS, base, chartData, errors, page, settle } from './dashboard-session.js';

interface Mark {
  id: number;
  from: string;
  to: string;
  title: string;
  created_by: { name: string } | null;
}
const fetchJson = async <T>(url: string): Promise<T> => (await page.evaluate(async (u) => (await fetch(u)).json(), url)) as T;
const FORM = 'form[aria-label="Mark days"]';
const KINDS: Record<string, string> = { promotion: 'Promotion', live_stream: 'Live stream' };

/** The diagnosis's marks of a day (its own, or its usual's), as the API gives them. */
const diagnosisMarks = async (shop: string | undefined, date: string, which: 'period' | 'usual') =>
  (await fetchJson<{ marked_days: Record<string, Array<Mark & { kind: string }>> }>(`/api/v1/shops/${shop}/diagnostics?date=${date}`))
    .marked_days[which] ?? [];
/** Marks as the home page writes them: title (kind, days), separated by semicolons. */
const asWritten = (marks: Array<Mark & { kind: string }>) =>
  marks.map((m) => `${m.title} (${KINDS[m.kind] ?? m.kind}, ${m.from === m.to ? m.from : `${m.from} – ${m.to}`})`).join('; ');

async function markDays(from: string, to: string, kind: string, title: string, note = ''): Promise<void> {
  await page.fill(`${FORM} label:has-text("First day") input`, from);
  await page.fill(`${FORM} label:has-text("Last day") input`, to);
  await page.selectOption(`${FORM} select[aria-label="Kind"]`, kind);
  await page.fill(`${FORM} input[aria-label="What happened"]`, title);
  await page.fill(`${FORM} input[aria-label="Note"]`, note);
  await page.click(`${FORM} button[type=submit]`);
  await page.waitForSelector(`#marked-days td:has-text("${title}")`);
}

export function markedDaysChecks(): void {
  it('marks days on the Overview page: shaded on its chart, listed, read with the diagnosis', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/overview?range=30d`);
    await settle(page);
    // The chart's days, as its table lists them.
    const figure = page.locator('figure:has([data-chart="overview-daily"])');
    await figure.locator('summary', { hasText: 'Chart data' }).click();
    const table = figure.locator('[data-chart-table="overview-daily"]');
    await table.waitFor();
    const days = await table.locator('tbody tr td:first-child').allTextContents();
    expect(days).toHaveLength(30);
    // The demo marks its platform sale days; whatever of them falls in these 30 days is listed already.
    const demoMarks = (await fetchJson<{ annotations: Mark[] }>(`/api/v1/shops/${shop}/annotations?from=${days[0]}&to=${days[29]}`))
      .annotations;
    expect(await page.locator('#marked-days tbody tr').count()).toBe(demoMarks.length);
    const day = (i: number) => days[i] as string;
    const [liveFrom, liveTo, diagnosed, usual] = [day(10), day(12), day(20), day(13)];
    await markDays(liveFrom, liveTo, 'live_stream', 'Live with Li', '20:00 to 23:00');
    // A week before the diagnosed day: the same weekday, so one of the days its usual is taken from.
    await markDays(usual, usual, 'promotion', 'Coupon rain');

    // The chart's table names each mark on exactly its days.
    await page.waitForSelector('[data-chart-table="overview-daily"] th:has-text("Marked")');
    const marked = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [tr.firstElementChild?.textContent, tr.lastElementChild?.textContent]));
    const all = (await fetchJson<{ annotations: Mark[] }>(`/api/v1/shops/${shop}/annotations?from=${days[0]}&to=${days[29]}`)).annotations;
    const want = days.map((day) => [
      day,
      all
        .filter((m) => m.from <= day && day <= m.to)
        .map((m) => m.title)
        .join('; ') || '—',
    ]);
    expect(marked).toEqual(want);
    expect(want.filter(([, m]) => m?.includes('Live with Li')).map(([d]) => d)).toEqual([liveFrom, day(11), liveTo]);
    expect(want.filter(([, m]) => m?.includes('Coupon rain')).map(([d]) => d)).toEqual([usual]);
    // The list says who marked them: the signed-in user, as the API has it.
    const api = all.filter((m) => !demoMarks.some((d) => d.id === m.id));
    expect(api.map((m) => [m.title, m.from, m.to])).toEqual([
      ['Live with Li', liveFrom, liveTo],
      ['Coupon rain', usual, usual],
    ]);
    const by = (await fetchJson<{ user: { displayName: string } }>('/api/v1/session')).user.displayName;
    expect(api.map((m) => m.created_by?.name)).toEqual([by, by]);
    expect(await page.locator('#marked-days tbody tr').first().textContent()).toContain(by);
    await settle(page);
    await page.locator('#marked-days').screenshot({ path: join(ARTIFACTS, 'marked-days.png') });

    // A change shows at once, and a bad one says why and changes nothing.
    await page.locator('#marked-days tr:has-text("Live with Li") button:has-text("Edit")').click();
    await page.fill(`${FORM} input[aria-label="What happened"]`, 'Live with Li (encore)');
    await page.click(`${FORM} button:has-text("Save changes")`);
    await page.waitForSelector('#marked-days td:has-text("Live with Li (encore)")');
    await page.fill(`${FORM} label:has-text("First day") input`, liveTo);
    await page.fill(`${FORM} label:has-text("Last day") input`, liveFrom);
    await page.fill(`${FORM} input[aria-label="What happened"]`, 'Backwards');
    await page.click(`${FORM} button[type=submit]`);
    await page.waitForSelector(`${FORM} [role=alert]:has-text("must not be after to")`);
    // The browser logs the 400 it was given, once (a 4xx is not retried): expected here, so taken off the page's errors.
    const logged = errors.filter((e) => e.includes('status of 400') && e.includes('/overview'));
    expect(logged).toHaveLength(1);
    errors.splice(errors.indexOf(logged[0] as string), 1);
    expect(await page.locator('#marked-days tbody tr').count()).toBe(demoMarks.length + 2);

    // The other charts by day shade them too: the traffic and funnel trends' tables name the mark on its days.
    for (const [path, chart] of [
      ['traffic', 'traffic-trend'],
      ['funnels', 'funnel-trend'],
    ] as const) {
      await page.goto(`${base}/shops/${shop}/${path}?range=30d`);
      await settle(page);
      const { columns, rows } = await chartData(chart);
      expect(columns.at(-1), chart).toBe('Marked');
      const live = rows.filter((r) => r.at(-1)?.includes('Live with Li (encore)')).map((r) => r[0]);
      expect(live, chart).toEqual([liveFrom, day(11), liveTo]);
    }

    // The home page's diagnosis of a marked day, whose usual includes a marked day.
    await page.goto(`${base}/shops/${shop}/?range=custom&from=${liveFrom}&to=${liveTo}`);
    await page.waitForSelector('[data-testid=marked-period]');
    expect(await page.textContent('[data-testid=marked-period]')).toBe(
      `Marked on these days: ${asWritten(await diagnosisMarks(shop, liveTo, 'period'))}`,
    );
    expect(await page.textContent('[data-testid=marked-period]')).toContain(`Live with Li (encore) (Live stream, ${liveFrom} – ${liveTo})`);
    // Each a click from its campaign review.
    expect(await page.locator('[data-testid=marked-review] a:has-text("Live with Li (encore)")').getAttribute('href')).toBe(
      `/shops/${shop}/campaign?range=custom&from=${liveFrom}&to=${liveTo}`,
    );
    await page.goto(`${base}/shops/${shop}/?range=custom&from=${diagnosed}&to=${diagnosed}`);
    await page.waitForSelector('[data-testid=marked-usual]');
    expect(await page.textContent('[data-testid=marked-usual]')).toBe(
      `The usual was taken from days marked: ${asWritten(await diagnosisMarks(shop, diagnosed, 'usual'))}. These days raise or lower what is expected.`,
    );
    expect(await page.textContent('[data-testid=marked-usual]')).toContain(`Coupon rain (Promotion, ${usual})`);
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'home-marked-days.png'), fullPage: true });

    // Removed again, from the list.
    await page.goto(`${base}/shops/${shop}/overview?range=30d`);
    for (const title of ['Live with Li (encore)', 'Coupon rain']) {
      await page.locator(`#marked-days tr:has-text("${title}") button:has-text("Remove")`).click();
      await page.waitForSelector(`#marked-days td:has-text("${title}")`, { state: 'detached' });
    }
    expect((await fetchJson<{ annotations: Mark[] }>(`/api/v1/shops/${shop}/annotations`)).annotations.map((m) => m.title)).not.toContain(
      'Coupon rain',
    );
    expect(await page.locator('#marked-days tbody tr').count()).toBe(demoMarks.length);
  }, 90_000);
}
