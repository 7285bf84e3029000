/**
 * The guide's 12–24 month roadmap for an IMG aiming at IR residency, retold in the project's own
 * words. Each phase is named by the months since the member started, counted toward applying.
 */

export type RoadmapPhaseId = 'months-1-3' | 'months-4-9' | 'months-10-18' | 'months-19-24';

export interface RoadmapPhase {
  id: RoadmapPhaseId;
  /** "Months 1–3" */
  months: string;
  title: string;
  /** One sentence on what the phase is for. */
  aim: string;
  checklist: readonly string[];
}

export const ROADMAP_PHASES: readonly RoadmapPhase[] = [
  {
    id: 'months-1-3',
    months: 'Months 1–3',
    title: 'Lay the groundwork',
    aim: 'Get ready to ask for a place on a project, then start asking.',
    checklist: [
      'Bring your CV up to date and move your exams along; both make a request for research work stronger.',
      'Draw up a list of 30–50 IR and radiology faculty whose recent papers show they run active projects.',
      'Write each of them a short, personal email asking to help on a project, and follow up politely.',
      'Start beginner online courses in statistics and in scientific writing.',
    ],
  },
  {
    id: 'months-4-9',
    months: 'Months 4–9',
    title: 'Get onto projects',
    aim: 'Turn the contacts you made into real work with your name on it.',
    checklist: [
      'Join one to three projects; another specialty is fine while IR projects are out of reach.',
      'Take a clearly defined job on each, such as extracting data or searching the literature.',
      'If you can, finish at least one IR case report or pictorial essay.',
      'Follow IR conferences and webinars online.',
    ],
  },
  {
    id: 'months-10-18',
    months: 'Months 10–18',
    title: 'Shift toward IR',
    aim: 'Make the IR thread in your work obvious and get it out for review.',
    checklist: [
      'Move onto IR-focused projects led by IR or diagnostic radiology mentors.',
      'Target one or two manuscripts submitted to journals.',
      'Target two or three abstracts or posters, IR-related where you can.',
      'Weigh an IR research fellowship or an observership if one is within reach.',
    ],
  },
  {
    id: 'months-19-24',
    months: 'Months 19–24',
    title: 'Application year',
    aim: 'Finish what is underway and present it well.',
    checklist: [
      'Complete your remaining manuscripts and get them submitted.',
      'Build your application (ERAS in the U.S.) so that your IR research stands out.',
      'Rehearse describing each project, and your part in it, briefly and with confidence.',
      'Ask your IR mentors for letters that speak to your work in detail.',
    ],
  },
];

/** For members more than 24 months from applying. */
export const NOT_STARTED_YET = {
  title: 'Not started yet: begin with months 1–3 now',
  aim: 'You have more than two years before you apply: more time than the roadmap needs, which the guide plans over 1–2 years. Start the first phase now so that projects are running well before the application year.',
} as const;

/** For members a year or less from applying who are still below the competitive baseline. */
export const LATE_START_ADVICE = {
  title: 'Starting late',
  lines: [
    'Favour short projects that finish in time: case reports and educational pieces.',
    'Submit abstracts and posters; an accepted one shows your work passed peer review.',
    'Keep showing momentum and commitment; it counts even if your papers come out after you apply.',
  ],
} as const;
