import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInActionRow,
  type APIEmbed,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  InteractionResponseType,
  MessageFlags,
} from 'discord-api-types/v10';

export interface RenderedButton {
  label: string;
  customId?: string;
  url?: string;
  disabled: boolean;
}

/** Buttons of a message in reading order; the console numbers them so typing 1 presses the first. */
export function buttonsOf(data: APIInteractionResponseCallbackData | undefined): RenderedButton[] {
  const rows = (data?.components ?? []) as APIActionRowComponent<APIComponentInActionRow>[];
  const buttons: RenderedButton[] = [];
  for (const row of rows) {
    if (row.type !== ComponentType.ActionRow) continue;
    for (const component of row.components) {
      if (component.type !== ComponentType.Button) continue;
      const button = component as APIButtonComponent;
      buttons.push({
        label: ('label' in button && button.label) || ('emoji' in button && button.emoji?.name) || 'button',
        ...('custom_id' in button ? { customId: button.custom_id } : {}),
        ...(button.style === ButtonStyle.Link && 'url' in button ? { url: button.url } : {}),
        disabled: Boolean(button.disabled),
      });
    }
  }
  return buttons;
}

function renderEmbed(embed: APIEmbed): string {
  const lines: string[] = [];
  if (embed.title) lines.push(`== ${embed.title} ==`);
  if (embed.description) lines.push(embed.description);
  for (const field of embed.fields ?? []) lines.push('', `-- ${field.name}`, field.value);
  if (embed.footer?.text) lines.push('', `(${embed.footer.text})`);
  return lines.join('\n');
}

/** A response as plain text: the console's view of what Discord would show. */
export function renderResponse(response: APIInteractionResponse): string {
  switch (response.type) {
    case InteractionResponseType.Pong:
      return 'PONG';
    case InteractionResponseType.ChannelMessageWithSource:
    case InteractionResponseType.UpdateMessage: {
      const data = response.data;
      const parts: string[] = [];
      const flags = Number(data?.flags ?? 0);
      if (flags & MessageFlags.Ephemeral) parts.push('[only you can see this]');
      if (data?.content) parts.push(data.content);
      for (const embed of data?.embeds ?? []) parts.push(renderEmbed(embed));
      buttonsOf(data).forEach((button, index) => {
        const state = button.disabled ? ' (disabled)' : '';
        parts.push(
          button.url ? `  ${button.label}: ${button.url}` : `  [${index + 1}] ${button.label}${state}`,
        );
      });
      return parts.join('\n');
    }
    case InteractionResponseType.ApplicationCommandAutocompleteResult:
      return (response.data.choices ?? []).map((choice) => `  - ${choice.name}`).join('\n');
    case InteractionResponseType.DeferredChannelMessageWithSource:
    case InteractionResponseType.DeferredMessageUpdate:
      return '(working on it…)';
    default:
      return `(response of type ${response.type})`;
  }
}
