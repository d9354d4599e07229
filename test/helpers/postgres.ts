import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL of the test's own (Debian's postgresql 15, which .ci/run installs) on a loopback
 * port, in a temporary folder: initdb refuses to run as root, so as root it runs as `postgres` in a
 * folder that user owns. `stop` shuts it down and removes everything.
 */
export async function startPostgres(): Promise<{ url: string; stop: () => void }> {
  if (!existsSync(path.join(BIN, 'initdb')))
    throw new Error('PostgreSQL 15 is missing: .ci/run installs the Debian package postgresql for this test');
  const dir = mkdtempSync(path.join(tmpdir(), 'aix-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const run = (bin: string, args: string[]) => {
    const [cmd, all] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, bin), ...args]]
      : [path.join(BIN, bin), args];
    const r = spawnSync(cmd as string, all as string[], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${bin} failed: ${r.stderr || r.stdout}`);
  };
  const data = path.join(dir, 'data');
  const port = 15400 + Math.floor(Math.random() * 500);
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  run('pg_ctl', [
    '-D',
    data,
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    '-w',
    '-l',
    path.join(dir, 'log'),
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      spawnSync(
        asRoot ? 'runuser' : path.join(BIN, 'pg_ctl'),
        asRoot
          ? ['-u', 'postgres', '--', path.join(BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']
          : ['-D', data, '-m', 'immediate', 'stop'],
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
