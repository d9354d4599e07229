export { whatIf } from './whatif';
export { runWhatIf } from './run';
export { WhatIfOptionsSchema, parseWhatIfOptions, type WhatIfOptions } from './options';
export { WhatIfSchema, type WhatIfDocument } from './schema';
export { loadSolver } from './solver';
