import { generate, OUTPUT_FORMATS, type OutputFormat, SIZE_NAMES, SIZES, type SizeName } from '@storelens/fixtures';
import { type Command, InvalidArgumentError } from 'commander';
import { BadRequestError } from '../errors.js';
import { notice } from './output.js';
import { createProgress } from './progress.js';

function oneOf<T extends string>(values: readonly T[], name: string) {
  return (v: string): T => {
    if (!(values as readonly string[]).includes(v)) throw new InvalidArgumentError(`${name} must be one of ${values.join(', ')}`);
    return v as T;
  };
}

function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive whole number`);
    return n;
  };
}

function yesterdayUtc(): string {
  return new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
}

export function registerFixtures(program: Command): void {
  const fixtures = program.command('fixtures').description('Generate realistic merchant data (deterministic from a seed)');
  fixtures
    .command('generate')
    .description('Write a generated world as import files (one folder per shop) plus manifest.json')
    .requiredOption('--out <dir>', 'output folder (must be empty or absent)')
    .option(
      '--size <size>',
      `preset: ${SIZE_NAMES.map((s) => `${s} (~${SIZES[s].events.toLocaleString('en-US')} events)`).join(', ')}`,
      oneOf(SIZE_NAMES, 'size'),
      'demo',
    )
    .option('--seed <n>', 'random seed; same seed and options give the same bytes', positiveInt('seed'), 42)
    .option('--format <format>', OUTPUT_FORMATS.join(' | '), oneOf(OUTPUT_FORMATS, 'format'), 'csv')
    .option('--end-date <date>', 'last day of the world, YYYY-MM-DD (default: yesterday, UTC)')
    .option('--gzip', 'gzip CSV/JSONL files')
    .option('--shops <n>', 'override the number of shops', positiveInt('shops'))
    .option('--days <n>', 'override the number of days', positiveInt('days'))
    .option('--events <n>', 'override the target number of events', positiveInt('events'))
    .option('--rows-per-file <n>', 'split each kind into parts of at most this many rows', positiveInt('rows-per-file'))
    .option('--workers <n>', 'worker threads (default 2; 1 for tiny)', positiveInt('workers'))
    .option('--dirty <rate>', 'damage this share (0-1) of event and order rows for loader tests; writes dirty.json per shop')
    .action(
      async (opts: {
        out: string;
        size: SizeName;
        seed: number;
        format: OutputFormat;
        endDate?: string;
        gzip?: boolean;
        shops?: number;
        days?: number;
        events?: number;
        rowsPerFile?: number;
        workers?: number;
        dirty?: string;
      }) => {
        const dirty = opts.dirty === undefined ? 0 : Number(opts.dirty);
        if (!(dirty >= 0 && dirty <= 1)) throw new BadRequestError('--dirty must be a number from 0 to 1');
        const endDate = opts.endDate ?? yesterdayUtc();
        const target = opts.events ?? SIZES[opts.size].events;
        const progress = createProgress(`generating ${opts.size}`, target, 'events');
        const started = performance.now();
        const manifest = await generate(
          {
            size: opts.size,
            seed: opts.seed,
            endDate,
            out: opts.out,
            format: opts.format,
            gzip: opts.gzip ?? false,
            dirty,
            ...(opts.shops ? { shops: opts.shops } : {}),
            ...(opts.days ? { days: opts.days } : {}),
            ...(opts.events ? { events: opts.events } : {}),
            ...(opts.rowsPerFile ? { rowsPerFile: opts.rowsPerFile } : {}),
            ...(opts.workers ? { workers: opts.workers } : {}),
          },
          (p) => progress.update(p.events, { shopsDone: p.shopsDone, shops: p.shops }),
        );
        progress.finish({ events: manifest.totals.events });
        const seconds = (performance.now() - started) / 1000;
        const t = manifest.totals;
        notice(
          `wrote ${manifest.shops.length} shops, ${manifest.startDate}..${manifest.endDate}: ${t.events.toLocaleString('en-US')} events, ${t.orders.toLocaleString('en-US')} order versions, ${t.orderItems.toLocaleString('en-US')} order items, ${t.customers.toLocaleString('en-US')} customers in ${seconds.toFixed(1)}s (${Math.round(t.events / seconds).toLocaleString('en-US')} events/s) to ${opts.out}`,
        );
      },
    );
}
