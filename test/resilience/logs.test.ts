import { InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { member } from '../helpers/actors.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

const SECRET = 'zebra-quasar-7731';

describe('logs', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness.close());

  it('carry ids but never what members typed, even at debug level and when things fail', async () => {
    harness.standIn.on('POST', /^\/channels\//, () => ({ status: 500, body: { message: 'boom' } }));
    const author = member('300000000000000066');
    const modal = await harness.command(
      'opening',
      { subcommand: 'post', options: { kind: 'case_report', focus: 'ir', remote: false, role: 'entry' } },
      author,
    );
    if (modal.type !== InteractionResponseType.Modal) throw new Error('no form');
    await harness.submitModal(
      modal.data.custom_id,
      {
        title: `Case report ${SECRET}`,
        institution: `Hospital ${SECRET}`,
        mentor: `Dr ${SECRET}`,
        description: `Details ${SECRET}`,
        contact: `${SECRET}@example.org`,
      },
      author,
    );
    await harness.submitModal(
      modal.data.custom_id,
      { title: SECRET, contact: `not a contact ${SECRET}` },
      author,
    );
    if (commands.some((command) => command.data.name === 'faq')) {
      await harness.command('faq', { options: { question: `${SECRET} how many pubs` } }, author);
      await harness.autocomplete('faq', { options: { question: SECRET }, focused: 'question' }, author);
    }
    await harness.command(
      'assess',
      {
        options: {
          publications: 2,
          ir_publications: 3,
          first_author: 0,
          abstracts: 0,
          presentations: 0,
          ir_projects: 0,
          ongoing: 0,
          months_to_apply: 4,
        },
      },
      author,
    );
    await harness.router.idle();

    expect(harness.logLines.length).toBeGreaterThan(0);
    const logged = JSON.stringify(harness.logLines);
    expect(logged).not.toContain(SECRET);
  });
});
