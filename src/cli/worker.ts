import { runWorkerProcess } from '../batch';
import { runCli } from './run-cli';

/** `npm run worker`: one BullMQ worker for batch analyses, on the Redis at REDIS_URL (see src/batch/redis). */
void runCli(() => runWorkerProcess());
