import { cdnowPreset } from './cdnow.preset.js';
import { onlineRetailPreset } from './online-retail.preset.js';
import type { Preset } from './preset.js';
import { shopifyOrdersPreset } from './shopify-orders.preset.js';
import { taobaoUserBehaviorPreset } from './taobao-user-behavior.preset.js';

export const PRESETS: Record<string, Preset> = {
  [onlineRetailPreset.name]: onlineRetailPreset,
  [cdnowPreset.name]: cdnowPreset,
  [taobaoUserBehaviorPreset.name]: taobaoUserBehaviorPreset,
  [shopifyOrdersPreset.name]: shopifyOrdersPreset,
};

export type { Preset, PresetOutput } from './preset.js';
