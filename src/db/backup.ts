import { createHash } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Linux refuses a Unix socket path of more than 107 bytes. */
const MAX_SOCKET_PATH_BYTES = 107;

/**
 * The socket on which the directory's owner answers `npm run backup`: beside the directory, or,
 * where that path is too long for a socket, in the temporary folder under a name derived from it.
 */
export function controlSocketPathOf(dataDir: string): string {
  const beside = `${resolve(dataDir)}.sock`;
  if (Buffer.byteLength(beside) <= MAX_SOCKET_PATH_BYTES) return beside;
  const digest = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return join(tmpdir(), `ir-research-bot-${digest}.sock`);
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
      // Making the copy of a large database may take longer than an idle client is given.
      socket.setTimeout(0);
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
