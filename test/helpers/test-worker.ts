/** A thread for the thread-pool tests: spins, sleeps, asks the main thread, fails on request. */
import { AppError } from '../../src/errors';
import { askMain, serveTasks } from '../../src/shared/thread-worker';

serveTasks({
  spin: (ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end);
    return 'spun';
  },
  ask: async (ms: number) => {
    const answer = await askMain<string>('slow', ms);
    const end = Date.now() + 100;
    while (Date.now() < end);
    return answer;
  },
  refuse: () => {
    throw new AppError('unprocessable', 'import_timeout', { params: { seconds: 7 } });
  },
  crash: () => {
    throw new TypeError('a bug at /secret/path');
  },
});
