import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlSocketPathOf, requestBackup, serveBackups } from '../src/db/backup.ts';

describe('the backup socket', () => {
  let parent: string;
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'backup-socket-'));
  });
  afterAll(() => rm(parent, { recursive: true, force: true }));

  it('sits beside a data directory with a short path', () => {
    expect(controlSocketPathOf('/srv/bot/data/pglite')).toBe('/srv/bot/data/pglite.sock');
  });

  it('serves a copy for a data directory whose path is too long for a socket beside it', async () => {
    const deepDir = join(parent, 'a-folder-with-a-rather-long-name'.repeat(4), 'pglite');
    const socketPath = controlSocketPathOf(deepDir);
    expect(Buffer.byteLength(socketPath)).toBeLessThanOrEqual(107);
    expect(controlSocketPathOf(deepDir)).toBe(socketPath);
    expect(controlSocketPathOf(`${deepDir}-other`)).not.toBe(socketPath);

    const server = await serveBackups(socketPath, async () => new Blob(['the whole database']));
    try {
      expect((await requestBackup(socketPath)).toString()).toBe('the whole database');
    } finally {
      await server.close();
    }
  });
});
