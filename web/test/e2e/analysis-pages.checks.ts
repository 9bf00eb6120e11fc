import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ARTIFACTS, base, blankCharts, page, settle } from './dashboard-session.js';

/** Analysis-page tests, in order. */
export function analysisPageChecks(): void {
  it('shows the comparison period beside the figures, and filters a funnel step by a property', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/traffic?range=30d&compare=1`);
    await settle(page);
    await page.waitForSelector('th:has-text("Δ Payment amount (last touch)")');
    // Products: each row's change is against the same product's figure in the whole ranking of
    // the period before (fetched here on its own), not against that period's own top 50.
    await page.goto(`${base}/shops/${shop}/products?range=30d&compare=1`);
    await settle(page);
    const headers = await page.locator('#product-ranking th').allTextContents();
    const gmvChange = headers.findIndex((h) => h.includes('Δ Payment amount'));
    expect(gmvChange).toBeGreaterThan(0);
    const first = page.locator('#product-ranking tbody tr').first();
    const name = await first.locator('td').first().textContent();
    const shown = (await first.locator('td').nth(gmvChange).textContent()) ?? '';
    const ranking = (q: string) =>
      page.evaluate(async (url) => (await fetch(url)).json(), `/api/v1/shops/${shop}/analyses/products?${q}`) as Promise<{
        from: string;
        to: string;
        rows: Array<{ name: string; product_id: string; gmv: number }>;
        comparison?: { from: string; to: string };
      }>;
    const [from, to] = ((await page.textContent('.range-label')) ?? '').split('–').map((d) => d.trim());
    const now = await ranking(`from=${from}&to=${to}&compare=previous&limit=50`);
    const then = await ranking(`from=${now.comparison?.from}&to=${now.comparison?.to}&limit=1000`);
    const product = now.rows.find((r) => (r.name || r.product_id) === name);
    const before = then.rows.find((r) => r.product_id === product?.product_id)?.gmv ?? 0;
    const want = ((Number(product?.gmv) - before) / before) * 100;
    expect(shown).toMatch(want > 0 ? /^▲/ : /^▼/);
    expect(Number(shown.replace(/[^\d.]/g, ''))).toBeCloseTo(Math.abs(want), 1);
    await page.screenshot({ path: join(ARTIFACTS, 'products-compared.png'), fullPage: true });
    // Price bands: every band of the currency listed cheapest first, the shares adding up to 100 %.
    const bandRows = page.locator('#price-bands tbody tr');
    expect((await bandRows.locator('td:first-child').allTextContents()).slice(0, 6)).toEqual([
      '<50',
      '50-100',
      '100-200',
      '200-500',
      '500-1000',
      '1000+',
    ]);
    const shareHeader = (await page.locator('#price-bands th').allTextContents()).findIndex((h) => h.includes('Share of payment amount'));
    const shares = await bandRows.locator(`td:nth-child(${shareHeader + 1})`).allTextContents();
    expect(shares.reduce((a, x) => a + Number(x.replace(/[^\d.]/g, '') || 0), 0)).toBeCloseTo(100, 0);
    // Pages that do not compare periods do not offer the toggle.
    await page.goto(`${base}/shops/${shop}/retention?range=30d&compare=1`);
    await settle(page);
    expect(await page.locator('label.toggle:has-text("Compare")').count()).toBe(0);
    await page.goto(`${base}/shops/${shop}/funnels?range=30d`);
    await settle(page);
    await page.selectOption('select[aria-label="step 1 filter"]', 'channel');
    // Channels are a fixed set: chosen by name from a list, sent as their codes.
    await page.selectOption('select[aria-label="step 1 value"]', 'search');
    await page.click('button:has-text("Run")');
    await page.waitForURL(/funnel=/);
    await settle(page);
    expect(decodeURIComponent(page.url())).toContain('"property":"channel"');
    expect(await page.locator('.state-error').count()).toBe(0);
    // "is not": step 1 counts product views from every channel but search — the API's count for
    // that definition; and "is set" on a text property asks no value.
    await page.selectOption('select[aria-label="step 1 operator"]', 'neq');
    const answer = page.waitForResponse((r) => r.url().endsWith('/analyses/funnel') && r.request().method() === 'POST');
    await page.click('button:has-text("Run")');
    await page.waitForURL((url) => (url.searchParams.get('funnel') ?? '').includes('"operator":"neq"'));
    const funnel = (await (await answer).json()) as { steps: Array<{ people: number }> };
    const definition = JSON.parse(new URL(page.url()).searchParams.get('funnel') ?? '{}') as { steps: Array<{ filters?: unknown[] }> };
    expect(definition.steps[0]?.filters).toEqual([{ property: 'channel', operator: 'neq', value: 'search' }]);
    await settle(page);
    const people = page.locator('table tbody tr td:nth-child(2)').first();
    expect(Number(((await people.textContent()) ?? '').replace(/[^\d]/g, ''))).toBe(funnel.steps[0]?.people);
    expect(funnel.steps[0]?.people).toBeGreaterThan(0);
    // A second condition on step 1 (both must hold): not search, and on the app.
    await page.click('button[aria-label="step 1 add condition"]');
    await page.selectOption('select[aria-label="step 1 filter 2"]', 'device');
    await page.selectOption('select[aria-label="step 1 value 2"]', 'mobile_app');
    const both = page.waitForResponse((r) => r.url().endsWith('/analyses/funnel') && r.request().method() === 'POST');
    await page.click('button:has-text("Run")');
    await page.waitForURL((url) => (url.searchParams.get('funnel') ?? '').includes('"device"'));
    const narrowed = (await (await both).json()) as { steps: Array<{ people: number }> };
    expect((JSON.parse(new URL(page.url()).searchParams.get('funnel') ?? '{}') as typeof definition).steps[0]?.filters).toEqual([
      { property: 'channel', operator: 'neq', value: 'search' },
      { property: 'device', operator: 'eq', value: 'mobile_app' },
    ]);
    await settle(page);
    expect(Number(((await people.textContent()) ?? '').replace(/[^\d]/g, ''))).toBe(narrowed.steps[0]?.people);
    // Fewer people meet both conditions than the first alone, and some do.
    expect(narrowed.steps[0]?.people).toBeLessThan(funnel.steps[0]?.people ?? 0);
    expect(narrowed.steps[0]?.people).toBeGreaterThan(0);
    await page.selectOption('select[aria-label="step 2 filter"]', 'campaign');
    await page.selectOption('select[aria-label="step 2 operator"]', 'is_set');
    expect(await page.locator('[aria-label="step 2 value"]').count()).toBe(0);
    await page.click('button:has-text("Run")');
    await page.waitForURL((url) => (url.searchParams.get('funnel') ?? '').includes('"operator":"is_set"'));
    await settle(page);
    expect(await page.locator('.state-error').count()).toBe(0);
  }, 60_000);

  it('breaks a funnel down with a chosen attribution and top N; person properties take no attribution', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/funnels?range=30d`);
    await settle(page);
    await page.selectOption('select[aria-label="Break down by"]', 'person.member_level');
    expect(await page.locator('select[aria-label="Attribution"]').isDisabled()).toBe(true);
    await page.selectOption('select[aria-label="Break down by"]', 'channel');
    expect(await page.locator('select[aria-label="Attribution"]').isDisabled()).toBe(false);
    await page.selectOption('select[aria-label="Attribution"]', 'last_touch');
    await page.selectOption('select[aria-label="Top"]', '3');
    await page.click('button:has-text("Run")');
    await page.waitForURL(/funnel=/);
    await settle(page);
    const url = decodeURIComponent(page.url());
    expect(url).toContain('"attribution":"last_touch"');
    expect(url).toContain('"limit":3');
    // The demo shop has more than three channels: three rows and "(other)", each with its conversion.
    await page.waitForSelector('td:has-text("(other)")');
    const other = page.locator('tr', { hasText: '(other)' });
    expect(await other.locator('td').last().textContent()).toMatch(/%$/);
    expect(await page.locator('.state-error').count()).toBe(0);
    // Broken down, the chart compares the values' conversion side by side instead of the one funnel shape.
    expect(await page.locator('[data-chart="funnel-breakdown-chart"]').count()).toBe(1);
    expect(await page.locator('[data-chart="funnel-chart"]').count()).toBe(0);
    expect(await blankCharts(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'funnels-breakdown.png'), fullPage: true });
    await page.locator('.panel:has([data-chart="funnel-breakdown-chart"])').screenshot({ path: join(ARTIFACTS, 'funnel-by-channel.png') });
  }, 60_000);

  it('names channels, devices, events and options in the page language; codes stay in the URL and the exports', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/traffic?range=30d`);
    await settle(page);
    const firstColumn = async () => page.locator('#traffic-table table tbody tr td:first-child').allTextContents();
    const english = await firstColumn();
    expect(english).toContain('Live stream');
    expect(english).toContain('Email / SMS');
    expect(english.filter((c) => /_/.test(c))).toEqual([]);
    expect(await page.locator('th').first().textContent()).toContain('Channel');
    // The traffic table's visitors column carries its served definition (label and tooltip).
    expect(await page.locator('th [data-definition=channel_visitors]').count()).toBe(1);
    // A click drills down by the channel's code.
    await page.locator('tr', { hasText: 'Live stream' }).first().click();
    await page.waitForURL(/channel=live_stream/);
    // By device (访客分析), devices by name too; the link keeps the code.
    await page.goto(`${base}/shops/${shop}/traffic?range=30d&by=device`);
    await settle(page);
    const devices = await firstColumn();
    expect(devices).toEqual(expect.arrayContaining(['Mobile app', 'Desktop']));
    expect(devices.filter((c) => /_/.test(c))).toEqual([]);
    // By hour of the day: the hours in the day's order, and the chart's table has all 24 of them.
    await page.goto(`${base}/shops/${shop}/traffic?range=30d&by=hour`);
    await settle(page);
    const hours = await firstColumn();
    expect(hours.length).toBeGreaterThan(12);
    expect(hours.every((h) => /^\d\d:00$/.test(h))).toBe(true);
    expect(hours).toEqual([...hours].sort());
    const figure = page.locator('figure:has([data-chart="traffic-visitors"])');
    await figure.locator('summary').click();
    await figure.locator('[data-chart-table="traffic-visitors"] tbody tr').first().waitFor();
    expect(await figure.locator('[data-chart-table="traffic-visitors"] tbody tr').count()).toBe(24);
    await page.screenshot({ path: join(ARTIFACTS, 'traffic-by-hour.png'), fullPage: true });
    // By day of the week: the days by name, Monday first.
    await page.goto(`${base}/shops/${shop}/traffic?range=30d&by=weekday`);
    await settle(page);
    expect(await firstColumn()).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    await page.goto(`${base}/shops/${shop}/`);
    await page.waitForSelector('ul.health li');
    const areas = await page.locator('ul.health li strong').allTextContents();
    expect(areas).toContain('Spend per buyer');
    expect(areas).not.toContain('aov');
    await page.goto(`${base}/shops/${shop}/customers?range=30d`);
    await settle(page);
    const segments = await page.locator('table tbody tr td:first-child').allTextContents();
    expect(segments).toContain("Can't lose");
    expect(segments).not.toContain('cant_lose');
    // Thirty days hold no whole 30-day window after a first purchase: the panel says so instead of drawing empty bars.
    await page.goto(`${base}/shops/${shop}/repurchase?range=30d`);
    await settle(page);
    expect(await page.locator('.state-empty').first().textContent()).toContain('whole window');
    // Second-order conversion by first product names the products (the demo's ids are P00012 and the like).
    await page.goto(`${base}/shops/${shop}/repurchase?range=90d&first=product`);
    await settle(page);
    const firstProducts = await page.locator('table').last().locator('tbody tr td:first-child').allTextContents();
    expect(firstProducts.length).toBeGreaterThan(0);
    expect(firstProducts.filter((c) => /^P\d+$/.test(c))).toEqual([]);
    await page.click('[data-testid=language]');
    await page.goto(`${base}/shops/${shop}/funnels?range=30d`);
    await settle(page);
    expect(await page.locator('select[aria-label="step 1"] option:checked').textContent()).toBe('商品浏览');
    await page.goto(`${base}/shops/${shop}/traffic?range=30d`);
    await settle(page);
    expect(await firstColumn()).toContain('直播');
    await page.click('[data-testid=language]');
    await page.waitForSelector('nav >> text=Diagnosis');
  }, 60_000);

  it('follows sessions through the shop: entries add up to the sessions, and more steps are one choice away', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/paths?range=30d`);
    await settle(page);
    const entries = page.locator('.panel', { hasText: 'Where sessions enter' });
    const stepNames = (await entries.locator('tbody tr td:first-child').allTextContents()).map((c) => c.trim());
    // Steps by name: a page view with its page, events in the page language.
    expect(stepNames.some((s) => s.startsWith('Page view: '))).toBe(true);
    expect(stepNames).toContain('Product view');
    const title = (await page.locator('.panel h2', { hasText: 'How sessions move' }).textContent()) ?? '';
    const sessions = Number(title.replace(/[^0-9]/g, ''));
    const entered = (await entries.locator('tbody tr td:nth-child(2)').allTextContents()).reduce(
      (a, c) => a + Number(c.replace(/,/g, '')),
      0,
    );
    expect(sessions).toBeGreaterThan(0);
    expect(entered).toBe(sessions);
    await page.selectOption('select[aria-label="Steps"]', '6');
    await page.waitForURL((url) => url.searchParams.get('depth') === '6');
    await settle(page);
    expect(await blankCharts(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'paths-6.png'), fullPage: true });
    // What sessions did after adding to cart: every path begins there.
    await page.selectOption('select[aria-label="Start at"]', 'add_to_cart');
    await page.waitForURL((url) => url.searchParams.get('start') === 'add_to_cart');
    await expect.poll(() => page.locator('.panel h2', { hasText: 'How sessions move from Add to cart' }).count()).toBe(1);
    await expect
      .poll(async () => (await entries.locator('tbody tr td:first-child').allTextContents()).map((c) => c.trim()))
      .toEqual(['Add to cart']);
    await settle(page);
    expect(await blankCharts(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'paths-from-cart.png'), fullPage: true });
  }, 60_000);

  it('shows how customers moved between segments, ending where the segments table stands', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/customers?range=30d`);
    await settle(page);
    const count = (text: string | null) => Number((text ?? '').replace(/[^0-9-]/g, ''));
    const rowsOf = async (table: ReturnType<typeof page.locator>, column: number) =>
      Object.fromEntries(
        await Promise.all(
          (await table.locator('tbody tr').all()).map(async (tr) => [
            (await tr.locator('td').first().textContent())?.trim(),
            count(await tr.locator('td').nth(column).textContent()),
          ]),
        ),
      );
    const segments = await rowsOf(page.locator('.panel:has(h2:text-is("RFM segments")) table'), 1);
    const movement = page.locator('#segment-movement');
    const after = await rowsOf(movement.locator('table'), 2);
    // Segments by name, and each one's "after" is its customers as of the range's last day.
    expect(Object.keys(after)).toContain('At risk');
    expect(after).toEqual(segments);
    // Before + moved in − moved out = after, row by row, as shown.
    for (const tr of await movement.locator('tbody tr').all()) {
      const cells = (await tr.locator('td').allTextContents()).map(count);
      const [before = 0, after = 0, stayed = 0, movedIn = 0, movedOut = 0, net = 0] = cells.slice(1);
      expect(cells).toHaveLength(7);
      expect(before + movedIn - movedOut).toBe(after);
      expect(stayed + movedIn).toBe(after);
      expect(net).toBe(after - before);
    }
    // The "before" day is the day before the range.
    const [from] = ((await page.textContent('.range-label')) ?? '').split('–').map((d) => d.trim());
    const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(await movement.locator('p.muted').textContent()).toContain(dayBefore);
    expect(await blankCharts(page)).toEqual([]);
    // The whole panel, just below the sticky toolbar so its explanation is not hidden under it.
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.evaluate(() => {
      const top = document.getElementById('segment-movement')?.getBoundingClientRect().top ?? 0;
      const bar = document.querySelector('header.toolbar')?.getBoundingClientRect().height ?? 0;
      window.scrollBy(0, top - bar - 8);
    });
    const shown = await movement.boundingBox();
    if (shown) await page.screenshot({ path: join(ARTIFACTS, 'segment-movement.png'), clip: shown });
    await page.setViewportSize({ width: 1280, height: 900 });
    // A click on the largest move between two segments lists exactly its customers. The cell is
    // found from the API's moves and the panel's layout (rows: "none" then the segments; columns:
    // the segments; fixed margins 130 / 24 / 8 / 120 px).
    const [, to] = ((await page.textContent('.range-label')) ?? '').split('–').map((d) => d.trim());
    const api = (await page.evaluate(
      async (url) => (await fetch(url)).json(),
      `/api/v1/shops/${shop}/analyses/segment-movement?from=${from}&to=${to}`,
    )) as { segments: Array<{ segment: string }>; moves: Array<{ from_segment: string; to_segment: string; customers: number }> };
    const order = api.segments.map((s) => s.segment);
    const move = api.moves
      .filter((m) => m.from_segment !== 'none' && m.from_segment !== m.to_segment && m.to_segment !== 'none')
      .sort((a, b) => b.customers - a.customers)[0];
    expect(move).toBeDefined();
    const box = await movement.locator('[data-chart="segment-movement"]').boundingBox();
    if (!move || !box) throw new Error('no move or no chart');
    const cellWidth = (box.width - 130 - 24) / order.length;
    const cellHeight = (box.height - 8 - 120) / (order.length + 1);
    await page.mouse.click(
      box.x + 130 + (order.indexOf(move.to_segment) + 0.5) * cellWidth,
      box.y + 8 + (order.indexOf(move.from_segment) + 1 + 0.5) * cellHeight,
    );
    await page.waitForURL((url) => url.searchParams.get('from_segment') === move.from_segment);
    expect(new URL(page.url()).searchParams.get('segment')).toBe(move.to_segment);
    await settle(page);
    const title = (await page.locator('#segment-customers h2').textContent()) ?? '';
    expect(title).toContain(dayBefore);
    expect(title).toContain(`(${move.customers.toLocaleString('en-US')})`);
    // Without the canvas: the largest moves (first paid orders in the range included) are
    // buttons, reachable by keyboard; the first lists the customers of a move as large as any.
    await page.goto(`${base}/shops/${shop}/customers?range=30d`);
    await settle(page);
    await movement.locator('.moves button').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.has('from_segment'));
    const url = new URL(page.url());
    const picked = api.moves.find(
      (m) => m.from_segment === url.searchParams.get('from_segment') && m.to_segment === url.searchParams.get('segment'),
    );
    const largest = Math.max(
      ...api.moves.filter((m) => m.from_segment !== m.to_segment && m.to_segment !== 'none').map((m) => m.customers),
    );
    expect(picked?.customers).toBe(largest);
    // A flow's figure lists everyone behind it: the largest "moved out" lists that many customers,
    // each shown in the segment they are in now — never the one they left.
    const outs = await movement.locator('button[data-flow$=":out"]').all();
    expect(outs.length).toBeGreaterThan(0);
    const figures = await Promise.all(outs.map(async (b) => count(await b.textContent())));
    const most = figures.indexOf(Math.max(...figures));
    const left = ((await outs[most]?.getAttribute('data-flow')) ?? '').split(':')[0];
    // Read aloud, the button names its segment and flow, not just a number.
    expect(await outs[most]?.getAttribute('aria-label')).toMatch(/^.+ · Moved out: [\d,]+$/);
    await outs[most]?.click();
    await page.waitForURL((u) => u.searchParams.get('move') === 'out' && u.searchParams.get('segment') === left);
    expect(new URL(page.url()).searchParams.has('from_segment')).toBe(false);
    await settle(page);
    const list = page.locator('#segment-customers');
    expect((await list.locator('h2').textContent()) ?? '').toContain(`(${figures[most]?.toLocaleString('en-US')})`);
    const leftName = (await movement.locator(`tbody tr:has(button[data-flow="${left}:out"]) td`).first().textContent())?.trim();
    const now = (await list.locator('tbody tr td:nth-child(2)').allTextContents()).map((c) => c.trim());
    expect(now.length).toBe(Math.min(figures[most] ?? 0, 50));
    expect(now).not.toContain(leftName);
    expect(await list.locator('thead').textContent()).toContain('Segment now');
  }, 60_000);

  it('shows what visitors searched for in the shop, and how many paid after searching', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/traffic?range=30d`);
    await settle(page);
    const panel = page.locator('.panel', { hasText: 'Searches in the shop' });
    const terms = (await panel.locator('tbody tr td:first-child').allTextContents()).map((c) => c.trim());
    expect(terms.length).toBeGreaterThan(2);
    for (const term of terms) expect(term).toBe(term.toLowerCase());
    const totals = (await page.textContent('[data-testid=search-totals]')) ?? '';
    const searches = Number(/^([\d,]+) searches/.exec(totals)?.[1]?.replace(/,/g, '') ?? 'NaN');
    const listed = (await panel.locator('tbody tr td:nth-child(2)').allTextContents()).reduce((a, c) => a + Number(c.replace(/,/g, '')), 0);
    // The demo's shops have a handful of terms, all listed: the rows add up to the total.
    expect(listed).toBe(searches);
    // Ranked by search conversion: the rows' conversion never rises down the table.
    await page.selectOption('select[aria-label="Rank search terms by"]', 'search_conversion');
    await page.waitForURL((url) => url.searchParams.get('terms_by') === 'search_conversion');
    await settle(page);
    const headers = await panel.locator('th').allTextContents();
    const column = headers.findIndex((h) => h.startsWith('Search conversion'));
    expect(column).toBeGreaterThan(0);
    const rates = (await panel.locator(`tbody tr td:nth-child(${column + 1})`).allTextContents()).map((c) => Number.parseFloat(c));
    expect(rates.length).toBe(terms.length);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    // And the rows did move: the demo's terms rank differently by conversion than by searches (with
    // seven terms of near-equal conversion, the two orders agreeing by chance is about 1 in 5,000).
    const reranked = (await panel.locator('tbody tr td:first-child').allTextContents()).map((c) => c.trim());
    expect(new Set(reranked)).toEqual(new Set(terms));
    expect(reranked).not.toEqual(terms);
  }, 60_000);

  it('filters by several channels at once, and shows all again', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/traffic?range=30d`);
    await settle(page);
    const channels = async () =>
      (await page.locator('#traffic-table table tbody tr td:first-child').allTextContents()).map((c) => c.trim()).sort();
    expect((await channels()).length).toBeGreaterThan(2);
    await page.click('summary[aria-label="Channel"]');
    const list = page.locator('fieldset[aria-label="Channel"]');
    await list.locator('label', { hasText: 'Search' }).locator('input').check();
    await page.waitForURL((url) => url.searchParams.getAll('channel').join() === 'search');
    await list.locator('label', { hasText: 'Ads' }).locator('input').check();
    await page.waitForURL((url) => url.searchParams.getAll('channel').join() === 'search,ads');
    await expect.poll(() => page.locator('summary[aria-label="Channel"]').textContent()).toBe('Channel: Search, Ads');
    await page.waitForFunction(() => document.querySelectorAll('#traffic-table table tbody tr').length === 2);
    expect(await channels()).toEqual(['Ads', 'Search']);
    // The line under the top bar names them (by their names, not their codes).
    expect(await page.textContent('[data-testid=filters-notice]')).toContain('Only Channel: Search, Ads:');
    await page.screenshot({ path: join(ARTIFACTS, 'filter-channels.png') });
    // A click elsewhere folds the list away; "Show all" clears the choice.
    await page.mouse.click(5, 890);
    expect(await list.isVisible()).toBe(false);
    await page.click('summary[aria-label="Channel"]');
    await page.locator('details.choices', { has: list }).locator('button', { hasText: 'Show all' }).click();
    await page.waitForURL((url) => !url.searchParams.has('channel'));
    await expect.poll(() => page.locator('summary[aria-label="Channel"]').textContent()).toBe('Channel: All');
  }, 60_000);

  it("filters by categories the top bar lists from the shop's data, narrowed by typing", async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/products?range=30d`);
    await settle(page);
    const categoryCells = () =>
      page.$$eval('#product-ranking tbody tr td:nth-child(2)', (tds) => [...new Set(tds.map((td) => td.textContent?.trim() ?? ''))]);
    const shown = await categoryCells();
    expect(shown.length).toBeGreaterThan(2);
    await page.click('summary[aria-label="Category"]');
    const list = page.locator('fieldset[aria-label="Category"]');
    await expect.poll(() => list.locator('label').count()).toBeGreaterThan(0);
    const listed = (await list.locator('label').allTextContents()).map((l) => l.trim());
    for (const c of shown) expect(listed).toContain(c);
    // Typing narrows the list to the values containing the text; Enter ticks the first of them.
    const [first, second] = shown.sort() as [string, string];
    await page.fill('input[aria-label="Category: Find…"]', first.slice(1));
    await expect
      .poll(async () =>
        (await list.locator('label').allTextContents()).every((l) => l.toLowerCase().includes(first.slice(1).toLowerCase())),
      )
      .toBe(true);
    await list.locator('label', { hasText: first }).locator('input').check();
    await page.waitForURL((url) => url.searchParams.getAll('category').join() === first);
    await page.fill('input[aria-label="Category: Find…"]', second);
    await page.press('input[aria-label="Category: Find…"]', 'Enter');
    await page.waitForURL((url) => url.searchParams.getAll('category').join() === `${first},${second}`);
    await page.screenshot({ path: join(ARTIFACTS, 'filter-categories.png') });
    await page.waitForFunction(
      (chosen) => {
        const cells = [...document.querySelectorAll('#product-ranking tbody tr td:nth-child(2)')].map((td) => td.textContent?.trim() ?? '');
        return cells.length > 0 && cells.every((x) => chosen.includes(x)) && chosen.every((c) => cells.includes(c));
      },
      [first, second],
    );
    // The chosen values stay at the top of the list, ticked; "Show all" brings every category back.
    expect((await list.locator('label').allTextContents()).slice(0, 2).map((l) => l.trim())).toEqual([first, second]);
    await page.locator('details.choices', { has: list }).locator('button', { hasText: 'Show all' }).click();
    await page.waitForURL((url) => !url.searchParams.has('category'));
    await expect.poll(async () => (await categoryCells()).length).toBe(shown.length);
  }, 60_000);

  it("says when the chosen days hold none of the shop's data, and shows days that do in one click", async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/overview?range=custom&from=2030-01-01&to=2030-01-07`);
    await settle(page);
    const days = (await page.evaluate(async (url) => (await fetch(url)).json(), `/api/v1/shops/${shop}/data-days`)) as {
      first_day: string;
      last_day: string;
    };
    const notice = page.locator('[data-testid=data-days]');
    expect(await notice.textContent()).toContain(`This shop's data ends on ${days.last_day}`);
    const from = new Date(Date.parse(`${days.last_day}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    await notice.locator('button', { hasText: `Show ${from} – ${days.last_day}` }).click();
    await page.waitForURL((url) => url.searchParams.get('from') === from && url.searchParams.get('to') === days.last_day);
    await settle(page);
    expect(await notice.count()).toBe(0);
    expect(await page.locator('#overview-figures button[data-metric="uv"] .kpi-value').textContent()).not.toBe('0');
  }, 60_000);
}
