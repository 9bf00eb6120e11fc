/** Runs `storelens ...args` in this process against a data directory and returns what it wrote to stdout. */
import { vi } from 'vitest';
import { buildProgram } from '../src/cli/main.js';

export async function runCli(dataDir: string, ...args: string[]): Promise<string> {
  const chunks: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const saved = process.env.STORELENS_DATA_DIR;
  process.env.STORELENS_DATA_DIR = dataDir;
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'storelens', ...args]);
  } finally {
    process.env.STORELENS_DATA_DIR = saved;
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return chunks.join('');
}
