import { ANALYSIS_MESSAGES } from './analysis';
import { INPUT_MESSAGES } from './input';
import { LABEL_MESSAGES } from './labels';
import { MONITOR_MESSAGES } from './monitor';
import { PAGE_MESSAGES } from './page';
import { SERVICE_MESSAGES } from './service';
import { THEME_MESSAGES } from './theme';
import { WHATIF_MESSAGES } from './whatif';

/** The English catalogue: every message code the product knows, by area. */
export const EN = {
  ...LABEL_MESSAGES.en,
  ...PAGE_MESSAGES.en,
  ...ANALYSIS_MESSAGES.en,
  ...INPUT_MESSAGES.en,
  ...SERVICE_MESSAGES.en,
  ...THEME_MESSAGES.en,
  ...MONITOR_MESSAGES.en,
  ...WHATIF_MESSAGES.en,
};

export type MessageCode = keyof typeof EN;
