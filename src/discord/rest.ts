import { REST } from '@discordjs/rest';
import type { Config } from '../config.ts';

/** The one REST client: rate limits (429) and retries of 5xx are handled by @discordjs/rest. */
export function createRest(config: Config): REST {
  const rest = new REST({ api: config.apiBase, retries: 3, timeout: 15_000 });
  return config.discordToken ? rest.setToken(config.discordToken) : rest;
}
