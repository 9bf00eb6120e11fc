/**
 * Configuration comes only from environment variables (and CLI flags that override them).
 * Every variable is listed in the README; a bad value fails start-up with a message naming it.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface StorelensConfig {
  dataDir: string;
  clickhouse: { url: string; user: string; password: string; database: string } | undefined;
  databaseUrl: string | undefined;
  host: string;
  port: number;
  logLevel: string;
  queryTimeoutSeconds: number;
  interactiveConnections: number;
  bulkConnections: number;
  ingestConnections: number;
  webDist: string;
  datasetsDir: string;
  corsOrigins: string[];
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* (so cookies get Secure). */
  trustProxy: boolean;
  /** Drop folders made from the API or dashboard live in `<dropDir>/<shop id>-<shop slug>/<name>` (import-sources.route.ts). */
  dropDir: string;
  /** Scheduled reports delivered "to a folder" land in subfolders of this directory. */
  reportsDir: string;
  /** The mail server scheduled reports are e-mailed through (smtp:// or smtps://, user and password in the URL); none: no e-mail delivery. */
  smtpUrl: string | undefined;
  /** The sender of those e-mails. */
  smtpFrom: string;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name}=${raw} is invalid: expected a whole number from ${min} to ${max}.`);
  return n;
}

export function loadConfig(env: Env = process.env, overrides: Partial<StorelensConfig> = {}): StorelensConfig {
  const dataDir = resolve(env.STORELENS_DATA_DIR || './data');
  const clickhouseUrl = env.CLICKHOUSE_URL || undefined;
  if (clickhouseUrl && !/^https?:\/\//.test(clickhouseUrl)) {
    throw new ConfigError(`CLICKHOUSE_URL=${clickhouseUrl} is invalid: expected an http:// or https:// URL of a ClickHouse server.`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL is invalid: expected a postgres:// URL.');
  }
  const smtpUrl = env.STORELENS_SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) {
    throw new ConfigError(
      'STORELENS_SMTP_URL is invalid: expected an smtp:// or smtps:// URL of a mail server, e.g. smtps://user:password@mail.example.com:465.',
    );
  }
  const config: StorelensConfig = {
    dataDir,
    clickhouse: clickhouseUrl
      ? {
          url: clickhouseUrl,
          user: env.CLICKHOUSE_USER || 'default',
          password: env.CLICKHOUSE_PASSWORD || '',
          database: env.CLICKHOUSE_DATABASE || 'default',
        }
      : undefined,
    databaseUrl,
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65535),
    logLevel: env.LOG_LEVEL || 'info',
    queryTimeoutSeconds: integer(env, 'STORELENS_QUERY_TIMEOUT_SECONDS', 30, 1, 3600),
    interactiveConnections: integer(env, 'STORELENS_INTERACTIVE_CONNECTIONS', 2, 1, 64),
    bulkConnections: integer(env, 'STORELENS_BULK_CONNECTIONS', 2, 1, 16),
    ingestConnections: integer(env, 'STORELENS_INGEST_CONNECTIONS', 2, 1, 16),
    webDist: resolve(env.STORELENS_WEB_DIST || join(REPO_ROOT, 'web', 'dist')),
    datasetsDir: resolve(env.STORELENS_DATASETS_DIR || join(REPO_ROOT, '..', 'shared', 'datasets')),
    corsOrigins: (env.STORELENS_CORS_ORIGINS || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustProxy: env.STORELENS_TRUST_PROXY === '1' || env.STORELENS_TRUST_PROXY === 'true',
    reportsDir: resolve(env.STORELENS_REPORTS_DIR || join(dataDir, 'reports')),
    dropDir: resolve(env.STORELENS_DROP_DIR || join(dataDir, 'drop')),
    smtpUrl,
    smtpFrom: env.STORELENS_SMTP_FROM || 'Storelens <storelens@localhost>',
    ...overrides,
  };
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    throw new ConfigError(`LOG_LEVEL=${config.logLevel} is invalid: use one of fatal, error, warn, info, debug, trace, silent.`);
  }
  return config;
}

/** Whether any store lives in the data directory (and so needs the single-owner lock). */
export function usesDataDir(config: StorelensConfig): boolean {
  return !config.clickhouse || !config.databaseUrl;
}

export function warehouseDir(config: StorelensConfig): string {
  return join(config.dataDir, 'warehouse');
}

export function metadataDir(config: StorelensConfig): string {
  return join(config.dataDir, 'metadata');
}
