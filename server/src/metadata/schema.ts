/** Row types of the metadata store (PGlite embedded, PostgreSQL in server mode). */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export const ROLES = ['owner', 'admin', 'operator', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface OrganizationsTable {
  id: Generated<number>;
  name: string;
  created_at: CreatedAt;
}

export interface ShopsTable {
  /** Also the warehouse shop_id (UInt32). */
  id: Generated<number>;
  organization_id: number;
  slug: string;
  name: string;
  /** ISO 4217 code, e.g. CNY. */
  currency: string;
  /** IANA zone used for day boundaries, e.g. Asia/Shanghai. */
  time_zone: string;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string | null;
  created_at: CreatedAt;
  disabled_at: Date | null;
}

export interface MembershipsTable {
  organization_id: number;
  user_id: number;
  role: Role;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  id: Generated<number>;
  shop_id: number;
  name: string;
  /** First characters of the key, shown so people can tell keys apart; not secret. */
  prefix: string;
  /** SHA-256 of the full key; the key itself is shown once and never stored. */
  key_hash: string;
  scopes: string[];
  created_by: number | null;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface ImportJobsTable {
  id: string;
  shop_id: number;
  kind: string;
  source: string;
  preset: string | null;
  /** The mapping file (JSON text, etl's mappingText) a `kind` import read its columns with, if any. */
  mapping: string | null;
  status: ImportStatus;
  content_hash: string | null;
  rows_read: Generated<number>;
  rows_loaded: Generated<number>;
  rows_updated: Generated<number>;
  rows_duplicate: Generated<number>;
  rows_rejected: Generated<number>;
  error: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface SavedReportsTable {
  id: Generated<number>;
  shop_id: number;
  name: string;
  analysis: string;
  params: ColumnType<unknown, string, string>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ImportSourcesTable {
  id: Generated<number>;
  shop_id: number;
  /** A folder on the server, or an http(s) URL. */
  location: string;
  kind: string | null;
  preset: string | null;
  /** A mapping file's JSON text, for a layout no preset covers (etl/src/mapping-file.ts); `kind` is its kind. */
  mapping: string | null;
  interval_seconds: number;
  enabled: Generated<boolean>;
  created_at: CreatedAt;
  last_polled_at: Date | null;
  last_error: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the session cookie's token; the token itself is never stored. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Date;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  /** "user:<id>", "key:<id>" or "cli". */
  actor: string;
  action: string;
  organization_id: number | null;
  shop_id: number | null;
  detail: ColumnType<unknown, string, string>;
  ip: string | null;
}

export interface ReportSchedulesTable {
  id: Generated<number>;
  shop_id: number;
  report_id: number;
  frequency: 'daily' | 'weekly';
  /** 0 = Sunday … 6 = Saturday, for weekly schedules. */
  weekday: number | null;
  /** Local hour in the shop's time zone. */
  hour: number;
  format: string;
  destination: 'folder' | 'webhook' | 'email';
  target: string;
  enabled: Generated<boolean>;
  /** Diagnosis reports only: deliver only when a figure is at this status or worse (an alert). */
  only_when: 'watch' | 'abnormal' | null;
  /** The last slot (scheduled instant) a delivery was started for. */
  last_slot: Date | null;
  created_at: CreatedAt;
}

export interface ReportDeliveriesTable {
  id: Generated<number>;
  schedule_id: number;
  slot: Date;
  /** skipped: an alert schedule's slot where no figure needed attention (see note). */
  status: 'retrying' | 'succeeded' | 'failed' | 'skipped';
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  error: string | null;
  location: string | null;
  bytes: number | null;
  /** Why an alert was delivered or skipped: the figures at watch or abnormal, or what there was. */
  note: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

/** What a day is known for (a promotion, a live stream, an outage), so its figures read with their cause. */
export const ANNOTATION_KINDS = ['promotion', 'live_stream', 'ads', 'new_product', 'incident', 'other'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

export interface AnnotationsTable {
  id: Generated<number>;
  shop_id: number;
  /** Shop-local days, first and last (inclusive), as YYYY-MM-DD text: a day, not an instant. */
  starts_on: string;
  ends_on: string;
  title: string;
  kind: AnnotationKind;
  note: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** The figures a shop can set a monthly target for: additive, so a month's pace and projection mean something. */
export const TARGET_METRICS = ['gmv', 'paid_orders'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export interface TargetsTable {
  id: Generated<number>;
  shop_id: number;
  /** A calendar month, YYYY-MM, of the shop's own days. */
  month: string;
  metric: TargetMetric;
  /** numeric(16,2): node-postgres returns it as a string, read with Number(). */
  value: ColumnType<string, number | string, number | string>;
  updated_by: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface MetadataDatabase {
  targets: TargetsTable;
  annotations: AnnotationsTable;
  report_schedules: ReportSchedulesTable;
  report_deliveries: ReportDeliveriesTable;
  organizations: OrganizationsTable;
  shops: ShopsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  api_keys: ApiKeysTable;
  import_jobs: ImportJobsTable;
  saved_reports: SavedReportsTable;
  import_sources: ImportSourcesTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
}

export type Shop = Selectable<ShopsTable>;
export type NewShop = Insertable<ShopsTable>;
export type ShopUpdate = Updateable<ShopsTable>;
export type Organization = Selectable<OrganizationsTable>;
export type User = Selectable<UsersTable>;
export type ImportJob = Selectable<ImportJobsTable>;
export type SavedReport = Selectable<SavedReportsTable>;
export type ImportSource = Selectable<ImportSourcesTable>;
export type Membership = Selectable<MembershipsTable>;
export type AuditEntry = Selectable<AuditLogTable>;

export type ReportSchedule = Selectable<ReportSchedulesTable>;
export type ReportDelivery = Selectable<ReportDeliveriesTable>;
export type Annotation = Selectable<AnnotationsTable>;
export type Target = Selectable<TargetsTable>;
