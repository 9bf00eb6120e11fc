/** Every label of the dashboard's own chrome, in English and Chinese (one file per language). Metric names come from the API. */
import { EN } from './messages.en';
import { ZH } from './messages.zh';

export const MESSAGES = { en: EN, zh: ZH };
export type Locale = keyof typeof MESSAGES;
export type MessageKey = keyof typeof EN;
