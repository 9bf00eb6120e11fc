/**
 * Steps two to four of an import, for one target kind: type the rows — from the raw stage (or a
 * preset's view of it), or batch by batch straight from framed bodies — into a typed stage with a
 * reject reason per row, count what the merge will do, merge the new rows into production once
 * each, and record the rejects.
 */
import {
  markBuyersPending,
  markSessionDaysPending,
  rebuildMarked,
  refreshPendingBuyers,
  refreshPendingSessionDays,
  type Warehouse,
} from '@storelens/sql';
import { channelRuleParams } from './channel-rules.js';
import type { ImportKind } from './import-schemas.js';
import { KIND_SPECS } from './kinds/index.js';
import { priceBandParams } from './price-bands.js';
import { withShopWriteLock } from './shop-write-lock.js';
import { buildTypedStageSql, type StageInput, stageTableName, type TypedStageSql } from './sql/stage-sql.js';

export interface MergeRequest {
  shop: { id: number; timeZone: string; currency: string };
  kind: ImportKind;
  importId: string;
  sourceName: string;
  input: StageInput;
  rawStage: string;
  /** Called right before the typing and merging statements start (tests kill the process here). */
  onPhase?: (phase: 'typing' | 'merging') => void;
  /** Also report which staged lines were rejected (with reasons) and which were new (live ingestion). */
  collectVerdicts?: boolean;
  /** Connection lane (default bulk); live ingestion has its own so requests never wait behind a file import. */
  lane?: 'bulk' | 'ingest';
  /**
   * Leave the merged days' session figures marked for a later recompute instead of recomputing
   * them now (live ingestion: its refresher recomputes a shop's marked days every few seconds).
   */
  deferSessions?: boolean;
}

export interface LineVerdicts {
  rejected: Map<number, string>;
  fresh: Set<number>;
}

export interface MergeOutcome {
  staged: number;
  rejected: number;
  loaded: number;
  updated: number;
  duplicate: number;
  phaseMs: { type: number; count: number; merge: number; sessions: number; buyers: number; rejects: number };
  verdicts?: LineVerdicts;
}

/** A typed stage that is filled and ready to merge; drop it with `dropTypedStage` when done. */
export interface TypedStage {
  sql: TypedStageSql;
  params: Record<string, unknown>;
  typeMs: number;
}

function tagOf(req: MergeRequest) {
  return { purpose: `etl.${req.kind}`, lane: req.lane ?? ('bulk' as const), timeoutSeconds: 3600 };
}

/** Bind only what a statement uses: servers refuse unknown parameters in some versions. */
function bindFor(params: Record<string, unknown>, text: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([k]) => text.includes(`{${k}:`)));
}

/** Creates a request's typed stage, empty (after dropping one a killed run may have left). */
export async function createTypedStage(wh: Warehouse, req: MergeRequest): Promise<TypedStage> {
  const sql = buildTypedStageSql(KIND_SPECS[req.kind], req.importId, req.input, req.rawStage);
  const tag = tagOf(req);
  const params: Record<string, unknown> = {
    tz: req.shop.timeZone,
    currency: req.shop.currency,
    import_id: req.importId,
    source: req.sourceName,
    kind: req.kind,
    imported_at: new Date().toISOString().replace('T', ' ').replace('Z', ''),
    ...channelRuleParams(),
    ...priceBandParams(req.shop.currency),
    ...(req.input.params ?? {}),
  };
  await wh.admin().command(sql.drop, {}, tag);
  await wh.admin().command(sql.create, {}, tag);
  return { sql, params, typeMs: 0 };
}

/**
 * Step two: types the raw stage's rows into a new typed stage. Depends on nothing stored, so live
 * ingestion types one batch while the previous one merges.
 */
export async function typeStage(wh: Warehouse, req: MergeRequest): Promise<TypedStage> {
  const stage = await createTypedStage(wh, req);
  req.onPhase?.('typing');
  const t = performance.now();
  await wh.forShop(req.shop.id).command(stage.sql.typeRows, bindFor(stage.params, stage.sql.typeRows), tagOf(req));
  return { ...stage, typeMs: Math.round(performance.now() - t) };
}

/**
 * Step two for one framed batch of an embedded import: its rows are typed straight from the
 * batch body (shaped like the raw stage), so they are parsed once and never stored as text.
 */
export async function typeBatch(
  wh: Warehouse,
  req: MergeRequest,
  stage: TypedStage,
  batch: { body: Buffer; format: string; structure: string; csvDelimiter?: string },
): Promise<void> {
  const statement = stage.sql.typeRowsFrom;
  await wh
    .forShop(req.shop.id)
    .insertBodyVia(
      statement,
      batch.body,
      batch,
      bindFor(stage.params, statement('')),
      tagOf(req),
      batch.csvDelimiter ? { csvDelimiter: batch.csvDelimiter } : {},
    );
}

/**
 * Drops a request's typed stage and visitor-numbers table, also ones left half-made (errors
 * ignored: a leftover is removed by the stale-staging sweep).
 */
export async function dropTypedStage(wh: Warehouse, req: MergeRequest): Promise<void> {
  for (const kind of ['stage', 'num'] as const) {
    await wh
      .admin()
      .command(`DROP TABLE IF EXISTS ${stageTableName(kind, req.importId)}`, {}, tagOf(req))
      .catch(() => {});
  }
}

interface Counts {
  staged: number;
  rejected: number;
  fresh: number;
  updated: number;
}

/**
 * What the merge will do, and the statements to do it with. A stage that repeats no key needs no
 * "first row in the file wins" pass, which sorts the whole stage in memory (~0.5 KB a row): files
 * and batches rarely repeat a key, and one distinct count tells.
 */
