import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';

/** Previous and Next buttons of a paged list; `customIdOf` names the page each one shows. */
export function pagerRow(
  page: number,
  pages: number,
  customIdOf: (page: number) => string,
): APIActionRowComponent<APIButtonComponentWithCustomId> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Previous',
        custom_id: customIdOf(Math.max(0, page - 1)),
        disabled: page === 0,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Next',
        // A different page from Previous's even when disabled: custom_ids in a message must differ.
        custom_id: customIdOf(Math.min(page + 1, pages)),
        disabled: page >= pages - 1,
      },
    ],
  };
}
