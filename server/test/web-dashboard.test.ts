import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores, tempDir } from './temp-stores.js';

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
const webDist = tempDir('storelens-web-');

beforeAll(async () => {
  mkdirSync(join(webDist, 'assets'), { recursive: true });
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Storelens</title><div id="root"></div>');
  writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log("app")');
  ({ stores, dispose } = await openTempStores({ webDist }));
  app = await buildApp({ stores });
});
afterAll(async () => {
  await app.close();
  await dispose();
});

describe('serving the built dashboard', () => {
  it('serves index.html at / and for client-side routes', async () => {
    for (const url of ['/', '/traffic', '/shops/lotus-tea/funnels?from=2026-01-01']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('serves assets and answers missing assets and API paths with 404', async () => {
    expect((await app.inject({ method: 'GET', url: '/assets/app.js' })).body).toContain('console.log');
    expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    const api = await app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('NOT_FOUND');
  });
});