async function countFresh(
  wh: Warehouse,
  req: MergeRequest,
  stage: TypedStage,
): Promise<{ merge: string; counts: Counts; verdicts?: LineVerdicts }> {
  const { sql, params } = stage;
  const scope = wh.forShop(req.shop.id);
  const tag = tagOf(req);
  const [probe] = await scope.rows<{ repeats: number }>(sql.repeats, {}, tag);
  const plan = Number(probe?.repeats) ? { counts: sql.counts, fresh: sql.fresh, merge: sql.merge } : sql.unrepeated;
  if (!req.collectVerdicts) {
    const [counts] = await scope.rows<Counts>(plan.counts, bindFor(params, plan.counts), tag);
    return { merge: plan.merge, counts: counts ?? { staged: 0, rejected: 0, fresh: 0, updated: 0 } };
  }
  // Per-line verdicts give the counts too, so the fresh rows are worked out once, not twice.
  // Each answer is one row of arrays: 44k rows as JSON objects cost more to parse than to find.
  const [[lines], [fresh]] = await Promise.all([
    scope.rows<{ staged: number; rejected: Array<[number, string]> }>(
      `SELECT count() AS staged, groupArrayIf((_line, _reason), _reason != '') AS rejected FROM ${sql.stage} WHERE shop_id = {shop_id:UInt32}`,
      {},
      tag,
    ),
    scope.rows<{ lines: number[]; known: number }>(
      `SELECT groupArray(_line) AS lines, countIf(_known) AS known FROM (${plan.fresh})`,
      bindFor(params, plan.fresh),
      tag,
    ),
  ]);
  const rejected = new Map((lines?.rejected ?? []).map(([line, reason]) => [Number(line), reason]));
  const freshLines = (fresh?.lines ?? []).map(Number);
  return {
    merge: plan.merge,
    counts: { staged: Number(lines?.staged ?? 0), rejected: rejected.size, fresh: freshLines.length, updated: Number(fresh?.known ?? 0) },
    verdicts: { rejected, fresh: new Set(freshLines) },
  };
}

/**
 * Steps three and four: counts what the merge will do, merges the new rows into production once
 * each and records the rejects. Merges of one shop run one at a time (shop-write-lock.ts): each
 * decides what is new, and which visitors need numbers, against what the previous ones stored.
 */
export function mergeTypedStage(wh: Warehouse, req: MergeRequest, stage: TypedStage): Promise<MergeOutcome> {
  return withShopWriteLock(wh, req.shop.id, () => mergeLocked(wh, req, stage));
}

async function mergeLocked(wh: Warehouse, req: MergeRequest, stage: TypedStage): Promise<MergeOutcome> {
  const scope = wh.forShop(req.shop.id);
  const run = (text: string) => scope.command(text, bindFor(stage.params, text), tagOf(req));
  const phaseMs = { type: stage.typeMs, count: 0, merge: 0, sessions: 0, buyers: 0, rejects: 0 };
  const timed = async <T>(name: keyof typeof phaseMs, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const r = await fn();
    phaseMs[name] = Math.round(performance.now() - t);
    return r;
  };
  const { merge, counts: c, verdicts } = await timed('count', () => countFresh(wh, req, stage));
  req.onPhase?.('merging');
  const numbering = stage.sql.numbering;
  const dropNumbers = () => (numbering ? wh.admin().command(numbering.drop, {}, tagOf(req)) : Promise.resolve());
  await timed('merge', async () => {
    // The staged days' session figures (and the staged orders' buyers' days) are marked for a
    // recompute before anything is written, so a merge killed after its insert leaves them marked
    // (start-up recomputes what is marked).
    const { sessionDays, buyers } = stage.sql;
    if (sessionDays) await markSessionDaysPending(scope, sessionDays, bindFor(stage.params, sessionDays), tagOf(req));
    if (buyers) await markBuyersPending(scope, buyers, bindFor(stage.params, buyers), tagOf(req));
    if (numbering) {
      await dropNumbers(); // one a killed run may have left
      for (const step of numbering.steps) await run(step);
    }
    try {
      await run(merge);
    } catch (error) {
      // An INSERT that fails part-way keeps the blocks it finished, and the engine writes a block to
      // events and then to each view's table, not atomically: the marked days' rollups (and the
      // marked buyers' first facts) are rebuilt from what is stored now, so a rerun cannot meet
      // events whose rollup rows are missing. The marks stay for the sessions' and buyers' recompute.
      await rebuildMarked(scope, tagOf(req)).catch(() => {});
      throw error;
    }
  });
  if (stage.sql.sessionDays && !req.deferSessions) await timed('sessions', () => refreshPendingSessionDays(scope, tagOf(req)));
  if (stage.sql.buyers) await timed('buyers', () => refreshPendingBuyers(scope, req.shop.timeZone, tagOf(req)));
  await dropNumbers();
  await timed('rejects', () => run(stage.sql.rejects));
  return {
    staged: c.staged,
    rejected: c.rejected,
    loaded: c.fresh - c.updated,
    updated: c.updated,
    duplicate: c.staged - c.rejected - c.fresh,
    phaseMs,
    ...(verdicts ? { verdicts } : {}),
  };
}

/** Steps two to four in one go (file imports). */
export async function typeAndMerge(wh: Warehouse, req: MergeRequest): Promise<MergeOutcome> {
  try {
    return await mergeTypedStage(wh, req, await typeStage(wh, req));
  } finally {
    await dropTypedStage(wh, req);
  }
}
