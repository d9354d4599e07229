import { ANALYSIS_MESSAGES } from './analysis';
import { INPUT_MESSAGES } from './input';
import { LABEL_MESSAGES } from './labels';
import { MONITOR_MESSAGES } from './monitor';
import { PAGE_MESSAGES } from './page';
import { SERVICE_MESSAGES } from './service';
import { THEME_MESSAGES } from './theme';
import { WHATIF_MESSAGES } from './whatif';
import type { MessageCode } from './en';

/** Il catalogo italiano: la stessa chiave per ogni messaggio, area per area. */
export const IT: Record<MessageCode, string> = {
  ...LABEL_MESSAGES.it,
  ...PAGE_MESSAGES.it,
  ...ANALYSIS_MESSAGES.it,
  ...INPUT_MESSAGES.it,
  ...SERVICE_MESSAGES.it,
  ...THEME_MESSAGES.it,
  ...MONITOR_MESSAGES.it,
  ...WHATIF_MESSAGES.it,
};
