import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['scripts/vitest-global-setup.ts'],
    include: ['{sql,etl,server,fixtures,web}/test/**/*.test.{ts,tsx}'],
    // chDB allows one data directory per process: each test file runs in its own process.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
