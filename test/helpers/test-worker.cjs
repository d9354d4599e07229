require('tsx/cjs/api').register();
require('./test-worker.ts');
