/**
 * buildApp: the Fastify application, given open stores. Tests build it with `app.inject()`;
 * `storelens serve` builds it and listens. Plugins own their resources; the stores belong to
 * whoever opened them (closeStores: true hands them to the app's onClose).
 */

import { join } from 'node:path';
import { IngestBatcher, type IngestBatcherOptions } from '@storelens/etl';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { type RegisteredRoute, registerAccess } from './auth/access.js';
import { DemoLiveFeed } from './demo/live-feed.js';
import { ImportRunner } from './imports/import-runner.js';
import { ImportService } from './imports/import-service.js';
import { SourcePoller } from './imports/source-poller.js';
import { Metrics } from './metrics.js';
import { registerErrorHandler, registerNotFound } from './plugins/error-handler.js';
import { registerGracefulShutdown } from './plugins/graceful-shutdown.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerSecurity } from './plugins/security.js';
import { registerWebDashboard } from './plugins/web-dashboard.js';
import { PrivacyService } from './privacy/privacy-service.js';
import { smtpSender } from './reports/email.js';
import { diagnoseThroughApi, renderThroughApi } from './reports/render.js';
import { ReportScheduler } from './reports/scheduler.js';
import { analysesRoutes } from './routes/analyses.route.js';
import { annotationsRoutes } from './routes/annotations.route.js';
import { audienceRoutes } from './routes/audience.route.js';
import { auditRoutes } from './routes/audit.route.js';
import { authRoutes } from './routes/auth.route.js';
import { campaignReviewRoutes } from './routes/campaign-review.route.js';
import { customerAnalysesRoutes } from './routes/customer-analyses.route.js';
import { customerProfileRoutes } from './routes/customer-profile.route.js';
import { datasetRoutes } from './routes/datasets.route.js';
import { diagnosticsRoutes } from './routes/diagnostics.route.js';
import { exportRoutes } from './routes/exports.route.js';
import { funnelRoutes } from './routes/funnel.route.js';
import { healthRoutes } from './routes/health.route.js';
import { importSourcesRoutes } from './routes/import-sources.route.js';
import { importRoutes } from './routes/imports.route.js';
import { ingestRoutes } from './routes/ingest.route.js';
import { metricsRoutes } from './routes/metrics.route.js';
import { orderAnalysesRoutes } from './routes/order-analyses.route.js';
import { privacyRoutes } from './routes/privacy.route.js';
import { productBuyersRoutes } from './routes/product-buyers.route.js';
import { productDiagnosisRoutes } from './routes/product-diagnosis.route.js';
import { refundCustomersRoutes } from './routes/refund-customers.route.js';
import { reportsRoutes } from './routes/reports.route.js';
import { schedulesRoutes } from './routes/schedules.route.js';
import { settingsRoutes } from './routes/settings.route.js';
import { shopsComparedRoutes } from './routes/shops-compared.route.js';
import { targetsRoutes } from './routes/targets.route.js';
import type { Stores } from './store/open-stores.js';
import { STORELENS_VERSION } from './version.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route with the access it declared (the access-matrix test walks this). */
    apiRoutes: RegisteredRoute[];
  }
}

