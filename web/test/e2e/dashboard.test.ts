import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ADMIN_EMAIL } from '../../../server/src/demo/load-demo.js';
import { analysisPageChecks } from './analysis-pages.checks.js';
import { audienceChecks } from './audience.checks.js';
import { campaignChecks } from './campaign.checks.js';
import { chartChecks } from './charts.checks.js';
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
import { datasetsPageChecks } from './datasets-page.checks.js';
import { homePageChecks } from './home-page.checks.js';
import { importChecks } from './imports.checks.js';
import { liveRoomChecks } from './live-rooms.checks.js';
import { markedDaysChecks } from './marked-days.checks.js';
import { orderValueChecks } from './order-values.checks.js';
import { phoneChecks } from './phone.checks.js';
import { productsPageChecks } from './products-page.checks.js';
import { reportChecks } from './reports.checks.js';
import { targetsChecks } from './targets.checks.js';
import { viewerChecks } from './viewer.checks.js';

/** The imports page's upload form (the drop-folder form has fields of the same names). */
const _UPLOAD = 'form[aria-label="Upload a file"]';
const PAGES = [
  '',
  'overview',
  'campaign',
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
  'shops',
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

  it('compares every shop side by side, each row its own overview, and opens a shop from its row', async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    // One request brings every shop's figures and diagnosis: no analysis is asked shop by shop (the
    // filter bar's suggestions are the open shop's own).
    const asked: string[] = [];
    const listen = (request: { url: () => string }) => asked.push(new URL(request.url()).pathname);
    page.on('request', listen);
    await page.goto(`${base}/shops/${shop}/shops?range=30d`);
    await settle(page);
    page.off('request', listen);
    expect(asked.filter((p) => /^\/api\/v1\/shops\/[^/]+\/(diagnostics|analyses\/)/.test(p))).toEqual([]);
    expect(
      asked.filter((p) => p === '/api/v1/analyses/shops'),
      asked.join(' '),
    ).toHaveLength(1);
    const session = (await page.evaluate(async () => (await fetch('/api/v1/session')).json())) as {
      shops: Array<{ slug: string; name: string; currency: string; timeZone: string }>;
    };
    expect(session.shops.length).toBeGreaterThan(1);
    const rows = page.locator('#shops-compared tbody tr');
    expect(await rows.count()).toBe(session.shops.length);
    // "Last 30 days" ends yesterday where each shop is: worked out here from the shop's time zone.
    const day = 86_400_000;
    const thirtyDaysOf = (timeZone: string) => {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
      const end = Date.parse(`${today}T00:00:00Z`) - day;
      return { from: new Date(end - 29 * day).toISOString().slice(0, 10), to: new Date(end).toISOString().slice(0, 10) };
    };
    const headers = (await page.locator('#shops-compared th').allTextContents()).map((h) => h.replace('ⓘ', '').trim());
    const uvColumn = headers.findIndex((h) => h.startsWith('Visitors'));
    expect(uvColumn).toBeGreaterThan(0);
    const visitorsOf = new Map<string, number>();
    for (const s of session.shops) {
      const { from, to } = thirtyDaysOf(s.timeZone);
      const overview = (await page.evaluate(
        async (url) => (await fetch(url)).json(),
        `/api/v1/shops/${s.slug}/analyses/overview?from=${from}&to=${to}&compare=previous`,
      )) as { totals: { uv: number } };
      visitorsOf.set(s.slug, overview.totals.uv);
      const row = rows.filter({ has: page.locator(`a:text-is("${s.name}")`) });
      expect(await row.locator('[data-testid=shop-range]').textContent(), s.slug).toBe(`${from} – ${to}`);
      // The figure itself: the cell's first text, before its change.
      const uv = await row
        .locator('td')
        .nth(uvColumn)
        .evaluate((td) => td.firstChild?.textContent ?? '');
      expect(uv, s.slug).toBe(overview.totals.uv.toLocaleString('en-US'));
      // Beside the figures, the shop's diagnosis of the range's last day, as its home page says it.
      const diagnosis = (await page.evaluate(
        async (url) => (await fetch(url)).json(),
        `/api/v1/shops/${s.slug}/diagnostics?date=${to}&period=day`,
      )) as { summary: { en: string }; findings: Array<{ severity: string }> };
      expect((await row.locator('[data-testid=shop-diagnosis]').textContent())?.trim(), s.slug).toBe(diagnosis.summary.en);
      // Coloured by its most serious finding.
      const has = (severity: string) => diagnosis.findings.some((f) => f.severity === severity);
      const worst = has('red') ? 'red' : has('amber') ? 'amber' : 'info';
      expect(await row.locator('[data-testid=shop-diagnosis]').getAttribute('class'), s.slug).toBe(`severity-${worst}`);
    }
    // Within a currency, the largest payment amount first.
    const currencies = (await rows.locator('[data-testid=shop-currency]').allTextContents()).map((c) => c.split('·')[0]?.trim());
    expect(currencies).toEqual([...currencies].sort());
    // The table downloads as shown: a line per shop, in the same order, each shop's own visitors.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#shops-compared select[aria-label="Download…"]').selectOption('csv'),
    ]);
    expect(csv.suggestedFilename()).toBe('all-shops-overview-last-30-days.csv');
    const [header, ...lines] = readFileSync(await csv.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const uvAt = header?.split(',').indexOf('uv (count)') ?? -1;
    expect(uvAt).toBeGreaterThan(0);
    const shown = await rows.locator('td:first-child a').allTextContents();
    expect(lines.map((l) => session.shops.find((s) => s.slug === l.split(',')[0])?.name)).toEqual(shown);
    for (const line of lines) {
      const cells = line.split(',');
      expect(Number(cells[uvAt]), cells[0]).toBe(visitorsOf.get(cells[0] ?? ''));
    }
    await page.locator('#shops-compared').screenshot({ path: join(ARTIFACTS, 'shops-compared.png') });
    const other = session.shops.find((s) => s.slug !== shop) ?? session.shops[0];
    await page.click(`#shops-compared a:text-is("${other?.name}")`);
    await page.waitForURL((url) => url.pathname === `/shops/${other?.slug}`);
    await page.waitForSelector('[data-testid=summary]');
    await page.goto(`${base}/shops/${shop}/?range=30d`);
    await settle(page);
  }, 60_000);

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

  importChecks();
  reportChecks();
  analysisPageChecks();
  audienceChecks();
  homePageChecks();
  liveRoomChecks();
  orderValueChecks();
  datasetsPageChecks();
  productsPageChecks();
  chartChecks();
  markedDaysChecks();
  targetsChecks();
  campaignChecks();
  viewerChecks();
  phoneChecks();

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
          { event_id: 'e2e-live-3', ts: new Date().toISOString(), event: 'add_to_cart', visitor_id: 'e2e-visitor', product_id: 'P00002' },
          { event_id: 'e2e-live-4', ts: new Date().toISOString(), event: 'add_to_cart', visitor_id: 'e2e-visitor', product_id: 'P00002' },
          // The same visitor in a live room just now (a visit through it is the live stream channel).
          { event_id: 'e2e-live-5', ts: new Date().toISOString(), event: 'page_view', visitor_id: 'e2e-visitor', live_room_id: 'e2e-room' },
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
    // Live rooms today, as channels are: the room with its one visitor, none there yesterday.
    const room = page.locator('section:has(h2:has-text("Live rooms today")) tbody tr', { hasText: 'e2e-room' });
    expect(await room.locator('td').nth(1).textContent()).toBe('1Yesterday 0');
    await page.locator('section:has(h2:has-text("Live rooms today"))').screenshot({ path: join(ARTIFACTS, 'realtime-live-rooms.png') });
    // Today's products by visitors: the one viewed, named from the catalogue.
    await page.click('button:has-text("Visitors") >> nth=-1');
    await page.waitForURL((url) => url.searchParams.get('rank') === 'visitors');
    const viewed = page.locator('section:has(h2:has-text("Top products today")) tbody tr');
    await viewed.first().waitFor();
    expect(await viewed.count()).toBe(1);
    expect(await viewed.locator('td').first().textContent()).not.toMatch(/^P\d+/);
    expect(await viewed.locator('td').nth(1).textContent()).toBe('1');
    // By cart adds: the other product, carted twice and never viewed (so not in the list by visitors).
    await page.click('button:has-text("Cart adds")');
    await page.waitForURL((url) => url.searchParams.get('rank') === 'cart');
    const carted = page.locator('section:has(h2:has-text("Top products today")) tbody tr');
    await page.waitForSelector('section:has(h2:has-text("Top products today")) button.active:has-text("Cart adds")');
    expect(await carted.count()).toBe(1);
    expect(await carted.locator('td').nth(2).textContent()).toBe('2');
    expect(await carted.locator('td').nth(1).textContent()).toBe('0');
    await page.locator('section:has(h2:has-text("Top products today"))').screenshot({ path: join(ARTIFACTS, 'realtime-cart.png') });
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
