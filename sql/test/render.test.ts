import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations, renderCluster, renderPlan, splitStatements, withDatabase } from '../src/index.js';

/** Migration files in a temporary folder, loaded. */
function loadFrom(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'storelens-migrations-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return loadMigrations(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('migration files', () => {
  it('are numbered, unique and split into statements', () => {
    const files = loadMigrations();
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(files.map((f) => f.version)).toEqual([...files.map((f) => f.version)].sort((a, b) => a - b));
    for (const f of files) expect(f.statements.length).toBeGreaterThan(0);
  });

  it('puts shop_id first in every table sort key', () => {
    for (const { statements } of loadMigrations()) {
      // (A Join table is an in-memory lookup for a mutation, dropped in the same file: no sort key.)
      for (const stmt of statements.filter((s) => s.startsWith('CREATE TABLE') && !s.includes('ENGINE = Join('))) {
        expect(stmt).toMatch(/ORDER BY \(shop_id,/);
      }
    }
  });

  it('expands BACKFILL into the latest definition of the view, and refuses one it cannot match', () => {
    const view = (select: string) => `CREATE MATERIALIZED VIEW IF NOT EXISTS t_mv TO t AS\n${select};\n`;
    const [first, second] = loadFrom({
      '0001_a.sql': `${view('SELECT 1 AS a FROM events')}BACKFILL t FROM t_mv;\n`,
      '0002_b.sql': `DROP VIEW IF EXISTS t_mv;\n${view('SELECT 2 AS a FROM events')}BACKFILL t FROM t_mv;\n`,
    });
    expect(first?.statements[1]).toBe('INSERT INTO t\nSELECT 1 AS a FROM events');
    expect(second?.statements[2]).toBe('INSERT INTO t\nSELECT 2 AS a FROM events');
    expect(() => loadFrom({ '0001_a.sql': 'BACKFILL t FROM t_mv;\n' })).toThrow(/no earlier statement creates/);
    expect(() => loadFrom({ '0001_a.sql': `${view('SELECT 1')}BACKFILL u FROM t_mv;\n` })).toThrow(/writes to t, not u/);
    expect(() => loadFrom({ '0001_a.sql': `${view('SELECT 1')}DROP VIEW IF EXISTS t_mv;\nBACKFILL t FROM t_mv;\n` })).toThrow(
      /no earlier statement creates/,
    );
  });

  it('refuses a statement that is not idempotent', () => {
    expect(() =>
      renderPlan([{ version: 1, name: 'x', checksum: '', statements: ['CREATE TABLE t (a UInt8) ENGINE = MergeTree ORDER BY a'] }]),
    ).toThrow(/IF NOT EXISTS/);
  });

  it('splits on semicolons at line ends only and drops comment lines', () => {
    expect(splitStatements("-- a; comment\nSELECT 'x;y'\nFROM t;\nSELECT 2;\n")).toEqual(["SELECT 'x;y'\nFROM t", 'SELECT 2']);
  });
});

describe('cluster rendering', () => {
  const plan = renderPlan(loadMigrations(), { cluster: 'shards' });
  const all = plan.flatMap((p) => p.statements);

  it('turns every table into a Replicated local table plus a Distributed table sharded by shop', () => {
    const events = all.filter((s) => /\bevents(_local)?\b/.test(s.split('\n')[0] ?? ''));
    expect(events[0]).toMatch(/^CREATE TABLE IF NOT EXISTS events_local ON CLUSTER 'shards'/);
    expect(events[0]).toContain("ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/events_local', '{replica}')");
    expect(events[0]).toContain('ORDER BY (shop_id, day, event_name, visitor_id, ts)');
    expect(events[1]).toBe(
      "CREATE TABLE IF NOT EXISTS events ON CLUSTER 'shards' AS events_local\nENGINE = Distributed('shards', currentDatabase(), 'events_local', shop_id)",
    );
  });

  it('keeps engine arguments after the replication path', () => {
    const orders = all.find((s) => s.startsWith('CREATE TABLE IF NOT EXISTS orders_local'));
    expect(orders).toContain(
      "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/orders_local', '{replica}', version)",
    );
  });

  it('points materialized views from local table to local table', () => {
    const mv = all.find((s) => s.startsWith('CREATE MATERIALIZED VIEW IF NOT EXISTS daily_channel_metrics_mv'));
    expect(mv).toContain("ON CLUSTER 'shards' TO daily_channel_metrics_local AS");
    expect(mv).toContain('FROM events_local');
    expect(mv).not.toMatch(/FROM events\b(?!_local)/);
  });

  it('applies column changes to both tables and refuses what it does not know', () => {
    const known = new Set(['events']);
    expect(renderCluster(['ALTER TABLE events ADD COLUMN x UInt8'], { cluster: 'c' }, known)).toEqual([
      "ALTER TABLE events_local ON CLUSTER 'c' ADD COLUMN x UInt8",
      "ALTER TABLE events ON CLUSTER 'c' ADD COLUMN x UInt8",
    ]);
    expect(() => renderCluster(['OPTIMIZE TABLE events'], { cluster: 'c' })).toThrow(/does not know/);
    // A backfill runs once through the Distributed tables; into an unknown table it is refused.
    const backfill = 'INSERT INTO events SELECT * FROM events';
    expect(renderCluster([backfill], { cluster: 'c' }, known)).toEqual([backfill]);
    expect(() => renderCluster(['INSERT INTO nowhere SELECT 1'], { cluster: 'c' }, known)).toThrow(/does not know/);
    expect(() => renderCluster([], { cluster: "x'; DROP" })).toThrow(/Invalid cluster name/);
  });

  it('creates the backfill Join table on every node and runs the mutation on the local tables', () => {
    const joinTable = all.find((s) => s.startsWith('CREATE TABLE IF NOT EXISTS visitor_numbers_backfill'));
    expect(joinTable).toBe(
      "CREATE TABLE IF NOT EXISTS visitor_numbers_backfill ON CLUSTER 'shards'\nENGINE = Join(ANY, LEFT, shop_id, visitor_id)\nAS SELECT shop_id, visitor_id, visitor_no FROM visitor_numbers",
    );
    const mutation = all.find((s) => s.includes('UPDATE visitor_no'));
    expect(mutation).toMatch(
      /^ALTER TABLE events_local ON CLUSTER 'shards' UPDATE visitor_no = joinGet\('\{\{database\}\}\.visitor_numbers_backfill'/,
    );
    expect(mutation).toContain('allow_nondeterministic_mutations = 1');
    expect(all).toContain("DROP TABLE IF EXISTS visitor_numbers_backfill ON CLUSTER 'shards'");
  });

  it('fills in the database where a statement names it, and refuses a name it cannot write plainly', () => {
    expect(withDatabase("SELECT joinGet('{{database}}.t', 'v', 1)", 'shop_data')).toBe("SELECT joinGet('shop_data.t', 'v', 1)");
    expect(withDatabase('SELECT 1', "odd'name")).toBe('SELECT 1');
    expect(() => withDatabase("SELECT joinGet('{{database}}.t', 'v', 1)", "odd'name")).toThrow(/not a plain identifier/);
  });

  it('renders the single-node form unchanged', () => {
    const single = renderPlan(loadMigrations());
    expect(single.flatMap((p) => p.statements)).toEqual(loadMigrations().flatMap((f) => f.statements));
  });
});
