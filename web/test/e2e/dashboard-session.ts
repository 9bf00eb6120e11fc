/**
 * The browser session the dashboard tests share: the production build of the dashboard, served by
 * the server over a temporary store loaded with the demo world, and one Chromium page (Debian's,
 * through playwright-core; never a downloaded browser). Also the waits every page test needs.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../../server/src/app.js';
import { loadDemoIfEmpty } from '../../../server/src/demo/load-demo.js';
import type { Stores } from '../../../server/src/store/open-stores.js';
import { openTempStores } from '../../../server/test/temp-stores.js';

const CHROMIUM = '/usr/bin/chromium';
const WEB = join(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(WEB, '..', 'test-artifacts', 'e2e');
export const PASSWORD = 'e2e-demo-password-1';
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(`skipping the dashboard browser tests: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run does)`);

let stores: Stores;
let dispose: () => Promise<void>;
let app: Awaited<ReturnType<typeof buildApp>>;
let browser: Browser;
/** The one page the tests drive, in order (the first signs in). */
export let page: Page;
/** Where the server listens, e.g. http://127.0.0.1:40123. */
export let base = '';
/** Console errors and uncaught exceptions seen after signing in. */
export const errors: string[] = [];
/** Per page: first contentful paint and when its data arrived (written to timings.json). */
export const timings: Array<{ page: string; firstContentfulPaintMs: number; dataReadyMs: number }> = [];

/** Builds the dashboard, loads the demo, starts the server and Chromium before the file's tests; stops them after. */
export function startDashboardSession(): void {
  beforeAll(async () => {
    if (!haveChromium) return;
    mkdirSync(ARTIFACTS, { recursive: true });
    await build({ root: WEB, logLevel: 'warn', configFile: join(WEB, 'vite.config.ts') });
    ({ stores, dispose } = await openTempStores({ webDist: join(WEB, 'dist') }));
    process.env.STORELENS_ADMIN_PASSWORD = PASSWORD;
    await loadDemoIfEmpty(stores, { log: () => {} });
    app = await buildApp({ stores, pollSources: true });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 300_000);

  afterAll(async () => {
    if (!haveChromium) return;
    writeFileSync(join(ARTIFACTS, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    await browser?.close();
    await app?.close();
    await dispose?.();
  });
}

/** A page of its own browser context (its own cookies): another user signed in beside the first. */
export async function separatePage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

/** Waits until every panel has its data (none is loading). */
export async function dataReady(p: Page): Promise<void> {
  await p.waitForFunction(
    () => document.querySelectorAll('.panel').length > 0 && document.querySelectorAll('[aria-busy="true"]').length === 0,
    null,
    { timeout: 30_000 },
  );
}

/** Data ready, every chart's library loaded, and time for ECharts to draw (on the next animation frames). */
export async function settle(p: Page): Promise<void> {
  await dataReady(p);
  await p.waitForFunction(() => document.querySelectorAll('.chart-loading').length === 0, null, { timeout: 30_000 });
  await p.waitForTimeout(400);
}

/** The charts whose canvas has nothing drawn on it. */
export async function blankCharts(p: Page): Promise<string[]> {
  return p.evaluate(() =>
    [...document.querySelectorAll('[data-chart]')]
      .filter((el) => {
        const canvas = el.querySelector('canvas');
        if (!canvas) return true;
        const { data } = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return false;
        return true;
      })
      .map((el) => el.getAttribute('data-chart') ?? '?'),
  );
}

/** Unfolds a chart's data ("Chart data" under it) and returns its table's header and body cells as text. */
export async function chartData(chart: string): Promise<{ columns: string[]; rows: string[][] }> {
  const figure = page.locator(`figure:has([data-chart="${chart}"])`);
  await figure.locator('summary', { hasText: 'Chart data' }).click();
  const table = figure.locator(`[data-chart-table="${chart}"]`);
  await table.waitFor();
  const columns = await table.locator('thead th').allTextContents();
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  return { columns, rows };
}
