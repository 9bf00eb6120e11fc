/**
 * The dashboard tests of what the charts say: every chart is named by its panel for screen readers
 * and folds its numbers under it ("Chart data"), and those numbers are the API's — the home page's
 * payment amount by day, the funnel's conversion by step, the retention matrix, the traffic and RFM
 * rings, the repurchase rates by cohort. A canvas cannot be
 * read back; the table is made from the same option that draws it. Declared inside
 * dashboard.test.ts, in its one browser session, after signing in.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ARTIFACTS, base, chartData, page, settle } from './dashboard-session.js';

/** How the table writes a value: whole numbers plainly, others to at most two decimals (en-US). */
const plain = (v: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(v);
const percent = (v: number | null) =>
  v === null ? '—' : new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);

const fetchJson = async <T>(url: string): Promise<T> => (await page.evaluate(async (u) => (await fetch(u)).json(), url)) as T;

export function chartChecks(): void {
  it("names every chart by its panel's title and folds its numbers under it", async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    for (const name of ['', 'overview', 'funnels', 'retention', 'repurchase', 'customers', 'paths']) {
      await page.goto(`${base}/shops/${shop}/${name}?range=30d`);
      await settle(page);
      const charts = await page.evaluate(() =>
        [...document.querySelectorAll('[data-chart]')].map((el) => ({
          chart: el.getAttribute('data-chart') ?? '',
          name: el.getAttribute('aria-label'),
          panel: el.closest('section')?.querySelector('h2')?.textContent ?? null,
          data: el.closest('figure')?.querySelector('details.chart-data > summary')?.textContent ?? null,
        })),
      );
      expect(charts.length, name).toBeGreaterThan(0);
      for (const c of charts) {
        expect(c.name, c.chart).toBe(c.panel);
        // A card's sparkline is read from its figure beside it; every other chart has its table.
        expect(c.data, c.chart).toBe(c.chart.startsWith('spark-') ? null : 'Chart data');
      }
    }
  }, 120_000);

  it('the Overview page: every figure as the API gives it, with its change; a picked figure is charted day by day', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    // From the diagnosis: every figure of the diagnosed day, against the day before.
    await page.goto(`${base}/shops/${shop}/?range=30d&channel=search`);
    await settle(page);
    const diagnosed = ((await page.textContent('.panel h2')) ?? '').split('·')[1]?.trim() ?? '';
    await page.click('[data-testid=all-figures]');
    await page.waitForURL(
      (url) =>
        url.pathname.endsWith('/overview') &&
        url.searchParams.get('from') === diagnosed &&
        url.searchParams.get('to') === diagnosed &&
        url.searchParams.get('channel') === 'search' &&
        url.searchParams.get('compare') === '1',
    );
    await page.waitForSelector(`#overview-figures h2:has-text("${diagnosed} – ${diagnosed}")`);
    await page.goto(`${base}/shops/${shop}/overview?range=30d&compare=1`);
    await settle(page);
    const [from, to] = ((await page.textContent('.range-label')) ?? '').split('–').map((d) => d.trim());
    type Overview = {
      totals: Record<string, number | null>;
      daily: Array<Record<string, number | string | null>>;
      comparison: { from: string; to: string; totals: Record<string, number | null> };
      definitions: Record<string, { unit: string }>;
    };
    const api = await fetchJson<Overview>(`/api/v1/shops/${shop}/analyses/overview?from=${from}&to=${to}&compare=previous`);
    const cards = await page.locator('#overview-figures button.kpi').evaluateAll((buttons) =>
      buttons.map((b) => ({
        metric: b.getAttribute('data-metric') ?? '',
        value: b.querySelector('.kpi-value')?.textContent ?? '',
        change: b.querySelector('.change')?.textContent ?? '',
      })),
    );
    expect(cards.map((c) => c.metric).sort()).toEqual(Object.keys(api.totals).sort());
    const number = (text: string) => Number(text.replace(/[^\d.-]/g, ''));
    for (const c of cards) {
      const want = api.totals[c.metric] ?? null;
      const unit = api.definitions[c.metric]?.unit;
      if (want === null) expect(c.value, c.metric).toBe('—');
      else if (unit === 'ratio') expect(c.value, c.metric).toBe(percent(want));
      else expect(number(c.value), c.metric).toBeCloseTo(want, unit === 'count' ? 0 : unit === 'seconds' ? -1 : 2);
      // The change against the period before: ▲/▼ and the percentage of the earlier total.
      const before = api.comparison.totals[c.metric] ?? null;
      if (want !== null && before) {
        const ratio = (want - before) / Math.abs(before);
        expect(c.change, c.metric).toBe(`${ratio > 0 ? '▲ ' : ratio < 0 ? '▼ ' : ''}${percent(Math.abs(ratio))}`);
      }
    }
    // The demo gives coupons: the discount figures are not all zero.
    expect(api.totals.discounted_orders).toBeGreaterThan(0);
    // Tall enough for the whole panel, so the sticky top bar is not drawn over it (docs/screenshots/overview.png).
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.locator('#overview-figures').screenshot({ path: join(ARTIFACTS, 'overview-figures.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    // Picking the discount rate charts it by day: the chart's table is each day's rate.
    await page.locator('#overview-figures button[data-metric="discount_rate"]').click();
    await page.waitForURL((url) => url.searchParams.get('metric') === 'discount_rate');
    await page.waitForSelector('h2:has-text("Discount rate by day")');
    const { columns, rows } = await chartData('overview-daily');
    const byDay = new Map(api.daily.map((d) => [String(d.day), d.discount_rate as number | null]));
    expect(rows.length).toBe(byDay.size);
    for (const [day, shown] of rows) expect(shown, day).toBe(percent(byDay.get(day ?? '') ?? null));
    // Beside it the period before, its n-th day on this period's n-th row.
    const { from: earlierFrom, to: earlierTo } = api.comparison;
    expect(columns[2]).toBe(`Discount rate ${earlierFrom} – ${earlierTo}`);
    const earlier = await fetchJson<Overview>(`/api/v1/shops/${shop}/analyses/overview?from=${earlierFrom}&to=${earlierTo}&compare=none`);
    expect(rows.map((r) => r[2])).toEqual(earlier.daily.map((d) => percent(d.discount_rate as number | null)));
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'overview-discount-rate.png'), fullPage: true });
    // Against the same days a year before (同比) instead: one choice beside the toggle, kept in the link.
    await page.selectOption('select[aria-label="Compare with"]', 'year');
    await page.waitForURL((url) => url.searchParams.get('compare') === 'year');
    const yearBefore = (day: string) => `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
    await page.waitForSelector(`#overview-figures p:has-text("Changes against ${yearBefore(from ?? '')} – ${yearBefore(to ?? '')}")`);
    // Against days chosen: they start as the period before and are kept in the link; each card's
    // change is then against those days' totals as the API gives them.
    await page.selectOption('select[aria-label="Compare with"]', 'days');
    await page.waitForURL((url) => url.searchParams.get('compare') === 'days');
    expect(await page.inputValue('input[aria-label="compare from"]')).toBe(api.comparison.from);
    expect(await page.inputValue('input[aria-label="compare to"]')).toBe(api.comparison.to);
    const [chosenFrom, chosenTo] = [api.daily[0]?.day, api.daily[6]?.day] as [string, string];
    await page.fill('input[aria-label="compare from"]', chosenFrom);
    await page.waitForURL((url) => url.searchParams.get('compare_from') === chosenFrom);
    // The span moved with its first day (the period before's 30 days, now from the range's first):
    // the last day's box shows it before it is changed.
    await expect.poll(() => page.inputValue('input[aria-label="compare to"]')).toBe(api.daily[29]?.day);
    await page.fill('input[aria-label="compare to"]', chosenTo);
    await page.waitForURL((url) => url.searchParams.get('compare_from') === chosenFrom && url.searchParams.get('compare_to') === chosenTo);
    await page.waitForSelector(`#overview-figures p:has-text("Changes against ${chosenFrom} – ${chosenTo}")`);
    await settle(page);
    const chosen = await fetchJson<Overview>(`/api/v1/shops/${shop}/analyses/overview?from=${chosenFrom}&to=${chosenTo}&compare=none`);
    const gmvChange = (api.totals.gmv ?? 0) / (chosen.totals.gmv ?? 1) - 1;
    expect(await page.textContent('#overview-figures button[data-metric="gmv"] .change')).toBe(
      `${gmvChange > 0 ? '▲ ' : '▼ '}${percent(Math.abs(gmvChange))}`,
    );
    await page.selectOption('select[aria-label="Compare with"]', 'previous');
    await page.waitForURL((url) => url.searchParams.get('compare') === '1' && !url.searchParams.has('compare_from'));
    // In Chinese: the groups, the figures and the chart's title in the page language.
    await page.click('[data-testid=language]');
    await page.waitForSelector('#overview-figures h3:has-text("优惠")');
    expect(await page.locator('#overview-figures h3').allTextContents()).toEqual(['流量', '转化', '交易', '买家', '优惠']);
    expect(await page.locator('#overview-figures button[data-metric="discount_rate"] .kpi-label').textContent()).toContain('优惠率');
    await page.waitForSelector('h2:has-text("优惠率每日趋势")');
    await page.click('[data-testid=language]');
    await page.waitForSelector('nav >> text=Diagnosis');
  }, 60_000);

  it("the home page's trend table is the payment amount of each day, as the overview gives it", async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/?range=30d`);
    await settle(page);
    const { rows } = await chartData('gmv-trend');
    await page.locator('figure:has([data-chart="gmv-trend"])').screenshot({ path: join(ARTIFACTS, 'chart-data.png') });
    expect(rows).toHaveLength(30);
    const days = rows.map((r) => r[0] ?? '');
    const overview = await fetchJson<{ daily: Array<{ day: string; gmv: number }> }>(
      `/api/v1/shops/${shop}/analyses/overview?from=${days[0]}&to=${days[29]}`,
    );
    const gmv = new Map(overview.daily.map((d) => [d.day, d.gmv]));
    // (The demo's marked sale days add a third column naming them; its own check is marked-days.checks.ts.)
    expect(rows.map((r) => r.slice(0, 2))).toEqual(days.map((day) => [day, plain(gmv.get(day) ?? 0)]));
    // The demo sells every day: a table of zeros would pass the comparison above only if both were wrong.
    expect(overview.daily.filter((d) => d.gmv > 0).length).toBeGreaterThan(20);
  }, 60_000);

  it("the funnel's table is each step's people as a share of step 1's, and the retention matrix is the API's rates", async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    const funnelAnswer = page.waitForResponse((r) => r.url().endsWith('/analyses/funnel') && r.request().method() === 'POST');
    await page.goto(`${base}/shops/${shop}/funnels?range=30d`);
    const funnel = (await (await funnelAnswer).json()) as { steps: Array<{ people: number }> };
    await settle(page);
    const first = funnel.steps[0]?.people ?? 0;
    expect(first).toBeGreaterThan(0);
    const shares = (await chartData('funnel-chart')).rows.map((r) => r[1]);
    expect(shares).toEqual(
      funnel.steps.map(
        (s) => `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(Math.round((s.people / first) * 1000) / 10)}%`,
      ),
    );

    const retentionAnswer = page.waitForResponse((r) => r.url().includes('/analyses/retention'));
    await page.goto(`${base}/shops/${shop}/retention?range=30d`);
    const retention = (await (await retentionAnswer).json()) as {
      cohorts: Array<{ cohort: string; size: number; rates: Array<number | null> }>;
    };
    await settle(page);
    const matrix = await chartData('retention-heatmap');
    const periods = matrix.columns.length - 1;
    expect(periods).toBeGreaterThan(1);
    expect(matrix.rows).toEqual(
      retention.cohorts.map((c) => [`${c.cohort} (${c.size})`, ...Array.from({ length: periods }, (_, k) => percent(c.rates[k] ?? null))]),
    );
  }, 60_000);

  it("the retention matrix split by the first order's value band: the bands cheapest first, a band's rows the API's", async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    const answer = page.waitForResponse((r) => r.url().includes('/analyses/retention') && r.url().includes('segment=first_value'));
    await page.goto(`${base}/shops/${shop}/retention?range=90d&period=month&segment=first_value`);
    const retention = (await (await answer).json()) as {
      cohorts: Array<{ segment: string; cohort: string; size: number; rates: Array<number | null> }>;
    };
    await settle(page);
    const bands = [...new Set(retention.cohorts.map((c) => c.segment))];
    expect(bands.length).toBeGreaterThan(2);
    const lower = (band: string) => Number(band.replace(/^</, '0-').split(/[-+]/)[0]);
    expect(bands.map(lower)).toEqual(bands.map(lower).sort((a, b) => a - b));
    const bandChoice = page.locator('select[aria-label=seg]');
    expect(await bandChoice.locator('option').allTextContents()).toEqual(bands);
    const band = bands[1] as string;
    await bandChoice.selectOption(band);
    await settle(page);
    const matrix = await chartData('retention-heatmap');
    const periods = matrix.columns.length - 1;
    expect(matrix.rows).toEqual(
      retention.cohorts
        .filter((c) => c.segment === band)
        .map((c) => [`${c.cohort} (${c.size})`, ...Array.from({ length: periods }, (_, k) => percent(c.rates[k] ?? null))]),
    );
  }, 60_000);

  it("the traffic ring, the RFM segments' ring and the repurchase bars hold the API's figures", async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    const count = (v: number) => new Intl.NumberFormat('en-US').format(v);

    const trafficAnswer = page.waitForResponse((r) => r.url().includes('/analyses/traffic?'));
    await page.goto(`${base}/shops/${shop}/traffic?range=30d`);
    const traffic = (await (await trafficAnswer).json()) as { rows: Array<{ visitors: number }> };
    await settle(page);
    // Each channel's visitors, in the table's order (the names are checked on the page's table elsewhere).
    expect((await chartData('traffic-visitors')).rows.map((r) => r[1])).toEqual(traffic.rows.map((r) => count(r.visitors)));

    const customersAnswer = page.waitForResponse((r) => r.url().includes('/analyses/customers?'));
    await page.goto(`${base}/shops/${shop}/customers?range=90d`);
    const customers = (await (await customersAnswer).json()) as { segments: Array<{ customers: number }> };
    await settle(page);
    // Segments with customers only (an empty one has no slice).
    expect((await chartData('customers-segments')).rows.map((r) => r[1])).toEqual(
      customers.segments.filter((x) => x.customers > 0).map((x) => count(x.customers)),
    );

    const repurchaseAnswer = page.waitForResponse((r) => r.url().includes('/analyses/repurchase?'));
    await page.goto(`${base}/shops/${shop}/repurchase?range=90d`);
    const repurchase = (await (await repurchaseAnswer).json()) as {
      cohorts: Array<{ cohort: string; windows: Record<string, { rate: number | null }> }>;
    };
    await settle(page);
    const bars = await chartData('repurchase-cohorts');
    expect(bars.columns).toEqual(['Item', '30d', '60d', '90d', '180d']);
    expect(bars.rows).toEqual(
      repurchase.cohorts.map((c) => [c.cohort.slice(0, 7), ...['30', '60', '90', '180'].map((w) => percent(c.windows[w]?.rate ?? null))]),
    );
    // Some cohort has a 30-day rate: the comparison is of figures, not of dashes alone.
    expect(repurchase.cohorts.some((c) => c.windows['30']?.rate !== null)).toBe(true);
  }, 60_000);
}
