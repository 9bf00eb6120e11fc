/**
 * Every shop side by side as a file: a row per shop. Its money is in that row's own currency and
 * its dates are days in that row's own time zone, so those columns' units name the columns that
 * hold them rather than one currency or zone.
 */

import { METRICS } from '../analyses/metrics-catalogue.js';
import { flatShopRow, SHOP_FIGURES, type ShopsComparedResult } from '../analyses/shops-compared.analysis.js';
import type { Column, ExportTable } from './table.js';

export function shopsTable(result: ShopsComparedResult): ExportTable {
  const columns: Column[] = [
    { name: 'shop', type: 'string', unit: null },
    { name: 'name', type: 'string', unit: null },
    { name: 'currency', type: 'string', unit: null },
    { name: 'time_zone', type: 'string', unit: null },
    { name: 'from', type: 'date', unit: 'time_zone' },
    { name: 'to', type: 'date', unit: 'time_zone' },
    ...SHOP_FIGURES.flatMap((figure): Column[] => {
      const unit = METRICS[figure].unit;
      return [
        { name: figure, type: 'number', unit: unit === 'money' ? 'currency' : unit },
        { name: `${figure}_change`, type: 'number', unit: 'ratio' },
      ];
    }),
    { name: 'diagnosis_severity', type: 'string', unit: null },
    { name: 'diagnosis_en', type: 'string', unit: null },
    { name: 'diagnosis_zh', type: 'string', unit: null },
    { name: 'target_share', type: 'number', unit: 'ratio' },
    { name: 'target_pace', type: 'number', unit: 'average' },
    { name: 'refused', type: 'string', unit: null },
  ];
  return { name: 'overview', columns, rows: result.rows.map(flatShopRow) };
}
