import type { PortfolioCounts } from '../../src/assess/criteria.ts';

/** /assess options of a member who is just starting: every count zero, ten months to apply. */
export const BEGINNER = {
  publications: 0,
  ir_publications: 0,
  first_author: 0,
  abstracts: 0,
  presentations: 0,
  ir_projects: 0,
  ongoing: 0,
  months_to_apply: 10,
};

/** The same beginner as plain counts, as the level functions take them. */
export const NO_COUNTS: PortfolioCounts = {
  publications: 0,
  irPublications: 0,
  firstAuthor: 0,
  abstracts: 0,
  presentations: 0,
  irProjects: 0,
  ongoing: 0,
};
