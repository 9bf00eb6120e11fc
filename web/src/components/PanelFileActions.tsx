/**
 * A panel's "Download…" menu and "☆ Save as report" side by side, given one table: what the
 * download holds is what a saved report delivers (and reopens the page on). The panel's own
 * controls (a split, say) come first, as children.
 */
import type { ReactNode } from 'react';
import type { Query } from '../api/client';
import { ExportMenu } from './ExportMenu';
import { SavePanelButton } from './SavePanelButton';

export function PanelFileActions({
  path,
  query,
  table,
  analysis,
  params,
  testId,
  children,
}: {
  /** The analysis's API path, for the download. */
  path: string;
  query: Query;
  /** The result's table the panel shows (its split), when the analysis has several. */
  table?: string;
  /** The saved report's analysis and parameters (the table is added to them). */
  analysis: string;
  params: Record<string, unknown>;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <span className="builder panel-form">
      {children}
      <ExportMenu path={path} query={query} table={table} />
      <SavePanelButton analysis={analysis} params={table ? { ...params, table } : params} testId={testId} />
    </span>
  );
}
