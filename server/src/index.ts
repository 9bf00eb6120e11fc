export { type BuildAppOptions, buildApp } from './app.js';
export { loadConfig, type StorelensConfig } from './config.js';
export { Metrics } from './metrics.js';
export { openStores, type Stores } from './store/open-stores.js';
