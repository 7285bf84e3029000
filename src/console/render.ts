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
import { type MarkupStyle, renderMarkup } from './markup.ts';

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

function renderEmbed(embed: APIEmbed, style: MarkupStyle): string {
  const lines: string[] = [];
  const markup = (text: string) => renderMarkup(text, style);
  if (embed.title) lines.push(markup(`**== ${embed.title} ==**`));
  if (embed.description) lines.push(markup(embed.description));
  for (const field of embed.fields ?? []) {
    // Short inline fields sit side by side in Discord; here each takes one line.
    if (!field.value.includes('\n') && field.name.length + field.value.length < 90)
      lines.push(markup(`**${field.name}:** ${field.value}`));
    else lines.push('', markup(`**${field.name}**`), markup(field.value));
  }
  if (embed.footer?.text) lines.push('', markup(`-# ${embed.footer.text}`));
  return lines.join('\n');
}

/** A message as the console shows it: content, then embeds, then its buttons numbered. */
export function renderMessage(
  data: { content?: string | undefined; embeds?: APIEmbed[] | undefined; flags?: unknown },
  buttons: readonly RenderedButton[],
  style: MarkupStyle,
): string {
  const parts: string[] = [];
  if (Number(data.flags ?? 0) & MessageFlags.Ephemeral)
    parts.push(renderMarkup('-# only you can see this', style));
  if (data.content) parts.push(renderMarkup(data.content, style));
  for (const embed of data.embeds ?? []) parts.push(renderEmbed(embed, style));
  buttons.forEach((button, index) => {
    const state = button.disabled ? ' (disabled)' : '';
    parts.push(button.url ? `  ${button.label}: ${button.url}` : `  [${index + 1}] ${button.label}${state}`);
  });
  return parts.join('\n');
}

/** A response as text: the console's view of what Discord would show. */
export function renderResponse(response: APIInteractionResponse, style: MarkupStyle): string {
  switch (response.type) {
    case InteractionResponseType.Pong:
      return 'PONG';
    case InteractionResponseType.ChannelMessageWithSource:
    case InteractionResponseType.UpdateMessage:
      return renderMessage(response.data ?? {}, buttonsOf(response.data), style);
    case InteractionResponseType.ApplicationCommandAutocompleteResult:
      return (response.data.choices ?? []).map((choice) => `  - ${choice.name}`).join('\n');
    case InteractionResponseType.DeferredChannelMessageWithSource:
    case InteractionResponseType.DeferredMessageUpdate:
      return '(working on it…)';
    default:
      return `(response of type ${response.type})`;
  }
}
