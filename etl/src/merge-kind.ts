/**
 * Steps two to four of an import, for one target kind: type the raw stage's rows (or a preset's
 * view of them) into a typed stage with a reject reason per row, count what the merge will do,
 * merge the new rows into production once each, and record the rejects.
 */
import type { Warehouse } from '@storelens/sql';
import { channelRuleParams } from './channel-rules.js';
import type { ImportKind } from './import-schemas.js';
import { KIND_SPECS } from './kinds/index.js';
import { priceBandParams } from './price-bands.js';
import { buildTypedStageSql, type StageInput } from './sql/stage-sql.js';

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
  phaseMs: { type: number; count: number; merge: number; rejects: number };
  verdicts?: LineVerdicts;
}

export async function typeAndMerge(wh: Warehouse, req: MergeRequest): Promise<MergeOutcome> {
  const sql = buildTypedStageSql(KIND_SPECS[req.kind], req.importId, req.input, req.rawStage);
  const scope = wh.forShop(req.shop.id);
  const tag = { purpose: `etl.${req.kind}`, lane: req.lane ?? ('bulk' as const), timeoutSeconds: 3600 };
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
  // Bind only what a statement uses: servers refuse unknown parameters in some versions.
  const bind = (text: string) => Object.fromEntries(Object.entries(params).filter(([k]) => text.includes(`{${k}:`)));
  const phaseMs = { type: 0, count: 0, merge: 0, rejects: 0 };
  const timed = async <T>(name: keyof typeof phaseMs, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const r = await fn();
    phaseMs[name] = Math.round(performance.now() - t);
    return r;
  };
  const run = (text: string) => scope.command(text, bind(text), tag);
  try {
    await wh.admin().command(sql.drop, {}, tag);
    await wh.admin().command(sql.create, {}, tag);
    req.onPhase?.('typing');
    await timed('type', () => run(sql.typeRows));
    let counts: { staged: number; rejected: number; fresh: number; updated: number } | undefined;
    let verdicts: LineVerdicts | undefined;
    if (req.collectVerdicts) {
      // Per-line verdicts give the counts too, so the fresh rows are worked out once, not twice.
      const [lines, fresh] = await timed('count', () =>
        Promise.all([
          scope.rows<{ line: number; reason: string }>(
            `SELECT _line AS line, _reason AS reason FROM ${sql.stage} WHERE shop_id = {shop_id:UInt32}`,
            {},
            tag,
          ),
          scope.rows<{ line: number; known: number }>(`SELECT _line AS line, _known AS known FROM (${sql.fresh})`, bind(sql.fresh), tag),
        ]),
      );
      const rejected = new Map(lines.filter((l) => l.reason !== '').map((l) => [l.line, l.reason]));
      verdicts = { rejected, fresh: new Set(fresh.map((r) => r.line)) };
      counts = { staged: lines.length, rejected: rejected.size, fresh: fresh.length, updated: fresh.filter((r) => r.known).length };
    } else {
      [counts] = await timed('count', () =>
        scope.rows<{ staged: number; rejected: number; fresh: number; updated: number }>(sql.counts, bind(sql.counts), tag),
      );
    }
    req.onPhase?.('merging');
    await timed('merge', () => run(sql.merge));
    await timed('rejects', () => run(sql.rejects));
    const c = counts ?? { staged: 0, rejected: 0, fresh: 0, updated: 0 };
    return {
      staged: c.staged,
      rejected: c.rejected,
      loaded: c.fresh - c.updated,
      updated: c.updated,
      duplicate: c.staged - c.rejected - c.fresh,
      phaseMs,
      ...(verdicts ? { verdicts } : {}),
    };
  } finally {
    await wh
      .admin()
      .command(sql.drop, {}, tag)
      .catch(() => {});
  }
}
