/** `storelens analyze funnel`: the same funnel as POST .../analyses/funnel, from flags or a JSON file. */
import { readFileSync } from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import type { Command } from 'commander';
import type { CompareParams } from '../analyses/comparison.js';
import { funnel } from '../analyses/funnel/funnel.analysis.js';
import { FunnelBody, type FunnelBodyType, funnelSpecOf } from '../routes/funnel.route.js';
import { addOutputFlags, analysisCommand, type CompareFlags, runRangedAnalysis } from './analysis-command.js';
import { type FilterFlags, filtersFromFlags } from './filter-flags.js';
import { commaList } from './output.js';

interface FunnelFlags extends FilterFlags, CompareFlags {
  shop: string;
  from?: string;
  to?: string;
  spec?: string;
  steps?: string;
  window?: string;
  order?: string;
  exclude?: string[];
  breakdown?: string;
  attribution?: string;
  limit?: string;
  json?: boolean;
  csv?: boolean;
}

/** `coupon_claim:1-2` → an exclusion of coupon_claim between steps 1 and 2. */
function parseExclusion(text: string): { event: string; from_step: number; to_step: number } {
  const m = /^([^:]+):(\d+)-(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`--exclude ${text}: write EVENT:FROM-TO, e.g. coupon_claim:1-2`);
  return { event: m[1] as string, from_step: Number(m[2]), to_step: Number(m[3]) };
}

/** The request body from --spec (a JSON file shaped like the API body) or from the flags. */
export function funnelBodyOf(opts: FunnelFlags): FunnelBodyType {
  const body: Record<string, unknown> = opts.spec
    ? (JSON.parse(readFileSync(opts.spec, 'utf8')) as Record<string, unknown>)
    : {
        steps: commaList(opts.steps).map((event) => ({ event })),
        ...(opts.window ? { window: /^\d+$/.test(opts.window) ? Number(opts.window) : opts.window } : {}),
        ...(opts.order ? { order: opts.order } : {}),
        ...(opts.exclude?.length ? { exclusions: opts.exclude.map(parseExclusion) } : {}),
        ...(opts.breakdown
          ? {
              breakdown: {
                property: opts.breakdown,
                ...(opts.attribution ? { attribution: opts.attribution } : {}),
                ...(opts.limit ? { limit: Number(opts.limit) } : {}),
              },
            }
          : {}),
      };
  if (opts.from) body.from = opts.from;
  if (opts.to) body.to = opts.to;
  const problem = [...Value.Errors(FunnelBody, body)][0];
  if (problem) throw new Error(`Funnel definition: ${problem.path || '(body)'} ${problem.message}`);
  return body as FunnelBodyType;
}

export function registerAnalyzeFunnel(analyze: Command): void {
  addOutputFlags(
    analysisCommand(analyze, 'funnel', 'People per funnel step, conversion and time to convert (rules: docs/funnels.md)')
      .option('--spec <file>', 'a JSON funnel definition, the same body as POST /api/v1/shops/:shop/analyses/funnel')
      .option('--steps <events>', 'step event names, comma-separated (e.g. product_view,add_to_cart,order_paid)')
      .option('--window <duration>', 'conversion window: seconds or 30m, 2h, 14d, 1w (default 1d)')
      .option('--order <order>', 'ordered | strict | unordered')
      .option('--exclude <event:from-to...>', 'exclusion steps, e.g. coupon_claim:1-2')
      .option(
        '--breakdown <property>',
        'channel, device, region, category, campaign, properties.<key>, person.first_channel, person.region, person.member_level, person.signup_month, ...',
      )
      .option('--attribution <model>', 'first_touch | last_touch | all_steps')
      .option('--limit <n>', 'breakdown values to keep (the rest is "(other)")'),
    { json: 'print the full result as JSON', csv: 'print the step rows as CSV' },
  ).action(async (opts: FunnelFlags) => {
    const body = funnelBodyOf(opts) as FunnelBodyType & CompareParams;
    // The comparison from the flags, else from the spec file (the API's body takes it too).
    const compare = {
      compare: opts.compare ?? body.compare === 'previous',
      compareFrom: opts.compareFrom ?? body.compare_from,
      compareTo: opts.compareTo ?? body.compare_to,
    };
    await runRangedAnalysis(
      'funnel',
      { ...opts, ...compare, from: body.from, to: body.to },
      (scope, shop, range) => funnel(scope, shop, range, funnelSpecOf(body), filtersFromFlags(opts)),
      (result, shop) => ({
        rows: result.breakdown
          ? result.breakdown.flatMap((b) => b.steps.map((s) => ({ breakdown: b.value, ...s })))
          : result.steps.map((s) => ({ ...s })),
        note: `${shop.slug}, ${result.from}..${result.to}, window ${result.spec.windowSeconds} s, ${result.spec.order}`,
      }),
    );
  });
}
