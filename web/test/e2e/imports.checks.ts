/**
 * The dashboard tests of getting data in: a file uploaded on the Imports page (its job and its
 * rejected row), and a drop folder the server polls. Declared inside dashboard.test.ts, in its
 * one browser session, after signing in.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../../../server/test/temp-stores.js';
import { ARTIFACTS, base, page, settle } from './dashboard-session.js';

/** The imports page's upload form (the drop-folder form has fields of the same names). */
const UPLOAD = 'form[aria-label="Upload a file"]';

/** Upload and drop-folder tests, in order. */
export function importChecks(): void {
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
}
