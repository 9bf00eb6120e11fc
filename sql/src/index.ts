export * from './errors.js';
export * from './identifiers.js';
export { loadMigrations, MIGRATIONS_DIR, type MigrationFile, splitStatements } from './migrations/files.js';
export { type ClusterTarget, localName, renderCluster, renderSingleNode } from './migrations/render.js';
export { historyTableDdl, type MigrateOptions, type MigrateResult, migrate, renderPlan } from './migrations/runner.js';
export { loadQuery, QUERIES_DIR } from './queries.js';
export * from './query-tag.js';
export { type RollupRebuild, rollupRebuilds } from './rollups.js';
export * from './warehouse.js';
