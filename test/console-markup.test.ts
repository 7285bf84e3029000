import { describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { LOCAL_CHANNELS } from '../src/console/local-discord.ts';
import { renderMarkup } from '../src/console/markup.ts';
import { parseCommandLine } from '../src/console/parse.ts';

const now = new Date('2026-12-01T12:00:00Z');
const style = (ansi: boolean) => ({
  ansi,
  channelName: (id: string) => (id === '100000000000000302' ? 'research-openings' : undefined),
  userName: () => undefined,
  now: () => now,
  timeZone: 'UTC',
});
const inThreeDays = Math.floor(now.getTime() / 1000) + 3 * 24 * 3600;

describe('Discord markup in the console', () => {
  it('shows timestamps as local dates, relative ones as "in 3 days", and channel mentions as #name', () => {
    const text = `Open until <t:${inThreeDays}:D>, closes <t:${inThreeDays}:R> in <#100000000000000302>.`;
    expect(renderMarkup(text, style(false))).toBe(
      'Open until December 4, 2026, closes in 3 days in #research-openings.',
    );
  });

  it('drops bold markers in plain terminals and uses ANSI where colours work; code keeps its backticks in plain', () => {
    expect(renderMarkup('**Title** and `code` and [site](https://example.org)', style(false))).toBe(
      'Title and `code` and site (https://example.org)',
    );
    expect(renderMarkup('**Title**', style(true))).toBe('\u001b[1mTitle\u001b[22m');
  });
});

describe('console command lines', () => {
  const definitions = commands.map((command) => command.data);
  const parse = (line: string) => parseCommandLine(line, definitions, LOCAL_CHANNELS);

  it.each([
    ['/fqa', /Did you mean `\/faq`\?/],
    ['/faq question:"how many pubs', /A quote is not closed/],
    ['/faq how many pubs', /"how" is not an option.*question:"how many pubs"/],
    ['/roadmap months_to_apply:1e1', /months_to_apply must be a whole number.*"1e1" is not/],
    ['/roadmap months_to_apply:0x10', /"0x10" is not/],
    ['/opening post', /needs kind \(one of case_report/],
    ['/opening post kind:poem focus:ir remote:true role:entry', /kind must be one of case_report/],
    ['/opening lst', /no subcommand "lst"\. Did you mean `list`\?/],
  ])('%s gets one line that says how to fix it', (line, message) => {
    expect(() => parse(line)).toThrow(message);
  });

  it('takes the words after a text option as its value up to the next option name, as Discord does', () => {
    expect(parse('/faq question:my PI stopped answering: what now?').input.options).toEqual({
      question: 'my PI stopped answering: what now?',
    });
    expect(parse('/faq question:how many pubs public:true').input.options).toEqual({
      question: 'how many pubs',
      public: true,
    });
    expect(() => parse('/roadmap months_to_apply:12 soon')).toThrow(/"soon" is not an option/);
  });

  it('reads names case-insensitively', () => {
    expect(parse('/FAQ Question:"how many"').input.options).toEqual({ question: 'how many' });
  });
});
