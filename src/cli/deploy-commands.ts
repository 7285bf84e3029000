import { REST } from '@discordjs/rest';
import { type RESTGetCurrentApplicationResult, Routes } from 'discord-api-types/v10';
import { commands, messageCommands } from '../../commands/index.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { runCli } from './run-cli.ts';

/**
 * Registers the command list with Discord in one bulk PUT: to DISCORD_GUILD_ID when set (instant,
 * for testing), else globally. Run it after changing a command's definition, never on boot.
 * `--clear-guild` empties DISCORD_GUILD_ID's own list instead.
 */
async function deployCommands(argv: string[]) {
  const body = [...commands, ...messageCommands].map((command) => command.data);
  if (argv.includes('--dry-run')) {
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  const config = loadConfig();
  if (!config.discordToken)
    throw new ConfigError('DISCORD_TOKEN is needed to deploy commands (or use --dry-run)');
  const rest = new REST({ api: config.apiBase }).setToken(config.discordToken);
  const applicationId =
    config.applicationId ??
    ((await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult).id;
  if (argv.includes('--clear-guild')) {
    // After moving from one test server to global commands, the server would list each one twice.
    if (!config.guildId) throw new ConfigError('--clear-guild needs DISCORD_GUILD_ID, the server to clear');
    await rest.put(Routes.applicationGuildCommands(applicationId, config.guildId), { body: [] });
    process.stderr.write(
      `Removed this bot's commands registered in guild ${config.guildId}; global ones stay.\n`,
    );
    return;
  }
  const route = config.guildId
    ? Routes.applicationGuildCommands(applicationId, config.guildId)
    : Routes.applicationCommands(applicationId);
  const deployed = (await rest.put(route, { body })) as unknown[];
  const where = config.guildId
    ? `guild ${config.guildId}`
    : 'all servers (global; may take a while to appear)';
  process.stderr.write(`Deployed ${deployed.length} commands to ${where}.\n`);
}

runCli({ name: 'deploy-commands', failure: 'Deploy failed' }, () => deployCommands(process.argv.slice(2)));
