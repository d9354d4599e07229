/**
 * The service as `npm start` runs it, with a clock the test moves: TEST_CLOCK is the start time,
 * and each IPC message `{ now }` sets it (the schedule wakes as it would at that time).
 */
import { ManualClock } from '../../src/monitor/clock';
import { main } from '../../src/server/main';

const clock = new ManualClock(Date.parse(process.env.TEST_CLOCK ?? ''));
process.on('message', (m: { now?: string }) => {
  if (m.now !== undefined) clock.set(m.now);
});
void main({ clock });
