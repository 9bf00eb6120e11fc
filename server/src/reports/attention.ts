/**
 * Whether a diagnosis (or a product diagnosis) needs the merchant's attention, for schedules that
 * deliver it only then (report_schedules.only_when): a morning alert instead of a morning file. A figure's status is
 * the diagnosis's own (normal, watch from 2 spreads off its usual range, abnormal from 3;
 * docs/metrics.md, `baseline`).
 */
export type AttentionThreshold = 'watch' | 'abnormal';
export const ATTENTION_THRESHOLDS: readonly AttentionThreshold[] = ['watch', 'abnormal'];

export interface FigureStatus {
  metric: string;
  status: string;
}

/**
 * Deliver when some figure is at the threshold or worse; the note names them, or says why not.
 * `noun`: what the statuses are of — a diagnosis's figures, or a product diagnosis's findings
 * (each product's finding with FINDING_STATUS's status).
 */
export function attentionOf(
  figures: readonly FigureStatus[],
  threshold: AttentionThreshold,
  noun: [one: string, many: string] = ['figure', 'figures'],
): { deliver: boolean; note: string } {
  const counts = threshold === 'watch' ? ['watch', 'abnormal'] : ['abnormal'];
  const hits = figures.filter((f) => counts.includes(f.status));
  const level = threshold === 'watch' ? 'at watch or worse' : 'abnormal';
  if (hits.length > 0)
    return {
      deliver: true,
      note: `${hits.length} ${hits.length === 1 ? noun[0] : noun[1]} ${level}: ${hits.map((f) => `${f.metric} (${f.status})`).join(', ')}`,
    };
  const byStatus = new Map<string, number>();
  for (const f of figures) byStatus.set(f.status, (byStatus.get(f.status) ?? 0) + 1);
  const summary = [...byStatus].map(([status, n]) => `${n} ${status}`).join(', ');
  return { deliver: false, note: `no ${noun[0]} ${level}${summary ? ` (${summary})` : ''}` };
}
