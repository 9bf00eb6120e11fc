/**
 * The operator's commands through the CLI's own parser, against a real data directory: a shop
 * created and listed, an events file imported with two bad rows (each rejected with its line and
 * reason, readable with `rejects`), the same file again (every row a duplicate, nothing added), a
 * read key made, listed without its secret and revoked, a user given a role, the events and an analysis
 * exported, and the overview counting the rows that were taken — all worked out from the file written here.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { tempDir } from './temp-stores.js';

const dataDir = tempDir('storelens-operator-cli-');
const cli = (...args: string[]) => runCli(dataDir, ...args);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Shanghai days 2026-06-01 and 06-02. Line 4 has no time stamp a clock could read and line 6 no
// visitor: rejected. Taken: e1–e4, three visitors (v1 twice), four events of two days.
const EVENTS = [
  'event_id,ts,event,visitor_id',
  'e1,2026-06-01T10:00:00+08:00,page_view,v1',
  'e2,2026-06-01T10:05:00+08:00,product_view,v1',
  'e3,2026-06-25T99:00:00+08:00,page_view,v2',
  'e4,2026-06-02T09:00:00+08:00,page_view,v2',
  'e5,2026-06-02T09:30:00+08:00,page_view,',
  'e6,2026-06-02T11:00:00+08:00,page_view,v3',
].join('\n');

describe('the operator’s commands', () => {
  it('create a shop, import with rejects, re-import without duplicates, make a key and a user, export and analyse', async () => {
    const shop = JSON.parse(
      await cli('shops', 'create', '--slug', 'ops-tea', '--name', 'Ops tea', '--org', 'Ops', '--time-zone', 'Asia/Shanghai', '--json'),
    );
    expect(shop).toMatchObject({ slug: 'ops-tea', name: 'Ops tea', currency: 'CNY', time_zone: 'Asia/Shanghai' });
    expect((JSON.parse(await cli('shops', 'list', '--json')) as Array<{ slug: string }>).map((s) => s.slug)).toEqual(['ops-tea']);

    const file = join(dataDir, 'events.csv');
    writeFileSync(file, `${EVENTS}\n`);
    const [first] = JSON.parse(await cli('import', file, '--shop', 'ops-tea', '--kind', 'events', '--json'));
    expect(first).toMatchObject({ kind: 'events', read: 6, loaded: 4, duplicate: 0, rejected: 2 });
    // Each rejected row with its line in the file (the header is line 1), its reason and its text.
    const rejects = JSON.parse(await cli('rejects', '--shop', 'ops-tea', '--job', String(first.job), '--json')) as Array<{
      line: number;
      reason: string;
      raw: string;
    }>;
    expect(rejects.map((r) => Number(r.line)).sort()).toEqual([4, 6]);
    for (const r of rejects) expect(r.reason.length, r.raw).toBeGreaterThan(5);
    expect(rejects.find((r) => Number(r.line) === 4)?.raw).toContain('e3');
    expect(rejects.find((r) => Number(r.line) === 6)?.raw).toContain('e5');

    const [again] = JSON.parse(await cli('import', file, '--shop', 'ops-tea', '--kind', 'events', '--json'));
    expect(again).toMatchObject({ read: 6, loaded: 0, duplicate: 4, rejected: 2 });

    // A read key: its secret printed once, listed by prefix only.
    const key = (await cli('keys', 'create', '--shop', 'ops-tea', '--name', 'reports', '--scopes', 'read')).trim();
    expect(key).toMatch(/^slk_/);
    const keys = JSON.parse(await cli('keys', 'list', '--shop', 'ops-tea', '--json')) as Array<{
      name: string;
      scopes: string;
      prefix: string;
    }>;
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ name: 'reports', scopes: 'read' });
    expect(JSON.stringify(keys)).not.toContain(key);

    // Revoked: listed as such; an id the shop does not have is an error, not a false "revoked".
    const id = String((keys[0] as unknown as { id: number }).id);
    await cli('keys', 'revoke', id, '--shop', 'ops-tea');
    const revoked = JSON.parse(await cli('keys', 'list', '--shop', 'ops-tea', '--json')) as Array<{ revoked_at: string | null }>;
    expect(revoked[0]?.revoked_at).toBeTruthy();
    await expect(cli('keys', 'revoke', '9999', '--shop', 'ops-tea')).rejects.toThrow(/No API key 9999/);

    // The rendered SQL, for an operator applying it by hand, creates the tables.
    expect(await cli('migrate', '--print')).toMatch(/CREATE TABLE IF NOT EXISTS events/);

    await cli('users', 'create', '--email', 'analyst@example.com', '--org', 'Ops', '--role', 'analyst', '--password', 'a long password 1');
    const users = JSON.parse(await cli('users', 'list', '--json')) as Array<{ email: string; roles: string }>;
    expect(users.find((u) => u.email === 'analyst@example.com')?.roles).toBe('analyst of Ops');

    const out = join(dataDir, 'out.csv');
    await cli('export', 'events', '--shop', 'ops-tea', '--from', '2026-06-01', '--to', '2026-06-02', '--out', out);
    const [header = '', ...lines] = readFileSync(out, 'utf8').trim().split('\n');
    const visitor = header.split(',').findIndex((c) => c.replace(/"/g, '').startsWith('visitor_id'));
    expect(visitor).toBeGreaterThanOrEqual(0);
    // The four events taken (the file's event ids are kept as their hashes, the key re-imports dedupe on).
    expect(lines.map((l) => l.split(',')[visitor]?.replace(/"/g, '')).sort()).toEqual(['v1', 'v1', 'v2', 'v3']);

    // An analysis as a file through its route's name (a hyphenated one once built a route that did not exist).
    const bands = join(dataDir, 'bands.csv');
    await cli('export', 'analysis', 'price-bands', '--shop', 'ops-tea', '--query', 'from=2026-06-01&to=2026-06-02', '--out', bands);
    // The CNY ladder's six bands and the products outside the catalogue (none viewed here: no row).
    expect(
      readFileSync(bands, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(',')[0]?.replace(/"/g, '')),
    ).toEqual(['band', '<50', '50-100', '100-200', '200-500', '500-1000', '1000+']);
    await expect(cli('export', 'analysis', 'price_bands', '--shop', 'ops-tea', '--out', bands)).rejects.toThrow(
      /Choose one of .*price-bands/,
    );

    const overview = JSON.parse(
      await cli('analyze', 'overview', '--shop', 'ops-tea', '--from', '2026-06-01', '--to', '2026-06-02', '--json'),
    ) as { totals: { uv: number; pv: number }; daily: Array<{ day: string; uv: number }> };
    // Page and product views: e1, e2, e4, e6; visitors v1, v2, v3; v1 on the first day, v2 and v3 on the second.
    expect(overview.totals).toMatchObject({ uv: 3, pv: 4 });
    expect(overview.daily.map((d) => [d.day, d.uv])).toEqual([
      ['2026-06-01', 1],
      ['2026-06-02', 2],
    ]);
  }, 120_000);
});
