import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ARTIFACTS, base, page, settle } from './dashboard-session.js';

/**
 * A live room's review (直播间): the Traffic page's live rooms each open the Overview for that room
 * alone; the top bar's Live room filter then holds it on every page, its figures are the API's for
 * that room, and "Show all" gives the whole shop back.
 */
const fetchJson = async <T>(url: string): Promise<T> => (await page.evaluate(async (u) => (await fetch(u)).json(), url)) as T;
const number = (text: string | null) => Number((text ?? '').replace(/[^\d.-]/g, ''));

export function liveRoomChecks(): void {
  it("opens a live room's own overview from the traffic table, held by the top bar's Live room filter", async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/traffic?range=30d&by=live_room`);
    await settle(page);
    // The most visited room (the table's first row with a room; "(none)" is every other visit).
    const row = page.locator('#traffic-table tbody tr', { has: page.locator('td:first-child a') }).first();
    const room = ((await row.locator('td:first-child a').textContent()) ?? '').trim();
    expect(room).not.toBe('');
    const roomVisitors = number(await row.locator('td').nth(1).textContent());
    await page.screenshot({ path: join(ARTIFACTS, 'traffic-live-rooms.png') });
    await row.locator('td:first-child a').click();
    await page.waitForURL(
      (url) => url.pathname.endsWith('/overview') && url.searchParams.getAll('live_room').join() === room && !url.searchParams.has('by'),
    );
    await settle(page);
    await expect.poll(() => page.locator('summary[aria-label="Live room"]').textContent()).toBe(`Live room: ${room}`);

    // The cards are the API's overview of that room: fewer visitors than the whole shop's, and as
    // many as the traffic table gave the room (the same visitors, counted by another query).
    const [from, to] = ((await page.textContent('.range-label')) ?? '').split('–').map((d) => d.trim());
    type Overview = { totals: Record<string, number | null>; filters: Record<string, unknown> };
    const api = await fetchJson<Overview>(`/api/v1/shops/${shop}/analyses/overview?from=${from}&to=${to}&live_room=${room}&compare=none`);
    const whole = await fetchJson<Overview>(`/api/v1/shops/${shop}/analyses/overview?from=${from}&to=${to}&compare=none`);
    expect(api.filters).toEqual({ liveRooms: [room] });
    const card = (metric: string) => page.locator(`#overview-figures button[data-metric="${metric}"] .kpi-value`);
    await expect.poll(async () => number(await card('uv').textContent())).toBe(api.totals.uv);
    expect(api.totals.uv).toBe(roomVisitors);
    expect(api.totals.uv as number).toBeLessThan(whole.totals.uv as number);
    expect(number(await card('paid_orders').textContent())).toBe(api.totals.paid_orders);
    expect(api.totals.paid_orders as number).toBeLessThan(whole.totals.paid_orders as number);
    await page.screenshot({ path: join(ARTIFACTS, 'overview-live-room.png') });

    // The filter lists the shop's rooms, this one ticked; "Show all" is the whole shop again.
    await page.click('summary[aria-label="Live room"]');
    const list = page.locator('fieldset[aria-label="Live room"]');
    expect(await list.locator('label', { hasText: room }).locator('input').isChecked()).toBe(true);
    await page.locator('details.choices', { has: list }).locator('button', { hasText: 'Show all' }).click();
    await page.waitForURL((url) => !url.searchParams.has('live_room'));
    await expect.poll(async () => number(await card('uv').textContent())).toBe(whole.totals.uv);
  }, 60_000);
}
