/** How a terminal shows Discord's markup: ANSI styles when it has colours, plain text otherwise. */
export interface MarkupStyle {
  ansi: boolean;
  /** `#name` for a channel id the console knows. */
  channelName: (id: string) => string | undefined;
  /** `@name` for a user id the console knows. */
  userName: (id: string) => string | undefined;
  now: () => Date;
  timeZone?: string;
  locale?: string;
}

const ANSI = {
  bold: ['\u001b[1m', '\u001b[22m'],
  italic: ['\u001b[3m', '\u001b[23m'],
  underline: ['\u001b[4m', '\u001b[24m'],
  code: ['\u001b[36m', '\u001b[39m'],
  dim: ['\u001b[2m', '\u001b[22m'],
} as const;

function styled(style: MarkupStyle, kind: keyof typeof ANSI, text: string): string {
  if (!style.ansi) return kind === 'code' ? `\`${text}\`` : text;
  const [open, close] = ANSI[kind];
  return `${open}${text}${close}`;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "in 3 days", "2 hours ago": Discord's `R` style, in the largest unit that fits. */
function relativeTime(at: Date, now: Date, locale = 'en-US'): string {
  const seconds = Math.round((at.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second')
      return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}

const TIMESTAMP_FORMATS: Record<string, Intl.DateTimeFormatOptions> = {
  t: { timeStyle: 'short' },
  T: { timeStyle: 'medium' },
  d: { dateStyle: 'short' },
  D: { dateStyle: 'long' },
  f: { dateStyle: 'long', timeStyle: 'short' },
  F: { dateStyle: 'full', timeStyle: 'short' },
};

function timestamp(style: MarkupStyle, seconds: string, format = 'f'): string {
  const at = new Date(Number(seconds) * 1000);
  if (Number.isNaN(at.getTime())) return seconds;
  const local = new Intl.DateTimeFormat(style.locale ?? 'en-US', {
    ...(TIMESTAMP_FORMATS[format] ?? TIMESTAMP_FORMATS.f),
    ...(style.timeZone ? { timeZone: style.timeZone } : {}),
  }).format(at);
  return format === 'R' ? relativeTime(at, style.now(), style.locale) : local;
}

/** Inline markup of one line: mentions, timestamps, links, then bold, underline, italics, code. */
function renderInline(line: string, style: MarkupStyle): string {
  // Code first: nothing inside backticks is markup.
  const pieces = line.split(/(`[^`]+`)/);
  return pieces
    .map((piece) => {
      if (/^`[^`]+`$/.test(piece)) return styled(style, 'code', piece.slice(1, -1));
      return piece
        .replace(/<t:(-?\d+)(?::([tTdDfFR]))?>/g, (_all, seconds: string, format?: string) =>
          timestamp(style, seconds, format),
        )
        .replace(/<#(\d+)>/g, (_all, id: string) => `#${style.channelName(id) ?? 'unknown-channel'}`)
        .replace(/<@!?(\d+)>/g, (_all, id: string) => `@${style.userName(id) ?? 'someone'}`)
        .replace(/<@&(\d+)>/g, '@role')
        .replace(
          /\[([^\]]+)\]\((<?)(https?:\/\/[^)\s>]+)>?\)/g,
          (_all, label: string, _angle, url: string) => (label === url ? url : `${label} (${url})`),
        )
        .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
        .replace(/\*\*(.+?)\*\*/g, (_all, text: string) => styled(style, 'bold', text))
        .replace(/__(.+?)__/g, (_all, text: string) => styled(style, 'underline', text))
        .replace(
          /(^|[^\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)/g,
          (_all, before: string, text: string) => `${before}${styled(style, 'italic', text)}`,
        )
        .replace(
          /(^|[^\w])_(?!\s)(.+?)(?<!\s)_(?!\w)/g,
          (_all, before: string, text: string) => `${before}${styled(style, 'italic', text)}`,
        )
        .replace(/~~(.+?)~~/g, '$1')
        .replace(/\|\|(.+?)\|\|/g, '$1')
        .replace(/\\([*_`~|\\<>#-])/g, '$1');
    })
    .join('');
}

/**
 * Discord's markdown as a terminal shows it: timestamps as local dates ("in 3 days" for the
 * relative style), channel mentions as #name, headings and bold in bold, code in colour; with no
 * colours the markers are dropped and code keeps its backticks.
 */
export function renderMarkup(text: string, style: MarkupStyle): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let inBlock = false;
  for (const line of lines) {
    if (/^```/.test(line.trim())) {
      inBlock = !inBlock;
      continue;
    }
    if (inBlock) {
      out.push(`    ${style.ansi ? styled(style, 'code', line) : line}`);
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (heading) {
      out.push(styled(style, 'bold', renderInline(heading[2] ?? '', style)));
      continue;
    }
    const subtext = /^-#\s+(.*)$/.exec(line);
    if (subtext) {
      out.push(styled(style, 'dim', renderInline(subtext[1] ?? '', style)));
      continue;
    }
    const quote = /^>\s?(.*)$/.exec(line);
    out.push(quote ? `│ ${renderInline(quote[1] ?? '', style)}` : renderInline(line, style));
  }
  return out.join('\n');
}
