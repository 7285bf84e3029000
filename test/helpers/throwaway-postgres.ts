import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './bot-process.ts';

const BIN = '/usr/lib/postgresql/15/bin';

/** Whether a PostgreSQL 15 server can be started here (CI installs it; see .ci/run). */
export const canRunPostgres = existsSync(join(BIN, 'pg_ctl'));

/**
 * A PostgreSQL of the test's own, so the test can stop and restart it without disturbing the
 * shared test server. initdb refuses root, so as root it runs as the postgres user.
 */
export async function startThrowawayPostgres() {
  const directory = mkdtempSync(join(tmpdir(), 'bot-pg-'));
  const data = join(directory, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => {
    if (asRoot) {
      const line = [join(BIN, command), ...args].map((part) => `'${part}'`).join(' ');
      execFileSync('su', ['postgres', '-c', line], { stdio: 'pipe' });
    } else {
      execFileSync(join(BIN, command), args, { stdio: 'pipe' });
    }
  };
  if (asRoot) execFileSync('chown', ['postgres:postgres', directory]);
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -c fsync=off -c unix_socket_directories=${directory}`;
  const start = () => run('pg_ctl', ['-D', data, '-l', join(directory, 'log'), '-w', '-o', options, 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already stopped.
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
