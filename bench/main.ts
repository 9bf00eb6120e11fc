/**
 * `pnpm bench <name>`: benchmarks that print their figures. Each lives in its own file; the
 * README and docs/benchmarks.md record the numbers they printed on the reference machine.
 */
const benches: Record<string, { describe: string; load: () => Promise<{ run: (args: string[]) => Promise<void> }> }> = {
  pool: {
    describe: 'embedded connection lanes: parallel slow queries, interactive query during a bulk job',
    load: () => import('./pool.bench.js'),
  },
  fixtures: { describe: 'generator speed: [size] [format], default demo as CSV and Parquet', load: () => import('./fixtures.bench.js') },
  ingest: { describe: 'live ingestion on loopback: [seconds] [clients] [events per request]', load: () => import('./ingest.bench.js') },
  queries: {
    describe:
      'every analysis for the largest and median shop of a world: API vs direct: [world folder] [only: words of case names, comma-separated]',
    load: () => import('./queries.bench.js'),
  },
  shops: {
    describe: 'the All shops page over [count] shops of a world, one at a time and as many as the pool has: [world] [count]',
    load: () => import('./shops.bench.js'),
  },
  export: {
    describe: 'raw events export: Parquet, Arrow, CSV, JSON lines: rows/s, peak memory, interactive latency meanwhile: [world] [days]',
    load: () => import('./export.bench.js'),
  },
  transfer: {
    describe: 'JSON vs Arrow IPC for dashboard tables: encode, bytes, decode: [rows...]',
    load: () => import('./transfer.bench.js'),
  },
  import: { describe: 'events CSV import speed against the engine’s own file() insert: [file]', load: () => import('./import.bench.js') },
};

const [benchName, ...args] = process.argv.slice(2);
const bench = benchName ? benches[benchName] : undefined;
if (!bench) {
  process.stderr.write(
    `usage: pnpm bench <name> [args]\n\n${Object.entries(benches)
      .map(([n, b]) => `  ${n.padEnd(10)} ${b.describe}`)
      .join('\n')}\n`,
  );
  process.exit(benchName ? 2 : 0);
}
await (await bench.load()).run(args);

export {};
