import { readFileSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { startConsole } from '../src/console/console.ts';
import type { ChatInputHandler, Command } from '../src/router/command.ts';
import { createRouter } from '../src/router/router.ts';
import { createHarness, type Harness } from './helpers/harness.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/**
 * The commands the README shows as something to type: code spans that start with a slash and give
 * at least one option value, plus every command of the quick start. Spans with placeholders
 * (`<text>`, `[public]`, `add|edit`) describe a syntax rather than show an example.
 */
function readmeExamples(): string[] {
  const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Using it'));
  const spans = (text: string) => [...text.matchAll(/`(\/[^`]+)`/g)].map((match) => match[1] ?? '');
  const runnable = (span: string) => !/[<>[\]|]/.test(span);
  const withOption = (span: string) => /\s[a-z_]+:\S/.test(span);
  return [...new Set([...spans(quickStart), ...spans(readme).filter(withOption)])].filter(runnable);
}

/** Wraps every handler so the test sees which ran and which refused (threw) what it was given. */
function watched(list: readonly Command[], outcomes: Array<{ command: string; error?: unknown }>): Command[] {
  const watch =
    (name: string, handler: ChatInputHandler): ChatInputHandler =>
    async (interaction, ctx) => {
      try {
        const response = await handler(interaction, ctx);
        outcomes.push({ command: name });
        return response;
      } catch (error) {
        outcomes.push({ command: name, error });
        throw error;
      }
    };
  return list.map((command) => {
    const name = command.data.name;
    if (command.subcommands) {
      const subcommands = Object.fromEntries(
        Object.entries(command.subcommands).map(([path, handler]) => [
          path,
          watch(`${name} ${path}`, handler),
        ]),
      );
      return { ...command, subcommands } as Command;
    }
    return { ...command, execute: watch(name, command.execute) } as Command;
  });
}

describe('the README’s example commands', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness.close());

  /** One console session on the test database, typing `line`: what it printed and what ran. */
  async function typeInConsole(line: string) {
    const outcomes: Array<{ command: string; error?: unknown }> = [];
    const watchedCommands = watched(commands, outcomes);
    const router = createRouter(watchedCommands);
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk) => {
      printed += String(chunk);
    });
    const transport = startConsole(
      { config: harness.ctx.config, ctx: harness.ctx, router, databaseHealthy: async () => true },
      { input: Readable.from([`${line}\n`]), output, commands: watchedCommands },
    );
    await transport.done;
    await router.idle();
    return { printed, outcomes };
  }

  const examples = readmeExamples();

  it('finds the examples, the quick start’s /assess among them', () => {
    expect(examples).toContain('/help');
    expect(examples.some((example) => example.startsWith('/assess '))).toBe(true);
    expect(examples.some((example) => example.startsWith('/config reminders channel:'))).toBe(true);
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });

  it.each(examples)('%s runs as written', async (example) => {
    const { printed, outcomes } = await typeInConsole(example);
    const [name, subcommand] = example.slice(1).split(' ');
    const expected = subcommand && !subcommand.includes(':') ? `${name} ${subcommand}` : name;
    expect(outcomes, printed).toEqual([{ command: expected }]);
  });
});
