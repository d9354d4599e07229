export { whatIf, type WhatIfResult } from './whatif';
export { runWhatIf } from './run';
export {
  WhatIfOptionsSchema,
  parseWhatIfOptions,
  TARGET_NAMES,
  type WhatIfOptions,
  type WhatIfOptionsInput,
  type TargetName,
} from './options';
export { WhatIfSchema, type WhatIfDocument } from './schema';
export { loadSolver, type Solve } from './solver';
