import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import satori, { type SatoriOptions } from 'satori';
import type { CriterionProgress } from '../assess/score.ts';
import { type CardElement, el } from './element.ts';

/** What the card shows: the level, a bar per criterion of the next level, the biggest gap. */
export interface CardView {
  level: string;
  nextLevel: string | null;
  progress: readonly CriterionProgress[];
  biggestGap: CriterionProgress | null;
  /** Where the counts came from, in a few words ("from your portfolio"). */
  source: string;
}

export interface Card {
  png: Buffer;
  /** For the attachment's description: the card in words, for screen readers. */
  altText: string;
}

export const CARD_FILE_NAME = 'portfolio-card.png';
const WIDTH = 800;
const ROW_HEIGHT = 44;
const PADDING_X = 36;
/** Discord's limit on an attachment's description. */
const ALT_TEXT_MAX = 1024;

const COLORS = {
  background: '#0f1b2d',
  panel: '#16263d',
  text: '#f3f6fa',
  muted: '#9fb0c5',
  track: '#2a3d57',
  met: '#3fb68b',
  partial: '#4f8ff7',
  gap: '#f5a524',
} as const;

const require = createRequire(import.meta.url);
let fonts: SatoriOptions['fonts'] | undefined;

/** Inter from @fontsource, read once: satori needs the font bytes, and reads no system fonts. */
function loadFonts(): SatoriOptions['fonts'] {
  fonts ??= ([400, 700] as const).map((weight) => ({
    name: 'Inter',
    weight,
    style: 'normal' as const,
    data: readFileSync(require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`)),
  }));
  return fonts;
}

function bar(item: CriterionProgress, isBiggestGap: boolean): CardElement {
  const share = Math.min(1, item.current / item.target);
  const color = item.met ? COLORS.met : isBiggestGap ? COLORS.gap : COLORS.partial;
  return el(
    { flexDirection: 'column', height: ROW_HEIGHT, justifyContent: 'center', width: WIDTH - 2 * PADDING_X },
    el(
      { justifyContent: 'space-between', fontSize: 17, color: COLORS.text, marginBottom: 6 },
      el(
        { color: isBiggestGap ? COLORS.gap : COLORS.text },
        item.preferred ? `${item.label} (preferred)` : item.label,
      ),
      el(
        { color: item.met ? COLORS.met : COLORS.muted, fontWeight: 700 },
        `${item.current} of ${item.target}${item.met ? ', met' : ''}`,
      ),
    ),
    el(
      { height: 10, borderRadius: 5, backgroundColor: COLORS.track, width: '100%' },
      el({
        height: 10,
        borderRadius: 5,
        backgroundColor: color,
        width: `${Math.max(share * 100, share > 0 ? 3 : 0)}%`,
      }),
    ),
  );
}

function cardTree(view: CardView): CardElement {
  const heading = view.nextLevel ? `Toward ${view.nextLevel}` : 'Every benchmark of the highest level is met';
  const footer = view.biggestGap
    ? `Biggest gap: ${view.biggestGap.label}, ${view.biggestGap.current} of ${view.biggestGap.target}`
    : 'No gap left at this level';
  return el(
    {
      width: WIDTH,
      flexDirection: 'column',
      backgroundColor: COLORS.background,
      padding: `28px ${PADDING_X}px`,
      fontFamily: 'Inter',
      color: COLORS.text,
    },
    el(
      { fontSize: 16, color: COLORS.muted, letterSpacing: 1 },
      `IR RESEARCH PORTFOLIO · ${view.source.toUpperCase()}`,
    ),
    el({ fontSize: 40, fontWeight: 700, marginTop: 6 }, view.level),
    el({ fontSize: 18, color: COLORS.muted, marginTop: 4, marginBottom: 14 }, heading),
    el(
      { flexDirection: 'column', flexGrow: 1 },
      ...view.progress.map((item) => bar(item, item.id === view.biggestGap?.id)),
    ),
    el(
      {
        marginTop: 12,
        // Satori adds padding to the width, as CSS's content-box does.
        width: WIDTH - 2 * PADDING_X - 2 * 14,
        padding: '10px 14px',
        borderRadius: 8,
        backgroundColor: COLORS.panel,
        fontSize: 18,
        color: view.biggestGap ? COLORS.gap : COLORS.met,
        fontWeight: 700,
      },
      footer,
    ),
  );
}

/** The card in words: the same facts in the same order, for the attachment's description. */
export function cardAltText(view: CardView): string {
  const lines = [
    `Portfolio level: ${view.level} (${view.source}).`,
    view.nextLevel ? `Progress toward ${view.nextLevel}:` : 'Every benchmark of the highest level is met:',
    ...view.progress.map(
      (item) =>
        `${item.label}${item.preferred ? ' (preferred, not required)' : ''}: ${item.current} of ${item.target}${item.met ? ', met' : ''}.`,
    ),
    view.biggestGap
      ? `Biggest gap: ${view.biggestGap.label}, ${view.biggestGap.current} of ${view.biggestGap.target}.`
      : 'No gap left.',
  ];
  const text = lines.join(' ');
  return text.length <= ALT_TEXT_MAX ? text : `${text.slice(0, ALT_TEXT_MAX - 1)}…`;
}

/** Renders the card in-process: satori lays it out as SVG, resvg rasterises it to PNG. */
export async function renderAssessmentCard(view: CardView): Promise<Card> {
  const tree = cardTree(view);
  // No height: satori makes the card as tall as its rows.
  const svg = await satori(tree as never, { width: WIDTH, fonts: loadFonts() });
  const png = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } })
    .render()
    .asPng();
  return { png, altText: cardAltText(view) };
}

/**
 * Renders one throwaway card so the first member's /assess does not pay for loading the layout
 * engine and parsing the fonts (about 200 ms, several times that on a busy machine).
 */
export async function warmUpCardRenderer(): Promise<void> {
  await renderAssessmentCard({
    level: 'Getting started',
    nextLevel: null,
    progress: [],
    biggestGap: null,
    source: '',
  });
}
