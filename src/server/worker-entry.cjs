// Worker threads load the TypeScript worker through tsx's CommonJS hook (same code in the service and in tests).
require('tsx/cjs/api').register();
require('./analysis-worker.ts');
