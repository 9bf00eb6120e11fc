import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMetrics } from '../../scripts/render-metrics.js';

describe('docs/metrics.md', () => {
  it('matches the metric catalogue in code (regenerate with pnpm docs:metrics)', () => {
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'metrics.md'), 'utf8')).toBe(renderMetrics());
  });
});
