/**
 * End to end in Debian's Chromium (playwright-core, never a downloaded browser): the production
 * build of the dashboard, served by the server, on the demo world. Signs in, visits every page
 * (no console errors, every chart draws on its canvas), runs and saves a funnel, imports a file,
 * switches the language. Screenshots and page timings go to test-artifacts/e2e/.
 */
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ADMIN_EMAIL } from '../../../server/src/demo/load-demo.js';
import { tempDir } from '../../../server/test/temp-stores.js';
import {
  ARTIFACTS,
  base,
  blankCharts,
  dataReady,
  errors,
  haveChromium,
  PASSWORD,
  page,
  settle,
  startDashboardSession,
  timings,
} from './dashboard-session.js';

/** The imports page's upload form (the drop-folder form has fields of the same names). */
const UPLOAD = 'form[aria-label="Upload a file"]';
const PAGES = [
  '',
  'realtime',
  'traffic',
  'funnels',
  'paths',
  'retention',
  'repurchase',
  'customers',
  'products',
  'datasets',
  'imports',
  'settings',
];

startDashboardSession();

describe.skipIf(!haveChromium)('the dashboard in Chromium', () => {
  it('signs in and shows the diagnosis', async () => {
    await page.goto(base);
    await page.fill('input[name=email]', DEMO_ADMIN_EMAIL);
    await page.fill('input[name=password]', PASSWORD);
    // Console errors count from here: before signing in, the session probe's 401 is expected.
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${String(e)}`));
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=summary]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid=summary]')).toMatch(/\S/);
  }, 60_000);

  it('visits every page: data arrives, every chart draws, timings and screenshots are kept', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    for (const name of PAGES) {
      const started = Date.now();
      await page.goto(`${base}/shops/${shop}/${name}?range=30d`);
      await dataReady(page);
      const dataReadyMs = Date.now() - started;
      await settle(page);
      const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
      timings.push({ page: name || 'home', firstContentfulPaintMs: Math.round(fcp), dataReadyMs });
      expect(await blankCharts(page), name).toEqual([]);
      expect(await page.locator('.state-error').count(), name).toBe(0);
      // A date range only where it does something; filters everywhere but imports and settings.
      expect(await page.locator('fieldset.presets').count(), name).toBe(['realtime', 'imports', 'settings'].includes(name) ? 0 : 1);
      expect(await page.locator('summary[aria-label="Channel"]').count(), name).toBe(['imports', 'settings'].includes(name) ? 0 : 1);
      // The demo ends yesterday: the real-time page says why today is empty instead of only showing zeros.
      if (name === 'realtime') expect(await page.textContent('[data-testid=nothing-today]')).toContain('/api/v1/ingest');
      await page.screenshot({ path: join(ARTIFACTS, `${name || 'home'}.png`), fullPage: true });
    }
    expect(timings).toHaveLength(PAGES.length);
  }, 240_000);

  it('runs and saves a funnel, then reopens it', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/funnels?range=30d`);
    await settle(page);
    await page.selectOption('select[aria-label="step 2"]', 'search');
    await page.click('button:has-text("Run")');
    await page.waitForURL(/funnel=/);
    await settle(page);
    expect(decodeURIComponent(page.url())).toContain('"event":"search"');
    await page.fill('input[aria-label="Funnel name"]', 'View, search, checkout, pay');
    await page.click('button:has-text("Save funnel")');
    await page.waitForSelector('button.chip:has-text("View, search, checkout, pay")');
    // Reopen from a fresh load of the default funnel.
    await page.goto(`${base}/shops/${shop}/funnels?range=30d`);
    await settle(page);
    await page.click('button.chip:has-text("View, search, checkout, pay")');
    await page.waitForURL(/funnel=/);
    expect(decodeURIComponent(page.url())).toContain('"event":"search"');
  }, 60_000);

  it('imports a file and shows the job and its rejected row', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    const dir = tempDir('e2e-upload-');
    const file = join(dir, 'events.csv');
    writeFileSync(
      file,
      'event_id,ts,event,visitor_id\ne2e-1,2026-10-01T10:00:00Z,page_view,e2e-visitor\ne2e-2,not-a-time,page_view,e2e-visitor\n',
    );
    await page.goto(`${base}/shops/${shop}/imports`);
    await settle(page);
    await page.setInputFiles('input[type=file][aria-label=file]', file);
    await page.selectOption(`${UPLOAD} select[aria-label="Kind"]`, 'events');
    await page.click(`${UPLOAD} button[type=submit]`);
    const row = page.locator('tr', { hasText: 'events.csv' }).first();
    await row.locator('.job-succeeded').waitFor({ timeout: 30_000 });
    // Read 2, loaded 1, rejected 1; the history also says rows updated and how long it took.
    const cells = async (r: typeof row) => (await r.locator('td').allTextContents()).map((c) => c.trim());
    const headers = (await page.locator('th').allTextContents()).map((h) => h.trim());
    const at = (name: string) => headers.findIndex((h) => h.startsWith(name));
    const done = await cells(row);
    expect([done[at('Read')], done[at('Loaded')], done[at('Updated')], done[at('Rejected')]]).toEqual(['2', '1', '0', '1']);
    expect(done[at('Took')]).toMatch(/^\d+(\.\d)? s$/);
    await row.click();
    await page.waitForSelector('td:has-text("not-a-time")', { timeout: 10_000 });

    // A file that cannot be read fails whole; its reason shows in the history, wrapped inside the
    // panel rather than pushing the table wider than the page.
    const bad = join(dir, 'wrong-columns.csv');
    writeFileSync(bad, 'foo,bar\n1,2\n');
    await page.setInputFiles('input[type=file][aria-label=file]', bad);
    await page.click(`${UPLOAD} button[type=submit]`);
    const failed = page.locator('tr', { hasText: 'wrong-columns.csv' }).first();
    await failed.locator('.job-failed').waitFor({ timeout: 30_000 });
    expect((await cells(failed))[at('Status')]).toContain('lacks required events columns: ts, event, visitor_id');
    for (const wrap of await page.locator('.table-wrap').all()) {
      expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    }

    // Another layout through a mapping file: its kind stands in for the kind chosen (orders here).
    await page.selectOption(`${UPLOAD} select[aria-label="Kind"]`, 'orders');
    const exportFile = join(dir, 'storefront-export.csv');
    writeFileSync(
      exportFile,
      'Event Time,Device ID,Action\n2026-10-01T11:00:00Z,e2e-mapped,page_view\n2026-10-01T11:01:00Z,e2e-mapped,add_to_cart\n',
    );
    const mappingFile = join(dir, 'storefront.json');
    writeFileSync(mappingFile, JSON.stringify({ kind: 'events', columns: { ts: 'Event Time', visitor_id: 'Device ID', event: 'Action' } }));
    await page.setInputFiles('input[type=file][aria-label=file]', exportFile);
    await page.setInputFiles(`${UPLOAD} input[aria-label="or mapping file"]`, mappingFile);
    // The page reads the mapping file first (asynchronously), then shows its kind.
    await expect.poll(() => page.locator(`${UPLOAD} select[aria-label="Kind"]`).inputValue()).toBe('events');
    expect(await page.locator(`${UPLOAD} select[aria-label="Kind"]`).isDisabled()).toBe(true);
    await page.click(`${UPLOAD} button[type=submit]`);
    const mapped = page.locator('tr', { hasText: 'storefront-export.csv' }).first();
    await mapped.locator('.job-succeeded').waitFor({ timeout: 30_000 });
    const mappedCells = await cells(mapped);
    expect([mappedCells[at('Read')], mappedCells[at('Loaded')], mappedCells[at('Rejected')]]).toEqual(['2', '2', '0']);
    // The history says the file was read through a mapping, and (on hover) which column fed which.
    expect(mappedCells[at('File')]).toContain('Events · through a mapping');
    expect(await mapped.locator('span', { hasText: 'through a mapping' }).getAttribute('title')).toBe(
      'event ← action, ts ← event_time, visitor_id ← device_id',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'imports-failed.png'), fullPage: true });
  }, 60_000);

  it('adds a drop folder; the server imports a file put in it once, and stops when asked', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/imports`);
    await settle(page);
    // The panel names the shop's drop folder; a file already waiting in a new folder is found by the first look.
    const dropFolder = (await page.locator('.panel', { hasText: 'Drop folders' }).locator('code').textContent()) ?? '';
    expect(dropFolder).toMatch(new RegExp(`drop/\\d+-${shop}$`));
    mkdirSync(join(dropFolder, 'e2e-drop'), { recursive: true });
    const dropped = join(dropFolder, 'e2e-drop', 'dropped-events.csv');
    writeFileSync(dropped, 'ts,event,visitor_id\n2026-10-02T10:00:00Z,page_view,e2e-dropped\n');
    const settled = new Date(Date.now() - 60_000); // files changed in the last 5 s wait
    utimesSync(dropped, settled, settled);
    const form = page.locator(`form[aria-label="Add drop folder"]`);
    await form.locator('input[aria-label="Folder"]').fill('e2e-drop');
    await form.locator('select[aria-label="Kind"]').selectOption('events');
    await form.locator('select[aria-label="Every"]').selectOption('60');
    await form.locator('button[type=submit]').click();
    const source = page.locator('tr', { hasText: 'e2e-drop' });
    await source.waitFor();
    // (Its last look is not asserted: the server may look before the page shows the row.)
    expect((await source.locator('td').allTextContents()).slice(0, 3)).toEqual(['e2e-drop', 'Events', '1 min']);
    // The server looks every 10 s and the page refreshes its jobs every 15 s.
    await page.locator('tr', { hasText: 'dropped-events.csv' }).locator('.job-succeeded').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'imports-drop-folder.png'), fullPage: true });
    await source.locator('button', { hasText: 'Stop polling' }).click();
    await source.waitFor({ state: 'detached' });
  }, 90_000);

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
    expect(await page.locator('label.toggle:has-text("Compare with previous period")').count()).toBe(0);
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
    await page.screenshot({ path: join(ARTIFACTS, 'funnels-breakdown.png'), fullPage: true });
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
  }, 60_000);

  it('picks a product: its row is marked, the details name it and come into view', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/products?range=30d`);
    await settle(page);
    // A row far enough down that the details (below the 50-row ranking) start out of view.
    const row = page.locator('#product-ranking tbody tr').nth(20);
    const name = (await row.locator('td').first().textContent())?.trim() ?? '';
    expect(name).not.toMatch(/^P\d+$/);
    expect(
      await page.evaluate(() => (document.getElementById('product-detail')?.getBoundingClientRect().top ?? 0) > window.innerHeight),
    ).toBe(true);
    await row.click();
    await page.waitForSelector('[data-chart=product-trend]');
    expect(await row.getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('table tbody tr[aria-selected=true]').count()).toBe(1);
    expect(await page.locator('#product-detail h2').textContent()).toContain(name);
    // In view whole, once its chart has arrived.
    await page.waitForFunction(() => {
      const box = document.getElementById('product-detail')?.getBoundingClientRect();
      return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight + 1;
    });
    await page.screenshot({ path: join(ARTIFACTS, 'products-picked.png') });
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

  it('creates a storefront key in Settings; an event sent with it shows on the real-time page', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/settings`);
    await settle(page);
    await page.fill('form.builder input[aria-label="Name"]', 'storefront');
    await page.uncheck('[data-testid=scope-read]');
    await page.check('[data-testid=scope-ingest]');
    await page.click('button:has-text("Create key")');
    const key = (await (await page.waitForSelector('[data-testid=new-key]')).textContent()) ?? '';
    expect(key).toMatch(/^slk_/);
    // How the storefront uses it, said beside the key.
    expect(await page.textContent('p:has([data-testid=new-key])')).toContain('POST /api/v1/ingest');
    expect(await page.textContent('table >> text=storefront >> xpath=ancestor::tr')).toContain('Send live events');
    // The storefront's side: one page view, now.
    const sent = await fetch(`${base}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [
          { event_id: 'e2e-live-1', ts: new Date().toISOString(), event: 'page_view', visitor_id: 'e2e-visitor' },
          { event_id: 'e2e-live-2', ts: new Date().toISOString(), event: 'product_view', visitor_id: 'e2e-visitor', product_id: 'P00001' },
        ],
      }),
    });
    expect(sent.status).toBe(200);
    await page.goto(`${base}/shops/${shop}/realtime`);
    await settle(page);
    expect(await page.locator('[data-testid=nothing-today]').count()).toBe(0);
    // Where today's visitor came from: a page view without a referrer or campaign is direct.
    const channels = page.locator('section:has(h2:has-text("Channels today")) tbody tr');
    const direct = channels.filter({ hasText: 'Direct' });
    expect(await direct.count()).toBe(1);
    expect(await direct.locator('td').nth(1).textContent()).toMatch(/^1Yesterday /);
    const visitorsCard = page.locator('.kpi', { hasText: 'Visitors (UV)' });
    expect(await visitorsCard.locator('.kpi-value').textContent()).toBe('1');
    // Today's products by visitors: the one viewed, named from the catalogue.
    await page.click('button:has-text("Visitors") >> nth=-1');
    await page.waitForURL((url) => url.searchParams.get('rank') === 'visitors');
    const viewed = page.locator('section:has(h2:has-text("Top products today")) tbody tr');
    await viewed.first().waitFor();
    expect(await viewed.count()).toBe(1);
    expect(await viewed.locator('td').first().textContent()).not.toMatch(/^P\d+/);
    expect(await viewed.locator('td').nth(1).textContent()).toBe('1');
    // Its card picks what the hourly chart shows.
    expect(await page.locator('.panel h2', { hasText: 'by hour' }).textContent()).toContain('Payment amount');
    await visitorsCard.click();
    await page.waitForURL((url) => url.searchParams.get('metric') === 'uv');
    await page.waitForSelector('.kpi[aria-pressed=true]:has-text("Visitors (UV)")');
    expect(await page.locator('.kpi[aria-pressed=true]').count()).toBe(1);
    expect(await page.locator('.panel h2', { hasText: 'by hour' }).textContent()).toContain('Visitors (UV) by hour');
    await settle(page);
    expect(await blankCharts(page)).toEqual([]);
  }, 60_000);

  it('switches the language and the labels follow', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/imports`);
    await settle(page);
    await page.click('[data-testid=language]');
    await page.waitForSelector('nav >> text=店铺诊断');
    await settle(page);
    expect(await page.locator('nav').textContent()).toContain('漏斗');
    await page.screenshot({ path: join(ARTIFACTS, 'imports-zh.png') });
    await page.click('[data-testid=language]');
    await page.waitForSelector('nav >> text=Diagnosis');
  });

  it('logged no console errors on any page', () => {
    expect(errors).toEqual([]);
  });
});
