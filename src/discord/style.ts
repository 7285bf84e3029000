/** The accent colour of the bot's embeds. */
export const BRAND_COLOR = 0x2b6cb0;
