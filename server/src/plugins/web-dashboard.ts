/**
 * Serves the built dashboard (web/dist) at `/`, with client-side routes falling back to
 * index.html. API, docs and metrics paths keep their JSON 404s.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const NOT_DASHBOARD = /^\/(api|docs|openapi\.json|metrics|healthz)(\/|$|\?)/;

export async function registerWebDashboard(app: FastifyInstance, webDist: string): Promise<boolean> {
  if (!existsSync(join(webDist, 'index.html'))) {
    app.log.warn({ webDist }, 'dashboard build not found; run "pnpm --filter @storelens/web build" to serve it at /');
    return false;
  }
  await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !NOT_DASHBOARD.test(request.url) && !/\.\w+$/.test(request.url.split('?')[0] ?? '')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` } });
  });
  return true;
}
