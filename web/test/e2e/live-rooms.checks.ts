import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ARTIFACTS, base, page, settle } from './dashboard-session.js';

/**
 * A live room's review (直播间): the Traffic page's live rooms each open the Overview for that room
 * alone; the top bar's Live room filter then holds it on every page, a notice says what the figures
 * count, they are the API's for that room, and the notice's button gives the whole shop back.
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
    // A line under the top bar says what every figure now counts, and what "new" means there.
    expect(await page.textContent('[data-testid=filters-notice]')).toContain(
      `Only Live room: ${room}: every figure here counts those rows alone`,
    );

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

    // The filter lists the shop's rooms, this one ticked; the notice's button is the whole shop again.
    await page.click('summary[aria-label="Live room"]');
    const list = page.locator('fieldset[aria-label="Live room"]');
    expect(await list.locator('label', { hasText: room }).locator('input').isChecked()).toBe(true);
    await page.mouse.click(5, 890);
    await page.locator('[data-testid=filters-notice] button', { hasText: 'Show the whole shop' }).click();
    await page.waitForURL((url) => !url.searchParams.has('live_room'));
    await expect.poll(async () => number(await card('uv').textContent())).toBe(whole.totals.uv);
    expect(await page.locator('[data-testid=filters-notice]').count()).toBe(0);
  }, 60_000);

  it("lists the diagnosed day's live rooms on the home page against the compared day, each opening its Overview", async () => {
    const shop = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${base}/shops/${shop}/?range=7d`);
    await settle(page);
    const [, to] = ((await page.textContent('.range-label')) ?? '').split('–').map((d) => d.trim());
    const d = await fetchJson<{ from: string; to: string; compared: { from: string; to: string } }>(
      `/api/v1/shops/${shop}/diagnostics?date=${to}&period=day`,
    );
    type Traffic = { rows: Array<{ value: string; visitors: number }> };
    const api = await fetchJson<Traffic>(
      `/api/v1/shops/${shop}/analyses/traffic?from=${d.from}&to=${d.to}&by=live_room&compare_from=${d.compared.from}&compare_to=${d.compared.to}`,
    );
    const rooms = api.rows.filter((r) => r.value !== '');
    expect(rooms.length).toBeGreaterThan(0);
    const rows = page.locator('#live-rooms tbody tr');
    await expect.poll(() => rows.count()).toBe(rooms.length);
    expect((await rows.locator('td:first-child').allTextContents()).map((x) => x.trim())).toEqual(rooms.map((r) => r.value));
    expect((await rows.locator('td:nth-child(2)').allTextContents()).map(number)).toEqual(rooms.map((r) => r.visitors));
    // Compared with the day the diagnosis compares with: the change columns are there.
    expect(await page.locator('#live-rooms th', { hasText: 'Δ' }).count()).toBe(2);
    await page.locator('#live-rooms').screenshot({ path: join(ARTIFACTS, 'home-live-rooms.png') });
    // Its stream review (直播复盘): the campaign review of the diagnosed days for that room alone,
    // its extra payment amount the API's for the room.
    const review = rows.first().locator('[data-testid=live-room-review]');
    expect(await review.getAttribute('href')).toContain('/campaign?');
    await review.click();
    await page.waitForURL(
      (url) =>
        url.pathname.endsWith('/campaign') &&
        url.searchParams.get('live_room') === rooms[0]?.value &&
        url.searchParams.get('from') === d.from &&
        url.searchParams.get('to') === d.to,
    );
    const campaign = await fetchJson<{ filters: Record<string, unknown>; summary: { extra_gmv: number } }>(
      `/api/v1/shops/${shop}/analyses/campaign-review?from=${d.from}&to=${d.to}&live_room=${encodeURIComponent(rooms[0]?.value ?? '')}`,
    );
    expect(campaign.filters).toEqual({ liveRooms: [rooms[0]?.value] });
    const extra = page.locator('[data-metric=extra_gmv] .kpi-value');
    await expect
      .poll(async () => Math.abs(number(await extra.textContent())), { timeout: 20_000 })
      .toBeCloseTo(Math.abs(campaign.summary.extra_gmv), 2);
    await page.goBack();
    await settle(page);
    await rows.first().locator('td:first-child a').click();
    await page.waitForURL(
      (url) =>
        url.pathname.endsWith('/overview') &&
        url.searchParams.get('live_room') === rooms[0]?.value &&
        url.searchParams.get('from') === d.from &&
        url.searchParams.get('to') === d.to,
    );
  }, 60_000);
}
