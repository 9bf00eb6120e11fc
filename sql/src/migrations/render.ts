/**
 * Renders migration statements for a single node (as written) or for a cluster.
 *
 * Cluster form, from the same text:
 *   - each table becomes `<name>_local`, ON CLUSTER, with the Replicated variant of its engine;
 *   - a Distributed table `<name>` over it, sharded by shop_id, so every shop's rows live on
 *     one shard and funnels, cohorts and first facts never need cross-shard joins;
 *   - materialized views run on each shard, from local table to local table;
 *   - ALTER ... COLUMN changes apply to both the local and the Distributed table;
 *   - a backfill (INSERT INTO t [(columns)] SELECT ...) runs once, through the Distributed tables: it reads
 *     every shard and the Distributed table routes each row to its shop's shard.
 * Anything the renderer does not understand is refused rather than guessed.
 */
export interface ClusterTarget {
  cluster: string;
}

const CLUSTER_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const CREATE_TABLE = /^CREATE TABLE IF NOT EXISTS (\w+)\s*\n?\s*\(/;
const CREATE_MV = /^CREATE MATERIALIZED VIEW IF NOT EXISTS (\w+) TO (\w+) AS\b/;
const ALTER_TABLE = /^ALTER TABLE (\w+)\s+(.*)$/s;
const DROP_TABLE = /^DROP (TABLE|VIEW) IF EXISTS (\w+)$/;
const CREATE_JOIN_TABLE = /^CREATE TABLE IF NOT EXISTS (\w+)\s+ENGINE = Join\(/;
const BACKFILL = /^INSERT INTO (\w+)(?:\s*\([\w\s,]*\))?\s+SELECT\b/;
const ENGINE = /\bENGINE\s*=\s*(\w*MergeTree)\b(\s*\(([^)]*)\))?/;

export function localName(table: string): string {
  return `${table}_local`;
}

export function renderSingleNode(statements: readonly string[]): string[] {
  for (const stmt of statements) {
    if (/^CREATE (TABLE|MATERIALIZED VIEW) (?!IF NOT EXISTS)/.test(stmt)) {
      throw new Error(`Migrations must use CREATE ... IF NOT EXISTS so a partial run can be repeated: ${stmt.slice(0, 80)}`);
    }
  }
  return [...statements];
}

/**
 * Renders statements for a cluster. `knownTables` collects every table created so far (across
 * files, in order), so later views and ALTERs can point at the local tables.
 */
export function renderCluster(statements: readonly string[], target: ClusterTarget, knownTables: Set<string> = new Set()): string[] {
  if (!CLUSTER_NAME.test(target.cluster)) throw new Error(`Invalid cluster name "${target.cluster}"`);
  const on = `ON CLUSTER '${target.cluster}'`;
  const out: string[] = [];
  for (const stmt of renderSingleNode(statements)) {
    const table = CREATE_TABLE.exec(stmt);
    if (table?.[1]) {
      const name = table[1];
      knownTables.add(name);
      out.push(replicatedTable(stmt, name, on));
      out.push(
        `CREATE TABLE IF NOT EXISTS ${name} ${on} AS ${localName(name)}\nENGINE = Distributed('${target.cluster}', currentDatabase(), '${localName(name)}', shop_id)`,
      );
      continue;
    }
    const mv = CREATE_MV.exec(stmt);
    if (mv?.[1] && mv[2]) {
      const body = stmt.slice(mv[0].length);
      out.push(`CREATE MATERIALIZED VIEW IF NOT EXISTS ${mv[1]} ${on} TO ${localName(mv[2])} AS${pointAtLocal(body, knownTables)}`);
      continue;
    }
    // A Join table (a lookup for a mutation) on every node, each filled by its own CREATE ... AS
    // SELECT through the Distributed tables, so every node holds all shards' rows.
    const join = CREATE_JOIN_TABLE.exec(stmt);
    if (join?.[1]) {
      out.push(`CREATE TABLE IF NOT EXISTS ${join[1]} ${on}${stmt.slice(`CREATE TABLE IF NOT EXISTS ${join[1]}`.length)}`);
      continue;
    }
    const alter = ALTER_TABLE.exec(stmt);
    if (alter?.[1] && alter[2]) {
      const [, name, action] = alter;
      out.push(`ALTER TABLE ${localName(name)} ${on} ${action}`);
      if (/^(ADD|DROP|MODIFY|RENAME|COMMENT) COLUMN\b/i.test(action.trim())) out.push(`ALTER TABLE ${name} ${on} ${action}`);
      continue;
    }
    const drop = DROP_TABLE.exec(stmt);
    if (drop?.[2]) {
      const name = drop[2];
      if (drop[1] === 'TABLE' && knownTables.has(name)) {
        out.push(`DROP TABLE IF EXISTS ${name} ${on}`);
        out.push(`DROP TABLE IF EXISTS ${localName(name)} ${on}`);
      } else {
        out.push(`DROP ${drop[1]} IF EXISTS ${name} ${on}`);
      }
      continue;
    }
    const backfill = BACKFILL.exec(stmt);
    if (backfill?.[1] && knownTables.has(backfill[1])) {
      out.push(stmt);
      continue;
    }
    throw new Error(`The cluster renderer does not know how to render this statement; extend render.ts: ${stmt.slice(0, 120)}`);
  }
  return out;
}

function replicatedTable(stmt: string, name: string, on: string): string {
  const engine = ENGINE.exec(stmt);
  if (!engine?.[1]) throw new Error(`Table ${name} has no MergeTree-family engine to replicate`);
  const args = engine[3]?.trim();
  const zkPath = `'/clickhouse/tables/{shard}/{database}/${localName(name)}', '{replica}'`;
  const replicated = `ENGINE = Replicated${engine[1]}(${zkPath}${args ? `, ${args}` : ''})`;
  return stmt.replace(CREATE_TABLE, `CREATE TABLE IF NOT EXISTS ${localName(name)} ${on}\n(`).replace(ENGINE, replicated);
}

function pointAtLocal(body: string, tables: Set<string>): string {
  return body.replace(/\b(FROM|JOIN)\s+(\w+)\b/g, (whole, kw: string, table: string) =>
    tables.has(table) ? `${kw} ${localName(table)}` : whole,
  );
}
