import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { withDatabaseName } from '../../helpers/postgres-url.ts';

/**
 * Databases of the benchmark's own on the given server (bench_<random>_<name>), all dropped by
 * dropAll(), so a run leaves nothing behind.
 */
export function benchDatabases(serverUrl: string) {
  const prefix = `bench_${randomBytes(4).toString('hex')}`;
  const created = new Set<string>();
  const admin = () => postgres(withDatabaseName(serverUrl, 'postgres'), { max: 1, onnotice: () => {} });
  const drop = async (name: string) => {
    const sql = admin();
    try {
      await sql.unsafe(`drop database if exists ${name} with (force)`);
      created.delete(name);
    } finally {
      await sql.end();
    }
  };
  return {
    async create(name: string): Promise<string> {
      const full = `${prefix}_${name}`;
      const sql = admin();
      try {
        await sql.unsafe(`create database ${full}`);
        created.add(full);
      } finally {
        await sql.end();
      }
      return withDatabaseName(serverUrl, full);
    },
    drop: (url: string) => drop(new URL(url).pathname.slice(1)),
    async dropAll() {
      for (const name of [...created]) await drop(name);
    },
    async serverVersion(): Promise<string> {
      const sql = admin();
      try {
        const [row] = await sql`show server_version`;
        return String(row?.server_version ?? 'unknown');
      } finally {
        await sql.end();
      }
    },
  };
}
