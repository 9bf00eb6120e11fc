/** Language choice (kept in localStorage), translated labels and locale-aware number, money and date formats. */
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import type { Definitions } from '../api/types';
import { type CodeKind, codeName, valueName } from './code-names';
import { type Locale, MESSAGES, type MessageKey } from './messages';

export interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (key: MessageKey) => string;
  /** Picks the text of a bilingual pair, e.g. a finding or a metric label. */
  pick: (pair: { en: string; zh: string }) => string;
  /** The name of a code the API speaks in (a channel, an event, an option …); the code itself when it has none. */
  code: (kind: CodeKind, code: string) => string;
  /** A value of `property` by name when the property holds codes (a channel, a device), else as it is. */
  value: (property: string | undefined, value: string) => string;
  /** A metric's label from the definitions the API served with a result; its name until they arrive. */
  metric: (definitions: Definitions | undefined, name: string) => string;
  number: (x: number | null | undefined, digits?: number) => string;
  money: (x: number | null | undefined, currency: string) => string;
  percent: (x: number | null | undefined) => string;
  seconds: (x: number | null | undefined) => string;
  date: (day: string) => string;
}

const Context = createContext<I18n | null>(null);
const intlLocale = (l: Locale) => (l === 'zh' ? 'zh-CN' : 'en-US');

export function makeI18n(locale: Locale, setLocale: (l: Locale) => void): I18n {
  const tag = intlLocale(locale);
  const dash = '—';
  return {
    locale,
    setLocale,
    t: (key) => MESSAGES[locale][key] ?? MESSAGES.en[key],
    pick: (pair) => pair[locale],
    code: (kind, code) => codeName(kind, code, locale),
    value: (property, value) => valueName(property, value, locale),
    metric: (definitions, name) => {
      const d = definitions?.[name];
      return d ? (locale === 'zh' ? d.labelZh : d.label) : name;
    },
    number: (x, digits = 0) =>
      x === null || x === undefined ? dash : new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(x),
    money: (x, currency) =>
      x === null || x === undefined
        ? dash
        : new Intl.NumberFormat(tag, { style: 'currency', currency, maximumFractionDigits: 2 }).format(x),
    percent: (x) =>
      x === null || x === undefined ? dash : new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }).format(x),
    seconds: (x) => {
      if (x === null || x === undefined) return dash;
      if (x < 120) return `${Math.round(x)} s`;
      if (x < 7200) return `${Math.round(x / 60)} min`;
      if (x < 172_800) return `${(x / 3600).toFixed(1)} h`;
      return `${(x / 86_400).toFixed(1)} d`;
    },
    date: (day) => new Intl.DateTimeFormat(tag, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)),
  };
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem('storelens.locale') === 'zh' ? 'zh' : 'en'));
  const value = useMemo(
    () =>
      makeI18n(locale, (l) => {
        localStorage.setItem('storelens.locale', l);
        document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
        setLocaleState(l);
      }),
    [locale],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Context);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
