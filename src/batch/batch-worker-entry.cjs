// Batch worker threads load the TypeScript worker through tsx's CommonJS hook.
require('tsx/cjs/api').register();
require('./batch-worker.ts');
