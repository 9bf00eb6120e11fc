import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, usesDataDir } from '../src/config.js';

describe('configuration', () => {
  it('defaults to the embedded stores in ./data on localhost:3000', () => {
    const c = loadConfig({});
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.clickhouse).toBeUndefined();
    expect(c.databaseUrl).toBeUndefined();
    expect([c.host, c.port]).toEqual(['127.0.0.1', 3000]);
    expect(usesDataDir(c)).toBe(true);
  });

  it('switches to server mode with CLICKHOUSE_URL and DATABASE_URL', () => {
    const c = loadConfig({ CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_DATABASE: 'shop', DATABASE_URL: 'postgres://u@db/x' });
    expect(c.clickhouse).toEqual({ url: 'http://ch:8123', user: 'default', password: '', database: 'shop' });
    expect(usesDataDir(c)).toBe(false);
  });

  it('refuses bad values with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT=eighty/);
    expect(() => loadConfig({ CLICKHOUSE_URL: 'ch:8123' })).toThrow(/CLICKHOUSE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