export interface BuildAppOptions {
  stores: Stores;
  metrics?: Metrics;
  logger?: FastifyServerOptions['logger'];
  /** Close the stores when the app closes (the serve command does; tests usually share stores). */
  closeStores?: boolean;
  /** Serve the dashboard build (default: when the build exists). */
  serveDashboard?: boolean;
  /** Poll recurring import sources (the serve command does). */
  pollSources?: boolean;
  /** Live-ingestion batching (tests shorten the delay). */
  ingest?: IngestBatcherOptions;
  /** Release the demo's held-back rows as their time comes, when the demo was loaded with a live feed (serve --demo does). */
  demoFeed?: boolean;
  /** Run scheduled reports (the serve command does; tests pass a clock and tick by hand). */
  scheduleReports?: boolean | { clock?: () => Date; fetch?: typeof fetch; start?: boolean };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The scheduled-reports runner, when this app runs them. */
    reportScheduler: ReportScheduler | null;
  }
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { stores } = options;
  const metrics = options.metrics ?? new Metrics({ defaultMetrics: false });
  const app = Fastify({
    logger: options.logger ?? false,
    // Shutdown: stop accepting, let in-flight requests finish, close idle keep-alive sockets.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: stores.config.trustProxy,
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false } },
  });

  registerErrorHandler(app);
  registerGracefulShutdown(app);
  await registerOpenApi(app, STORELENS_VERSION);

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  await registerSecurity(app, stores.config);
  const routes = registerAccess(app, stores.metadata);
  app.decorate('apiRoutes', routes);

  healthRoutes(app, stores);
  metricsRoutes(app, metrics, stores);
  authRoutes(app, stores.metadata, { email: stores.config.smtpUrl !== undefined });
  const batcher = new IngestBatcher(stores.warehouse, {
    onFlush: metrics.observeIngest,
    onSessionsError: (shopId, error) => {
      metrics.sessionRefreshFailures.inc();
      app.log.error({ err: error, shopId }, "recomputing a shop's daily session figures failed; its days stay marked and are retried");
    },
    ...options.ingest,
  });
  const importService = () => new ImportService(stores.warehouse, stores.metadata, metrics.observeImport);
  ingestRoutes(app, batcher);
  const runner = new ImportRunner(importService(), (error, job) =>
    app.log.error({ err: error, file: job.sourceName, shop: job.shop.slug }, 'import failed'),
  );
  importRoutes(app, stores, runner, stores.metadata);
  importSourcesRoutes(app, stores.metadata, stores.config.dropDir);
  privacyRoutes(app, new PrivacyService(stores.warehouse, stores.metadata));
  settingsRoutes(app, stores.metadata, stores.warehouse);
  auditRoutes(app, stores.metadata);
  analysesRoutes(app, stores);
  orderAnalysesRoutes(app, stores);
  customerAnalysesRoutes(app, stores);
  customerProfileRoutes(app, stores);
  productBuyersRoutes(app, stores);
  refundCustomersRoutes(app, stores);
  shopsComparedRoutes(app, stores);
  funnelRoutes(app, stores);
  audienceRoutes(app, stores);
  diagnosticsRoutes(app, stores);
  reportsRoutes(app, stores.metadata);
  annotationsRoutes(app, stores.metadata);
  targetsRoutes(app, stores);
  campaignReviewRoutes(app, stores);
  productDiagnosisRoutes(app, stores);
  schedulesRoutes(app, stores.metadata, { email: stores.config.smtpUrl !== undefined });
  datasetRoutes(app, stores);
  exportRoutes(app, stores);
  const scheduling = options.scheduleReports;
  const scheduler = scheduling
    ? new ReportScheduler({
        db: stores.metadata,
        reportsDir: stores.config.reportsDir,
        render: renderThroughApi(app, stores),
        diagnose: diagnoseThroughApi(app, stores),
        ...(stores.config.smtpUrl ? { email: smtpSender(stores.config.smtpUrl, stores.config.smtpFrom) } : {}),
        ...(typeof scheduling === 'object' ? { clock: scheduling.clock, fetch: scheduling.fetch } : {}),
        log: (m) => app.log.info(m),
      })
    : null;
  app.decorate('reportScheduler', scheduler);
  if (scheduler && (typeof scheduling !== 'object' || scheduling.start !== false)) app.addHook('onReady', async () => scheduler.start());
  // Recurring sources (drop folders, URLs) are polled by the serving process only.
  const poller = new SourcePoller(stores.metadata, importService(), join(stores.config.dataDir, 'downloads'));
  if (options.pollSources) poller.start(10_000, (error) => app.log.error({ err: error }, 'import source poll failed'));

  const feed =
    options.demoFeed && DemoLiveFeed.present(stores.config.dataDir)
      ? new DemoLiveFeed(stores, batcher, importService(), { log: (m) => app.log.info(m) })
      : null;
  if (feed) app.addHook('onReady', async () => feed.start());

  const dashboard = options.serveDashboard !== false && (await registerWebDashboard(app, stores.config.webDist));
  registerNotFound(app, { dashboard });

  // One close hook, in order: queued events are written before the stores close.
  app.addHook('onClose', async () => {
    await scheduler?.stop();
    await feed?.stop();
    await batcher.close();
    await poller.stop();
    await runner.close();
    if (options.closeStores) await stores.close();
  });
  return app;
}
