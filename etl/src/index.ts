export * from './channel-rules.js';
export * from './import-schemas.js';
export { type Mapping, parseMapping, readMapping } from './mapping-file.js';
export { PRESETS, type Preset } from './presets/index.js';
export { CsvFramer, FileFormatError } from './readers/csv-framer.js';
export { detectFormat, SOURCE_FORMATS, type SourceFormat } from './readers/open-source.js';
export { type ImportProgress, type ImportRequest, type ImportResult, type ImportShop, runImport } from './run-import.js';
export { type PresetImportRequest, runPresetImport } from './run-preset-import.js';
export { dropStaleStaging } from './stale-staging.js';
