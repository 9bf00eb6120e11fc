/**
 * Serves the built dashboard (web/dist) at `/`. Client-side routes fall back to index.html
 * through the shared not-found handler (registerNotFound).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export async function registerWebDashboard(app: FastifyInstance, webDist: string): Promise<boolean> {
  if (!existsSync(join(webDist, 'index.html'))) {
    app.log.warn({ webDist }, 'dashboard build not found; run "pnpm --filter @storelens/web build" to serve it at /');
    return false;
  }
  await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: ['index.html'] });
  return true;
}
