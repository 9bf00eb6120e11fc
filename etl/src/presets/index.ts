import { onlineRetailPreset } from './online-retail.preset.js';
import type { Preset } from './preset.js';

export const PRESETS: Record<string, Preset> = {
  [onlineRetailPreset.name]: onlineRetailPreset,
};

export type { Preset, PresetOutput } from './preset.js';
