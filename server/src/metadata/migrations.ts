/** Metadata schema migrations, run by Kysely's Migrator on PGlite and PostgreSQL alike. */
import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { MetadataDatabase } from './schema.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever schema exists at that point
type AnyDb = Kysely<any>;

const migrations: Record<string, Migration> = {
  '0001_accounts_and_shops': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('organizations')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('shops')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('slug', 'text', (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'`))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('currency', 'char(3)', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('disabled_at', 'timestamptz')
        .execute();
      await db.schema
        .createTable('memberships')
        .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'admin', 'operator', 'analyst', 'viewer')`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('memberships_pk', ['organization_id', 'user_id'])
        .execute();
      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('shop_id', 'integer', (c) => c.notNull().references('shops.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('scopes', sql`text[]`, (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('last_used_at', 'timestamptz')
        .addColumn('revoked_at', 'timestamptz')
        .execute();
    },
  },
  '0002_import_jobs_and_saved_reports': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('import_jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('shop_id', 'integer', (c) => c.notNull().references('shops.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('preset', 'text')
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'succeeded', 'failed')`))
        .addColumn('content_hash', 'text')
        .addColumn('rows_read', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('rows_loaded', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('rows_updated', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('rows_duplicate', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('rows_rejected', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('error', 'text')
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('started_at', 'timestamptz')
        .addColumn('finished_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('import_jobs_shop_created').on('import_jobs').columns(['shop_id', 'created_at']).execute();
      await db.schema
        .createTable('saved_reports')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('shop_id', 'integer', (c) => c.notNull().references('shops.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('analysis', 'text', (c) => c.notNull())
        .addColumn('params', 'jsonb', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
  },
};

migrations['0003_import_sources'] = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('import_sources')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('shop_id', 'integer', (c) => c.notNull().references('shops.id').onDelete('cascade'))
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('kind', 'text')
      .addColumn('preset', 'text')
      .addColumn('interval_seconds', 'integer', (c) => c.notNull().check(sql`interval_seconds >= 10`))
      .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('last_polled_at', 'timestamptz')
      .addColumn('last_error', 'text')
      .addCheckConstraint('import_sources_kind_or_preset', sql`(kind IS NULL) <> (preset IS NULL)`)
      .execute();
  },
};

migrations['0004_sessions_and_audit'] = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('organization_id', 'integer')
      .addColumn('shop_id', 'integer')
      .addColumn('detail', 'jsonb', (c) => c.notNull())
      .addColumn('ip', 'text')
      .execute();
    await db.schema.createIndex('audit_log_shop_at').on('audit_log').columns(['shop_id', 'at']).execute();
  },
};

migrations['0005_report_schedules'] = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('report_schedules')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('shop_id', 'integer', (c) => c.notNull().references('shops.id').onDelete('cascade'))
      .addColumn('report_id', 'integer', (c) => c.notNull().references('saved_reports.id').onDelete('cascade'))
      .addColumn('frequency', 'text', (c) => c.notNull().check(sql`frequency in ('daily', 'weekly')`))
      .addColumn('weekday', 'integer', (c) => c.check(sql`weekday between 0 and 6`))
      .addColumn('hour', 'integer', (c) => c.notNull().check(sql`hour between 0 and 23`))
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('destination', 'text', (c) => c.notNull().check(sql`destination in ('folder', 'webhook')`))
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('last_slot', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('report_deliveries')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('schedule_id', 'integer', (c) => c.notNull().references('report_schedules.id').onDelete('cascade'))
      .addColumn('slot', 'timestamptz', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('retrying', 'succeeded', 'failed')`))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'timestamptz')
      .addColumn('error', 'text')
      .addColumn('location', 'text')
      .addColumn('bytes', 'integer')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('finished_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('report_deliveries_schedule').on('report_deliveries').columns(['schedule_id', 'slot']).unique().execute();
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateMetadata(db: Kysely<MetadataDatabase>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

migrations['0006_import_source_mappings'] = {
  async up(db: AnyDb) {
    // A source of a layout no preset covers keeps its mapping file's JSON text (its kind in `kind`).
    await db.schema.alterTable('import_sources').addColumn('mapping', 'text').execute();
  },
};

migrations['0007_import_job_mappings'] = {
  async up(db: AnyDb) {
    // The mapping a job read its file with (a mapping file's JSON text), so the history says how.
    await db.schema.alterTable('import_jobs').addColumn('mapping', 'text').execute();
  },
};

migrations['0008_schedule_conditions'] = {
  async up(db: AnyDb) {
    // A diagnosis schedule may deliver only when a figure is at watch or abnormal (an alert);
    // a slot where none is becomes a 'skipped' delivery whose note says what the figures were.
    await db.schema
      .alterTable('report_schedules')
      .addColumn('only_when', 'text', (c) => c.check(sql`only_when in ('watch', 'abnormal')`))
      .execute();
    await db.schema.alterTable('report_deliveries').addColumn('note', 'text').execute();
    // The status check of 0005 was declared on the column, so PostgreSQL named it table_column_check.
    await sql`ALTER TABLE report_deliveries DROP CONSTRAINT report_deliveries_status_check`.execute(db);
    await sql`ALTER TABLE report_deliveries ADD CONSTRAINT report_deliveries_status_check CHECK (status in ('retrying', 'succeeded', 'failed', 'skipped'))`.execute(
      db,
    );
  },
};

migrations['0009_email_destination'] = {
  async up(db: AnyDb) {
    // Scheduled reports can be e-mailed (the target: one or more addresses, comma-separated). The
    // destination check of 0005 was declared on the column: PostgreSQL named it table_column_check.
    await sql`ALTER TABLE report_schedules DROP CONSTRAINT report_schedules_destination_check`.execute(db);
    await sql`ALTER TABLE report_schedules ADD CONSTRAINT report_schedules_destination_check CHECK (destination in ('folder', 'webhook', 'email'))`.execute(
      db,
    );
  },
};

migrations['0010_annotations'] = {
  async up(db: AnyDb) {
    // Marked days: what a shop's days are known for (a promotion, a live stream, an outage). The days
    // are shop-local calendar days kept as YYYY-MM-DD text — a PostgreSQL date would come back from
    // node-postgres as a Date at the server's local midnight, a different day in another zone — and
    // text in that form compares as the days do.
    await db.schema
      .createTable('annotations')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('shop_id', 'integer', (c) => c.notNull().references('shops.id').onDelete('cascade'))
      .addColumn('starts_on', 'text', (c) => c.notNull().check(sql`starts_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
      .addColumn('ends_on', 'text', (c) => c.notNull().check(sql`ends_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('promotion', 'live_stream', 'ads', 'new_product', 'incident', 'other')`),
      )
      .addColumn('note', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('annotations_days_in_order', sql`starts_on <= ends_on`)
      .execute();
    await db.schema.createIndex('annotations_shop_days').on('annotations').columns(['shop_id', 'starts_on']).execute();
  },
};

migrations['0011_targets'] = {
  async up(db: AnyDb) {
    // Monthly targets (经营目标): one value per shop, month and figure, replaced when set again.
    await db.schema
      .createTable('targets')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('shop_id', 'integer', (c) => c.notNull().references('shops.id').onDelete('cascade'))
      .addColumn('month', 'text', (c) => c.notNull().check(sql`month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
      .addColumn('metric', 'text', (c) => c.notNull().check(sql`metric in ('gmv', 'paid_orders')`))
      .addColumn('value', 'numeric(16, 2)', (c) => c.notNull().check(sql`value > 0`))
      .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('targets_shop_month_metric', ['shop_id', 'month', 'metric'])
      .execute();
  },
};
