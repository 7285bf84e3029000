import { UserError } from '../errors.ts';

const SEPARATOR = ':';
const MAX_LENGTH = 100;

/** Builds a custom_id `prefix:part:part` that the router sends back to the command with that prefix. */
export function encodeCustomId(prefix: string, ...parts: Array<string | number | boolean>): string {
  const id = [prefix, ...parts.map(String)].join(SEPARATOR);
  // The id may hold what a member typed (a search): the error names only its prefix.
  if (id.length > MAX_LENGTH) throw new Error(`custom_id of ${prefix} over ${MAX_LENGTH} characters`);
  return id;
}

/** The parts after the prefix; every part still has to be validated by the command. */
export function decodeCustomId(customId: unknown): { prefix: string; parts: string[] } {
  if (typeof customId !== 'string' || customId.length === 0 || customId.length > MAX_LENGTH) {
    throw new UserError('That button or form is not one this bot knows.');
  }
  const [prefix = '', ...parts] = customId.split(SEPARATOR);
  return { prefix, parts };
}
