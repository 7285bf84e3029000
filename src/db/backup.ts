import { unlink } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { resolve } from 'node:path';

/** The socket beside the directory on which its owner answers `npm run backup`. */
export function controlSocketPathOf(dataDir: string): string {
  return `${resolve(dataDir)}.sock`;
}

const DUMP_REQUEST = 'dump\n';

/**
 * Serves copies of the database to `npm run backup` while this process holds the directory: a
 * second process may not open the files, so the owner makes the copy between two of its queries.
 * The answer is one JSON line (`{"bytes":n}` or `{"error":…}`), then the tarball.
 */
export async function serveBackups(socketPath: string, dump: () => Promise<Blob>) {
  // A socket file left by a process that died; the lock already proved no one else owns it.
  await unlink(socketPath).catch(() => {});
  const server = createServer((socket) => {
    socket.setTimeout(10_000, () => socket.destroy());
    let request = '';
    socket.on('data', (chunk) => {
      request += String(chunk);
      if (!request.includes('\n')) return;
      socket.removeAllListeners('data');
      if (request !== DUMP_REQUEST) {
        socket.end(`${JSON.stringify({ error: 'unknown request' })}\n`);
        return;
      }
      dump().then(
        async (blob) => {
          socket.write(`${JSON.stringify({ bytes: blob.size })}\n`);
          socket.end(Buffer.from(await blob.arrayBuffer()));
        },
        (error: Error) => socket.end(`${JSON.stringify({ error: error.message })}\n`),
      );
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(socketPath, done);
  });
  return {
    async close() {
      await new Promise((done) => server.close(done));
      await unlink(socketPath).catch(() => {});
    },
  };
}

/** Asks the process that owns the directory for a copy of it (see serveBackups). */
export function requestBackup(socketPath: string): Promise<Buffer> {
  return new Promise((done, fail) => {
    const socket = createConnection(socketPath, () => socket.write(DUMP_REQUEST));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.once('error', fail);
    socket.once('end', () => {
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(10);
      let header: { bytes?: number; error?: string } = {};
      try {
        header = JSON.parse(all.subarray(0, Math.max(newline, 0)).toString('utf8'));
      } catch {
        header = { error: 'no answer' };
      }
      const body = all.subarray(newline + 1);
      if (header.error) fail(new Error(`the bot could not make the copy: ${header.error}`));
      else if (body.length !== header.bytes) fail(new Error('the copy was cut off; try again'));
      else done(body);
    });
  });
}
