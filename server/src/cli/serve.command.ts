import type { Command } from 'commander';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { loadDemoIfEmpty } from '../demo/load-demo.js';
import { Metrics } from '../metrics.js';
import { openStores } from '../store/open-stores.js';
import { notice } from './output.js';

/** How long the demo keeps a "today" after its first start (live-feed.ts). */
const DEMO_LIVE_DAYS = 7;

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start the API and dashboard server (applies pending migrations first)')
    .option('--port <port>', 'port to listen on (PORT)')
    .option('--host <host>', 'address to bind (HOST)')
    .option(
      '--demo',
      'on a store without shops, generate and load the demo world first (resumes an interrupted load); then feed it live for 7 days',
    )
    .action(async (opts: { port?: string; host?: string; demo?: boolean }) => {
      const config = loadConfig(process.env, {
        ...(opts.port ? { port: Number(opts.port) } : {}),
        ...(opts.host ? { host: opts.host } : {}),
      });
      const metrics = new Metrics();
      const stores = await openStores(config, { command: 'serve', observer: metrics.observeQuery });
      if (opts.demo) {
        try {
          await loadDemoIfEmpty(stores, { log: notice, liveDays: DEMO_LIVE_DAYS });
        } catch (error) {
          await stores.close();
          throw error;
        }
      }
      const app = await buildApp({
        stores,
        metrics,
        closeStores: true,
        pollSources: true,
        demoFeed: opts.demo === true,
        scheduleReports: true,
        logger: { level: config.logLevel },
      });
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
      const url = `http://${shownHost}:${port}`;
      stores.lock?.setUrl(url);
      notice(`Storelens is running at ${url}  (API docs: ${url}/docs; stop with Ctrl-C)`);

      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        notice(`received ${signal}: finishing in-flight requests and closing the stores ...`);
        const force = setTimeout(() => {
          notice('shutdown took longer than 30s; exiting');
          process.exit(1);
        }, 30_000);
        force.unref();
        await app.close();
        notice('stopped cleanly.');
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });
}
