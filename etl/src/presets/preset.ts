/**
 * Presets read a real-world file layout and produce one or more import kinds from it. A preset
 * names its source columns and, per output kind, a SELECT over the raw stage that yields the
 * kind's import-schema columns as text (plus `_line`, `_source_text` and an optional `_reject`
 * reason). The typed stage, checks, merge and rejects are the generic ones.
 */
import type { ImportKind } from '../import-schemas.js';
import type { ReaderSpec } from '../stage-raw.js';

export interface PresetOutput {
  kind: ImportKind;
  /**
   * Import-schema columns this output provides, as `name` or `name=outputColumn` when the SELECT
   * must call it something else (an alias may not shadow a column the SELECT still reads).
   */
  provides: string[];
  /** SELECT over the raw stage. `col(name)` is the SQL for a source column's raw text. */
  select(col: (sourceColumn: string) => string, rawStage: string): string;
}

export interface Preset {
  name: string;
  description: string;
  reader: ReaderSpec;
  /** Source columns the file must have. */
  columns: string[];
  /** Shop settings the data assumes (times in the file are local to this zone). */
  shop: { currency: string; timeZone: string };
  /** Parameters the SELECTs use. */
  params?: Record<string, unknown>;
  outputs: PresetOutput[];
}

export const iso = (ts: string) => `formatDateTime(${ts}, '%Y-%m-%dT%H:%i:%S.%fZ', 'UTC')`;
