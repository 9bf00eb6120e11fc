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
  /** Always one decimal (2.0%, 12.5%), so a column of rates lines up and reads at a glance. */
  percent: (x: number | null | undefined) => string;
  seconds: (x: number | null | undefined) => string;
  /** A metric's value as its unit reads (money in the shop's currency, a share as a percentage, an average to two places …). */
  figure: (unit: string | undefined, x: number | null | undefined, currency: string) => string;
  /** How long something took: tenths of a second below 10 s, then as `seconds`. */
  elapsed: (x: number | null | undefined) => string;
  date: (day: string) => string;
  /** An instant as the shop's wall clock, "2026-11-23 14:49:25", in either language (matches the ISO days shown elsewhere). */
  dateTime: (iso: string, timeZone: string) => string;
}

const Context = createContext<I18n | null>(null);
const intlLocale = (l: Locale) => (l === 'zh' ? 'zh-CN' : 'en-US');

export function makeI18n(locale: Locale, setLocale: (l: Locale) => void): I18n {
  const tag = intlLocale(locale);
  const dash = '—';
  const seconds = (x: number | null | undefined): string => {
    if (x === null || x === undefined) return dash;
    if (x < 120) return `${Math.round(x)} s`;
    if (x < 7200) return `${Math.round(x / 60)} min`;
    if (x < 172_800) return `${(x / 3600).toFixed(1)} h`;
    return `${(x / 86_400).toFixed(1)} d`;
  };
  const number = (x: number | null | undefined, digits = 0) =>
    x === null || x === undefined ? dash : new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(x);
  const money = (x: number | null | undefined, currency: string) =>
    x === null || x === undefined ? dash : new Intl.NumberFormat(tag, { style: 'currency', currency, maximumFractionDigits: 2 }).format(x);
  const percent = (x: number | null | undefined) =>
    x === null || x === undefined
      ? dash
      : new Intl.NumberFormat(tag, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
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
    number,
    money,
    percent,
    seconds,
    figure: (unit, x, currency) =>
      unit === 'money'
        ? money(x, currency)
        : unit === 'ratio'
          ? percent(x)
          : unit === 'seconds'
            ? seconds(x)
            : number(x, unit === 'average' ? 2 : unit === 'days' ? 1 : 0),
    elapsed: (x) => (x === null || x === undefined ? dash : x < 10 ? `${x.toFixed(1)} s` : seconds(x)),
    date: (day) => new Intl.DateTimeFormat(tag, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)),
    dateTime: (iso, timeZone) => {
      const parts = Object.fromEntries(
        wallClock(timeZone)
          .formatToParts(new Date(iso))
          .map((p) => [p.type, p.value]),
      );
      return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
    },
  };
}

/** Numeric parts of a wall-clock time in a zone (en-GB: 24-hour, midnight as 00). */
const wallClock = (timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });

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
