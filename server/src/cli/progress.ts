/**
 * Progress for long commands: a bar with count, rate and ETA on a terminal; one JSON object per
 * second on stderr when not a terminal (CI logs, pipes), so machines can follow along too.
 */
export interface Progress {
  update(done: number, extra?: Record<string, unknown>): void;
  finish(extra?: Record<string, unknown>): void;
}

export function createProgress(label: string, total: number, unit: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  let last = 0;
  let lastDone = 0;
  const tty = Boolean(stream.isTTY);
  const render = (done: number, extra: Record<string, unknown> | undefined, final: boolean) => {
    const now = performance.now();
    if (!final && now - last < (tty ? 100 : 1000)) return;
    last = now;
    lastDone = done;
    const seconds = (now - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 && total > done ? (total - done) / rate : 0;
    if (!tty) {
      stream.write(
        `${JSON.stringify({ progress: label, done, total, unit, rate: Math.round(rate), elapsedSeconds: +seconds.toFixed(1), etaSeconds: Math.round(eta), ...extra, ...(final ? { finished: true } : {}) })}\n`,
      );
      return;
    }
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const width = 28;
    const bar = '█'.repeat(Math.round(fraction * width)).padEnd(width, '░');
    const line = `${label} ${bar} ${(fraction * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString('en-US')} ${unit}  ${Math.round(rate).toLocaleString('en-US')}/s  ${final ? `${seconds.toFixed(1)}s` : `ETA ${eta.toFixed(0)}s`}`;
    stream.write(`\r${line}\u001b[K${final ? '\n' : ''}`);
  };
  return {
    update: (done, extra) => render(done, extra, false),
    finish: (extra) => render(Math.max(lastDone, total), extra, true),
  };
}
