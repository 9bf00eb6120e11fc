/** `storelens analyze product-diagnosis`: the same diagnosis as GET .../analyses/product-diagnosis. */
import type { Command } from 'commander';
import { comparisonPeriod } from '../analyses/comparison.js';
import { dateRange } from '../analyses/overview.analysis.js';
import { findingRows, marksAround, type ProductDiagnosisResult, productDiagnosis } from '../analyses/product-diagnosis.analysis.js';
import { DIAGNOSIS_RULES } from '../analyses/product-diagnosis-rules.js';
import {
  type AnalysisFlags,
  addOutputFlags,
  analysisCommand,
  type CompareFlags,
  compareParamsOf,
  runAnalysis,
} from './analysis-command.js';
import { type FilterFlags, filtersFromFlags } from './filter-flags.js';

const TABLES = {
  // One row per product and finding, as the file's table.
  findings: (r: ProductDiagnosisResult) => findingRows(r),
  summary: (r: ProductDiagnosisResult) => r.summary,
} as const;

interface Flags extends AnalysisFlags, FilterFlags, CompareFlags {
  minVisitors: string;
  minCartVisitors: string;
  table: string;
}

const wholeNumber = (flag: string, value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} ${value} is not a whole number of 1 or more`);
  return n;
};

export function registerAnalyzeProductDiagnosis(analyze: Command): void {
  addOutputFlags(
    analysisCommand(
      analyze,
      'product-diagnosis',
      'Products to look at: sales or traffic falling, visitors but no sales, low conversion, carts not paid, high refunds; and the rising ones (商品诊断)',
    )
      .option(
        '--min-visitors <n>',
        'visitors a product needs before its conversion or traffic is judged',
        String(DIAGNOSIS_RULES.min_visitors),
      )
      .option(
        '--min-cart-visitors <n>',
        'cart-adding visitors a product needs before its cart-to-pay rate is judged',
        String(DIAGNOSIS_RULES.min_cart_visitors),
      )
      .option('--table <name>', `the rows to print: ${Object.keys(TABLES).join(', ')}`, 'findings'),
    { json: 'print the full result as JSON', csv: 'print the chosen rows as CSV' },
  ).action(async (opts: Flags) => {
    const pick = TABLES[opts.table as keyof typeof TABLES];
    if (!pick) throw new Error(`--table ${opts.table} is not one of ${Object.keys(TABLES).join(', ')}`);
    const thresholds = {
      min_visitors: wholeNumber('min-visitors', opts.minVisitors),
      min_cart_visitors: wholeNumber('min-cart-visitors', opts.minCartVisitors),
    };
    // Always against a comparison period: the one before unless --compare-year or the days are given.
    const compare = { ...compareParamsOf(opts), compare: opts.compareYear ? ('year' as const) : ('previous' as const) };
    await runAnalysis(
      'product-diagnosis',
      opts,
      async (scope, shop, stores) => {
        const range = dateRange(shop, opts.from, opts.to);
        const compared = comparisonPeriod(shop, range, compare, 'previous');
        if (!compared) throw new Error('a product diagnosis needs a comparison period');
        const marks = await marksAround(stores.metadata, shop.id, range, compared);
        return productDiagnosis(scope, shop, range, compared, { ...thresholds, marks }, filtersFromFlags(opts));
      },
      (result) => ({
        rows: pick(result) as unknown as Record<string, unknown>[],
        note: [
          `${result.from}..${result.to} against ${result.compared.from}..${result.compared.to}`,
          `${result.products.length} of ${result.productsJudged} products with a finding`,
          ...result.summary.filter((k) => k.products > 0).map((k) => `${k.kind} ${k.products}`),
        ].join('; '),
      }),
    );
  });
}
