#!/usr/bin/env node
/**
 * `ai-exposure <command> [options]`: one entry for every command. A command's module is loaded only
 * when it is the one asked for (`analyse` never loads the batch engine, Redis or the what-if solver),
 * and reads its own arguments from process.argv as if it were run alone.
 */
const COMMANDS: Record<string, { about: string; load: () => unknown }> = {
  analyse: { about: 'analyse a holdings file (AnalysisReport JSON, HTML or PDF)', load: () => require('./analyse') },
  demo: { about: 'analyse the example portfolio on the synthetic demo market', load: () => require('./demo') },
  batch: { about: 'analyse many portfolios (a folder, a zip, JSON lines)', load: () => require('./batch') },
  worker: { about: 'a batch worker on the Redis at REDIS_URL', load: () => require('./worker') },
  market: { about: 'warm and inspect the Yahoo Finance cache', load: () => require('./market') },
  whatif: { about: 'the least trading that meets your targets', load: () => require('./whatif') },
  watch: { about: 'saved portfolios re-analysed on a schedule, with alerts', load: () => require('./watch') },
};

const [command] = process.argv.splice(2, 1);
const chosen = command === undefined ? undefined : COMMANDS[command];
if (chosen === undefined) {
  const list = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.about}`);
  const help = command === undefined || command === '--help' || command === '-h';
  (help ? process.stdout : process.stderr).write(
    `${help ? '' : `error: unknown command "${command}"\n`}usage: ai-exposure <command> [options]\n${list.join('\n')}\n` +
      'ai-exposure <command> --help describes its options\n',
  );
  process.exitCode = help ? 0 : 2;
} else {
  chosen.load();
}
