import type { PortfolioCounts } from '../../src/assess/criteria.ts';
import { scorePortfolio } from '../../src/assess/score.ts';
import { type CardView, renderAssessmentCard } from '../../src/card/assessment-card.ts';
import { NO_COUNTS } from '../helpers/assess-options.ts';
import type { BenchOptions } from './lib/options.ts';
import { ms, type SectionResult } from './lib/report.ts';
import { median, percentile } from './lib/stats.ts';

const TARGET_MS = 100;
const MAX_BYTES = 200 * 1024;

/** One portfolio per level, so every layout (one bar to seven) is rendered. */
const PORTFOLIOS: PortfolioCounts[] = [
  NO_COUNTS,
  { ...NO_COUNTS, publications: 1, abstracts: 1, ongoing: 1 },
  { ...NO_COUNTS, publications: 3, irPublications: 1, abstracts: 3, irProjects: 1, ongoing: 1 },
  {
    publications: 6,
    irPublications: 3,
    firstAuthor: 2,
    abstracts: 5,
    presentations: 2,
    irProjects: 3,
    ongoing: 2,
  },
];

function views(): CardView[] {
  return PORTFOLIOS.map((counts) => ({ ...scorePortfolio(counts), source: 'from your portfolio' }));
}

/**
 * The /assess card rendered in this process (satori, then resvg): the first render (fonts loaded,
 * WebAssembly compiled) apart from warm ones, wall and CPU time, and the PNG's size.
 */
export async function cardRender(options: BenchOptions): Promise<SectionResult> {
  const renders = options.quick ? 20 : 100;
  const cards = views();
  const coldStart = performance.now();
  await renderAssessmentCard(cards[0] as CardView);
  const cold = performance.now() - coldStart;
  const wall: number[] = [];
  const cpu: number[] = [];
  let largest = 0;
  for (let index = 0; index < renders; index++) {
    const view = cards[index % cards.length] as CardView;
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const card = await renderAssessmentCard(view);
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    largest = Math.max(largest, card.png.length);
  }
  const warm = median(wall);
  return {
    tables: [
      {
        title: 'Assessment card (PNG)',
        note: `${renders} warm renders cycling through one portfolio per level (one to seven bars), in the bench process.`,
        headers: ['first render', 'warm median', 'warm p95', 'warm CPU median', 'largest PNG'],
        rows: [
          [
            ms(cold),
            ms(warm),
            ms(percentile(wall, 95)),
            ms(median(cpu)),
            `${(largest / 1024).toFixed(1)} KB`,
          ],
        ],
      },
    ],
    targets: [
      {
        target: `/assess card renders in < ${TARGET_MS} ms warm`,
        measured: ms(warm),
        pass: warm < TARGET_MS,
      },
      {
        target: '/assess card PNG < 200 KB',
        measured: `${(largest / 1024).toFixed(1)} KB`,
        pass: largest < MAX_BYTES,
      },
    ],
  };
}
