export { whatIf } from './whatif';
export { runWhatIf, whatIfOnReport } from './run';
export { WhatIfRequestSchema, parseWhatIfOptions, type WhatIfOptions } from './options';
export { WhatIfSchema, type WhatIfDocument } from './schema';
export { loadSolver } from './solver';
