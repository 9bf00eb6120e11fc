/**
 * Where the real datasets are: STORELENS_DATASETS_DIR, default ../shared/datasets beside the
 * repository. Tests that need them skip, saying so, when they are absent (a user's own clone).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DATASETS_DIR = resolve(process.env.STORELENS_DATASETS_DIR || join(repoRoot, '..', 'shared', 'datasets'));

export function datasetFile(relative: string): string | undefined {
  const path = join(DATASETS_DIR, relative);
  if (existsSync(path)) return path;
  console.warn(`skipping: dataset ${relative} not found under ${DATASETS_DIR} (set STORELENS_DATASETS_DIR to run these tests)`);
  return undefined;
}
