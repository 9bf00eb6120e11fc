/** The filter flags every `storelens analyze` command takes, as the API's filters. */
import type { Command } from 'commander';
import { type AnalysisFilters, CUSTOMER_TYPES } from '../analyses/filters.js';
import { commaList } from './output.js';

export interface FilterFlags {
  channel?: string;
  device?: string;
  region?: string;
  liveRoom?: string;
  category?: string;
  customer?: string;
}

const FLAGS: Array<[string, string]> = [
  ['--channel <list>', 'only these channels, comma-separated'],
  ['--device <list>', 'only these devices, comma-separated'],
  ['--region <list>', 'only these regions, comma-separated'],
  ['--live-room <list>', 'only the visits through and orders placed in these live rooms, comma-separated'],
  ['--category <list>', 'only these product categories, comma-separated'],
  ['--customer <type>', `new | returning (active in the 360 days before the period) | all`],
];

/** Adds the filter flags a command does not define itself. */
export function addFilterFlags(command: Command): void {
  for (const [flag, help] of FLAGS) {
    const long = flag.split(' ')[0];
    if (!command.options.some((o) => o.long === long)) command.option(flag, help);
  }
}

/** Reads the filter flags from a command's options (every analyze command has them; see addFilterFlags). */
export function filtersFromFlags(commandOptions: object, options: { category?: boolean } = {}): AnalysisFilters {
  const opts = commandOptions as FilterFlags;
  const customer = opts.customer ?? 'all';
  if (!(CUSTOMER_TYPES as readonly string[]).includes(customer)) {
    throw new Error(`--customer ${customer} is not one of ${CUSTOMER_TYPES.join(', ')}`);
  }
  return {
    channels: commaList(opts.channel),
    devices: commaList(opts.device),
    regions: commaList(opts.region),
    liveRooms: commaList(opts.liveRoom),
    categories: options.category === false ? [] : commaList(opts.category),
    customer: customer as AnalysisFilters['customer'],
  };
}
