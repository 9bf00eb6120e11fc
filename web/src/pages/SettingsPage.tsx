/** Settings: the shop's name, time zone and currency; monthly targets; members and roles; API keys. */
import { type FormEvent, useState } from 'react';
import { useKeys, useMembers, useShopWrite } from '../api/hooks';
import type { ApiKeyView } from '../api/types';
import { useShop } from '../app/shop-context';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ReportsPanel } from './ReportsPanel';
import { TargetsSettingsPanel } from './TargetsSettingsPanel';

// The scopes a shop API key can carry (server: API_KEY_SCOPES).
const KEY_SCOPES = ['read', 'ingest'] as const;

// The IANA zones the browser knows, offered as the time zone is typed (the server checks it too).
const TIME_ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

const ROLES = ['owner', 'admin', 'operator', 'analyst', 'viewer'];

export default function SettingsPage() {
  const { shop } = useShop();
  const { t } = useI18n();
  const [name, setName] = useState(shop.name);
  const [timeZone, setTimeZone] = useState(shop.timeZone);
  const [currency, setCurrency] = useState(shop.currency);
  const saveShop = useShopWrite(shop.slug, ['session']);
  const members = useMembers(shop.slug);
  const keys = useKeys(shop.slug);
  const writeMember = useShopWrite<{ initialPassword?: string }>(shop.slug, ['members']);
  const writeKey = useShopWrite<{ key: string; scopes: string[] }>(shop.slug, ['keys']);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('analyst');
  const [keyName, setKeyName] = useState('');
  // What a key may do: read analyses and exports, or send the storefront's live events (or both).
  const [keyScopes, setKeyScopes] = useState<string[]>(['read']);
  const scopeName = (scope: string) => t(`settings.scope.${scope}` as MessageKey);
  const submitShop = (e: FormEvent) => {
    e.preventDefault();
    saveShop.mutate({ method: 'PATCH', path: '', body: { name, timeZone, currency } });
  };
  return (
    <div className="grid">
      <Panel title={t('settings.shop')}>
        <form className="stack" onSubmit={submitShop}>
          <label>
            {t('common.name')} <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            {t('settings.timeZone')} <input list="time-zones" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />
            <datalist id="time-zones">
              {TIME_ZONES.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </label>
          <label>
            {t('settings.currency')} <input value={currency} onChange={(e) => setCurrency(e.target.value.toUpperCase())} maxLength={3} />
          </label>
          <button type="submit" className="primary" disabled={saveShop.isPending}>
            {t('settings.save')}
          </button>
          {saveShop.error ? (
            <span className="state-error" role="alert">
              {(saveShop.error as Error).message}
            </span>
          ) : null}
          {saveShop.isSuccess ? <span className="muted">✓</span> : null}
        </form>
      </Panel>
      <TargetsSettingsPanel />
      <Panel title={t('settings.members')} loading={members.isLoading} error={members.error}>
        <Table
          rowKey={(m) => m.email}
          rows={members.data?.members ?? []}
          columns={[
            { key: 'email', label: t('auth.email'), render: (m) => m.email },
            { key: 'role', label: t('settings.role'), render: (m) => m.role },
          ]}
        />
        <form
          className="builder"
          onSubmit={(e) => {
            e.preventDefault();
            writeMember.mutate({ method: 'PUT', path: '/members', body: { email, role } });
          }}
        >
          <input aria-label={t('auth.email')} placeholder={t('auth.email')} value={email} onChange={(e) => setEmail(e.target.value)} />
          <select aria-label="role" value={role} onChange={(e) => setRole(e.target.value)}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
          <button type="submit">+</button>
          {writeMember.data?.initialPassword ? <code>{writeMember.data.initialPassword}</code> : null}
          {writeMember.error ? <span className="state-error">{(writeMember.error as Error).message}</span> : null}
        </form>
      </Panel>
      <Panel title={t('settings.keys')} loading={keys.isLoading} error={keys.error}>
        <Table<ApiKeyView>
          rowKey={(k) => String(k.id)}
          rows={keys.data?.keys ?? []}
          columns={[
            { key: 'name', label: t('common.name'), render: (k) => `${k.name} (${k.prefix}…)` },
            { key: 'scopes', label: t('settings.scopes'), render: (k) => k.scopes.map(scopeName).join(', ') },
            { key: 'lastUsedAt', label: t('settings.lastUsed'), render: (k) => k.lastUsedAt?.slice(0, 16) ?? '—' },
            {
              key: 'revoke',
              label: '',
              render: (k) =>
                k.revokedAt ? (
                  t('settings.revoked')
                ) : (
                  <button type="button" className="link" onClick={() => writeKey.mutate({ method: 'DELETE', path: `/keys/${k.id}` })}>
                    {t('settings.revoke')}
                  </button>
                ),
            },
          ]}
        />
        <form
          className="builder"
          onSubmit={(e) => {
            e.preventDefault();
            if (keyName.trim() && keyScopes.length > 0)
              writeKey.mutate({ method: 'POST', path: '/keys', body: { name: keyName.trim(), scopes: keyScopes } });
          }}
        >
          <input
            aria-label={t('common.name')}
            placeholder={t('common.name')}
            value={keyName}
            onChange={(e) => setKeyName(e.target.value)}
          />
          {KEY_SCOPES.map((scope) => (
            <label key={scope} className="toggle">
              <input
                type="checkbox"
                data-testid={`scope-${scope}`}
                checked={keyScopes.includes(scope)}
                onChange={(e) => setKeyScopes(e.target.checked ? [...keyScopes, scope] : keyScopes.filter((s) => s !== scope))}
              />
              {scopeName(scope)}
            </label>
          ))}
          <button type="submit" disabled={keyScopes.length === 0}>
            {t('settings.newKey')}
          </button>
        </form>
        {writeKey.data?.key ? (
          <p>
            {t('settings.keyShown')} <code data-testid="new-key">{writeKey.data.key}</code>
            {writeKey.data.scopes?.includes('ingest') ? <span className="muted"> {t('settings.ingestHint')}</span> : null}
          </p>
        ) : null}
      </Panel>
      <ReportsPanel shop={shop.slug} />
    </div>
  );
}
