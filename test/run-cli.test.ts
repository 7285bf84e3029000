import { describe, expect, it } from 'vitest';
import { describeFailure, UsageError } from '../src/cli/run-cli.ts';
import { ConfigError } from '../src/config.ts';
import { DataDirLockedError } from '../src/db/lock.ts';

describe('what a command-line tool prints when it fails', () => {
  const options = {
    name: 'move-to-postgres',
    usage: 'Usage: npm run move-to-postgres',
    explained: [DataDirLockedError],
    failure: 'move-to-postgres failed, nothing was changed',
  };

  it('shows the usage only after a usage mistake', () => {
    expect(describeFailure(new UsageError('unknown option --x'), options)).toBe(
      'move-to-postgres: unknown option --x\n\nUsage: npm run move-to-postgres',
    );
    expect(describeFailure(new Error('connection refused'), options)).not.toContain('Usage');
  });

  it('names a configuration mistake as one, whatever the tool', () => {
    expect(describeFailure(new ConfigError('PORT must be a number'), options)).toBe(
      'Configuration error: PORT must be a number',
    );
  });

  it('prints an error that explains itself after the name, and any other after what failed', () => {
    const locked = new DataDirLockedError('./data', {
      pid: 1234,
      purpose: 'npm start',
      startedAt: '2026-12-01T20:00:00Z',
      host: 'bot-host',
    });
    expect(describeFailure(locked, options)).toBe(`move-to-postgres: ${locked.message}`);
    expect(describeFailure(new Error('connection refused'), options)).toBe(
      'move-to-postgres failed, nothing was changed: connection refused',
    );
    expect(describeFailure('thrown text', { name: 'faq' })).toBe('faq: thrown text');
  });
});
