/**
 * Imports a file in a preset's layout: the file is staged once, then each of the preset's
 * outputs is typed, merged and checked like any import of its kind, as its own job.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Warehouse } from '@storelens/sql';
import type { ImportKind } from './import-schemas.js';
import { typeAndMerge } from './merge-kind.js';
import type { Preset } from './presets/index.js';
import { FileFormatError } from './readers/csv-framer.js';
import { openSource } from './readers/open-source.js';
import type { ImportProgress, ImportResult, ImportShop } from './run-import.js';
import { normalizeHeader } from './sources/csv-source.js';
import { rawStageOf, stageRaw } from './stage-raw.js';
import { writeFramingRejects } from './write-rejects.js';

export interface PresetImportRequest {
  shop: ImportShop;
  preset: Preset;
  path: string;
  sourceName?: string;
  /** Import (job) ids per output kind; generated when absent. */
  importIds?: Partial<Record<ImportKind, string>>;
  batchBytes?: number;
  onProgress?: (p: ImportProgress & { kind?: ImportKind }) => void;
}

export async function runPresetImport(wh: Warehouse, req: PresetImportRequest): Promise<Partial<Record<ImportKind, ImportResult>>> {
  const started = performance.now();
  const { preset } = req;
  const source = openSource(req.path, 'csv');
  const sourceName = req.sourceName ?? basename(req.path);
  const ids = Object.fromEntries(preset.outputs.map((o) => [o.kind, req.importIds?.[o.kind] ?? randomUUID()])) as Record<
    ImportKind,
    string
  >;
  const stageId = randomUUID();
  const wanted = preset.columns.map(normalizeHeader);
  let columnIndex = new Map<string, number>();
  const staged = await stageRaw(wh, source, req.path, preset.reader, {
    id: stageId,
    ...(req.batchBytes ? { batchBytes: req.batchBytes } : {}),
    checkColumns: (names) => {
      columnIndex = new Map(names.map((n, i) => [normalizeHeader(n), i]));
      const missing = preset.columns.filter((_, i) => !columnIndex.has(wanted[i] ?? ''));
      if (missing.length) {
        throw new FileFormatError(`This is not a ${preset.name} file: it lacks ${missing.join(', ')}. Found: ${names.join(', ')}.`);
      }
    },
    onProgress: (rows) =>
      req.onProgress?.({ phase: 'reading', rowsRead: rows, bytesRead: source.bytesRead(), totalBytes: source.totalBytes }),
  });
  try {
    if (!staged.header && preset.reader.type === 'lines') columnIndex = new Map([['line', 0]]);
    const col = (name: string) => {
      const i = columnIndex.get(normalizeHeader(name));
      if (i === undefined) throw new Error(`preset ${preset.name} refers to unknown column ${name}`);
      return `c${i}`;
    };
    const readMs = Math.round(performance.now() - started);
    const results: Partial<Record<ImportKind, ImportResult>> = {};
    for (const [index, output] of preset.outputs.entries()) {
      const t = performance.now();
      const provided = new Map(output.provides.map((p) => (p.includes('=') ? (p.split('=') as [string, string]) : [p, p])));
      const merged = await typeAndMerge(wh, {
        shop: req.shop,
        kind: output.kind,
        importId: ids[output.kind],
        sourceName: `${sourceName} (${preset.name})`,
        rawStage: rawStageOf(staged).table,
        input: {
          raw: (name) => (provided.has(name) ? `p.${provided.get(name)}` : `''`),
          rawText: 'p._source_text',
          params: preset.params ?? {},
          preChecks: [{ when: `p._reject != ''`, reason: 'p._reject' }],
          from: (raw) => `(${output.select(col, raw)}) AS p`,
        },
        onPhase: (phase) =>
          req.onProgress?.({
            phase,
            kind: output.kind,
            rowsRead: staged.rowsRead,
            bytesRead: source.totalBytes,
            totalBytes: source.totalBytes,
          }),
      });
      // Lines the framer refused belong to the first output's job.
      const framing = index === 0 ? staged.rejects : [];
      await writeFramingRejects(wh, { shopId: req.shop.id, kind: output.kind, importId: ids[output.kind], source: sourceName }, framing);
      results[output.kind] = {
        importId: ids[output.kind],
        rowsRead: merged.staged + framing.length,
        rowsLoaded: merged.loaded,
        rowsUpdated: merged.updated,
        rowsDuplicate: merged.duplicate,
        rowsRejected: merged.rejected + framing.length,
        warnings: [],
        elapsedMs: (index === 0 ? readMs : 0) + (performance.now() - t),
        phaseMs: { read: index === 0 ? readMs : 0, ...merged.phaseMs },
      };
    }
    return results;
  } finally {
    await wh
      .admin()
      .command(rawStageOf(staged).drop, {}, { purpose: 'etl.cleanup', lane: 'bulk' })
      .catch(() => {});
  }
}
