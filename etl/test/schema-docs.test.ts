import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderImportSchemas } from '../../scripts/render-import-schemas.js';

describe('docs/import-schemas.md', () => {
  it('matches the schemas in code (regenerate with pnpm docs:schemas)', () => {
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'import-schemas.md'), 'utf8')).toBe(renderImportSchemas());
  });
});
