/** A dashboard panel with its title and the loading, error and empty states every panel needs. */
import { createContext, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

/** The title of the panel a chart sits in: the chart's accessible name (a canvas has none of its own). */
export const PanelTitle = createContext('');

export function Panel(props: {
  title: string;
  loading?: boolean;
  error?: unknown;
  empty?: boolean;
  /** What the empty state says when "no data" would mislead (e.g. the data is there but not yet complete). */
  emptyText?: string;
  actions?: ReactNode;
  wide?: boolean;
  /** The section's element id, for a page that scrolls to it. */
  id?: string;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  let body: ReactNode = props.children;
  if (props.error) {
    const message = props.error instanceof Error ? props.error.message : String(props.error);
    body = (
      <div className="state state-error" role="alert">
        {t('state.error')}: {message}
      </div>
    );
  } else if (props.loading) body = <div className="state state-loading">{t('state.loading')}</div>;
  else if (props.empty) body = <div className="state state-empty">{props.emptyText ?? t('state.empty')}</div>;
  return (
    <section id={props.id} className={`panel${props.wide ? ' panel-wide' : ''}`} aria-busy={props.loading ? 'true' : 'false'}>
      <header className="panel-head">
        <h2>{props.title}</h2>
        {props.actions}
      </header>
      <PanelTitle.Provider value={props.title}>{body}</PanelTitle.Provider>
    </section>
  );
}
