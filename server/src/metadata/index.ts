export * from './api-keys.repo.js';
export * from './import-jobs.repo.js';
export * from './import-sources.repo.js';
export * from './migrations.js';
export * from './open-metadata.js';
export * from './saved-reports.repo.js';
export * from './schema.js';
export * from './shops.repo.js';
