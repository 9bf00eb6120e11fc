/** `storelens diagnose`: the store diagnosis, as the API and the dashboard's home page give it. */
import type { Command } from 'commander';
import { type DiagnosisPeriod, diagnose } from '../analyses/diagnostics/diagnostics.analysis.js';
import { withMarkedDays } from '../analyses/diagnostics/marked-days.js';
import { AnnotationsRepo, ShopsRepo, TargetsRepo } from '../metadata/index.js';
import { addFilterFlags, filtersFromFlags } from './filter-flags.js';
import { printRows } from './output.js';
import { withStores } from './with-stores.js';

export function registerDiagnose(program: Command): void {
  const command = program
    .command('diagnose')
    .description('What moved on a day (or week), why, and what to look at first')
    .requiredOption('--shop <slug>', 'shop')
    .option('--date <date>', 'the day, or the last day of the week (default: yesterday, shop-local)')
    .option('--period <period>', 'day | week', 'day')
    .option('--lang <lang>', 'en | zh', 'en')
    .option('--moved-by <by>', 'where the payment amount moved: channel | category', 'channel')
    .option('--json', 'print the full diagnosis as JSON')
    .action(async (opts: { shop: string; date?: string; period: string; lang: string; movedBy: string; json?: boolean }) => {
      if (opts.period !== 'day' && opts.period !== 'week') throw new Error(`--period ${opts.period} is not one of day, week`);
      if (opts.movedBy !== 'channel' && opts.movedBy !== 'category')
        throw new Error(`--moved-by ${opts.movedBy} is not one of channel, category`);
      const lang = opts.lang === 'zh' ? 'zh' : 'en';
      await withStores('diagnose', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        const diagnosed = await diagnose(
          stores.warehouse.forShop(shop.id),
          shop,
          {
            date: opts.date,
            period: opts.period as DiagnosisPeriod,
            targetsOf: (month) => new TargetsRepo(stores.metadata).get(shop.id, month),
          },
          filtersFromFlags(opts),
        );
        // With the marked days it reads with, as the API answers.
        const d = await withMarkedDays(diagnosed, (range) => new AnnotationsRepo(stores.metadata).list(shop.id, range));
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(d, null, 2)}\n`);
          return;
        }
        const out = (s: string) => process.stdout.write(`${s}\n`);
        out(`${shop.name} — ${d.period === 'day' ? d.to : `${d.from}..${d.to}`} (${shop.time_zone}, ${shop.currency})`);
        out(d.summary[lang]);
        out('');
        printRows(
          d.figures.map((f) => ({
            metric: f.label[lang],
            value: f.value ?? '',
            previous: f.previous ?? '',
            last_week: f.same_weekday_last_week ?? '',
            expected: f.baseline.expected ?? '',
            z: f.baseline.z ?? '',
            status: f.baseline.status + (f.provisional ? ' (provisional)' : ''),
          })),
          'table',
        );
        const c = d.decomposition;
        out('');
        out(
          `payment amount ${c.gmv_before} → ${c.gmv_after} (${c.change >= 0 ? '+' : ''}${c.change}): traffic ${c.traffic}, conversion ${c.conversion}, spend per buyer ${c.aov}${c.unexplained ? `, unexplained ${c.unexplained}` : ''}`,
        );
        // Where it moved: the change by channel or category in its parts (the home page's panel).
        out('');
        out(`where it moved, by ${opts.movedBy}, against ${d.compared.from}..${d.compared.to}:`);
        printRows(
          (opts.movedBy === 'category' ? d.byCategory : d.byChannel).map((s) => ({
            [opts.movedBy]: s.segment,
            before: s.gmv_before,
            after: s.gmv_after,
            change: s.change,
            traffic: s.traffic_effect,
            mix: s.mix_effect,
            conversion: s.conversion_effect,
            spend_per_buyer: s.aov_effect,
            unexplained: s.unexplained,
          })),
          'table',
        );
        out('');
        for (const f of d.findings) out(`${f.rank}. [${f.severity}] ${f.text[lang]}  → ${f.link.page}`);
        out('');
        for (const h of d.health) out(`${h.status.padEnd(5)} ${h.area}: ${h.reason[lang]}`);
        for (const r of d.provisional.reason) out(`provisional: ${r[lang]}`);
      });
    });
  addFilterFlags(command);
}
