/**
 * The sections of the source guide (shared/seed/ir-research-profile-guide.txt) plus the reference
 * topics from shared/reference/domain-facts.md. Every built-in FAQ entry names the sections it covers
 * in its `sections` front matter, and the content test checks that each one is covered at least once.
 */
export const guideSections = [
  { key: 'why-research-matters', title: 'Why the research profile matters for an IMG in IR' },
  { key: 'spectrum-of-research', title: 'What counts: the spectrum of research activities' },
  { key: 'ir-vs-non-ir', title: 'IR-specific vs non-IR research' },
  { key: 'publications-baseline', title: 'How many publications: solid baseline' },
  { key: 'publications-highly-competitive', title: 'How many publications: highly competitive profile' },
  { key: 'publications-just-beginning', title: 'How many publications: just beginning' },
  { key: 'eligibility-credibility', title: 'Step 1: eligibility and credibility before outreach' },
  { key: 'finding-mentors', title: 'Step 2: targeting institutions and mentors' },
  { key: 'outreach-email', title: 'Step 3: the outreach email' },
  { key: 'research-fellowship', title: 'Formal pathways: research fellowships' },
  { key: 'postdoc', title: 'Formal pathways: postdoctoral positions' },
  { key: 'observership', title: 'Formal pathways: visiting scholar and observer roles' },
  { key: 'ir-story-phases', title: 'The IR story: early, transition and mature phases' },
  { key: 'ladder-of-involvement', title: 'Levels of involvement: climbing the ladder' },
  { key: 'diversify-output', title: 'Diversifying academic output (the pipeline)' },
  { key: 'remote-skills', title: 'Remote-friendly research skills' },
  { key: 'time-management', title: 'Time management: treat it like a job' },
  { key: 'proactive-respectful', title: 'Being proactive but respectful' },
  { key: 'cv-entries', title: 'Turning projects into CV entries and publication statuses' },
  { key: 'organising-eras', title: 'Organising research on ERAS and the CV' },
  { key: 'interviews', title: 'Talking about research in interviews' },
  { key: 'personal-statement', title: 'Research in the personal statement' },
  { key: 'letters', title: 'Letters of recommendation' },
  { key: 'pitfall-quantity', title: 'Pitfall 1: quantity over meaning' },
  { key: 'pitfall-overclaiming', title: 'Pitfall 2: overclaiming your role' },
  { key: 'pitfall-ethics', title: 'Pitfall 3: ignoring ethics and authorship norms' },
  { key: 'pitfall-starting-late', title: 'Pitfall 4: starting too late' },
  { key: 'roadmap', title: 'The 12 to 24 month roadmap' },
  { key: 'guide-faq-mandatory', title: 'Guide FAQ 1: is IR research mandatory?' },
  { key: 'guide-faq-non-ir', title: 'Guide FAQ 2: can non-IR research help?' },
  { key: 'guide-faq-how-many', title: 'Guide FAQ 3: how many publications?' },
  { key: 'guide-faq-basic-science', title: 'Guide FAQ 4: does basic science count?' },
  { key: 'facts-program-directors', title: 'Reference: what IR program directors weigh' },
  { key: 'facts-nrmp-2026', title: 'Reference: NRMP 2026 research figures' },
  { key: 'facts-positions', title: 'Reference: IR positions and who fills them' },
  { key: 'facts-meetings-journals', title: 'Reference: meetings and journals' },
  { key: 'facts-icmje', title: 'Reference: ICMJE authorship criteria' },
] as const;

export type GuideSectionKey = (typeof guideSections)[number]['key'];

export const guideSectionKeys = guideSections.map((section) => section.key) as [
  GuideSectionKey,
  ...GuideSectionKey[],
];
