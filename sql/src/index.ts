export {
  BUYER_OF_ORDER,
  markAllBuyersPending,
  markBuyersPending,
  pendingBuyerCount,
  pendingBuyersSql,
  refreshPendingBuyers,
  shopsWithPendingBuyers,
} from './buyer-days.js';
export {
  markSessionDaysPending,
  pendingSessionDayCount,
  pendingSessionDays,
  refreshPendingSessionDays,
  shopsWithPendingSessionDays,
} from './daily-sessions.js';
export * from './errors.js';
export * from './identifiers.js';
export { loadMigrations, MIGRATIONS_DIR, type MigrationFile, splitStatements } from './migrations/files.js';
export { type ClusterTarget, localName, renderCluster, renderSingleNode } from './migrations/render.js';
export { historyTableDdl, type MigrateOptions, type MigrateResult, migrate, renderPlan, withDatabase } from './migrations/runner.js';
export { loadFilteredQuery, loadQuery, loadQueryText, QUERIES_DIR } from './queries.js';
export * from './query-tag.js';
export { type RollupRebuild, rebuildMarked, rebuildRollupDays, refillOrderFirstFacts, rollupRebuilds } from './rollups.js';
export * from './row-filters.js';
export * from './scopes.js';
export { paramText, stringLiteral, withSessionParams } from './session-params.js';
export * from './warehouse.js';
