import type { openingFocuses, openingKinds, openingRoles, openingStatuses } from '../db/schema/openings.ts';

export type OpeningKind = (typeof openingKinds)[number];
export type OpeningFocus = (typeof openingFocuses)[number];
export type OpeningRole = (typeof openingRoles)[number];
export type OpeningStatus = (typeof openingStatuses)[number];
export type ClosingStatus = Extract<OpeningStatus, 'filled' | 'withdrawn'>;

/** The kinds of academic work the guide lists, from quick wins to long projects. */
export const KIND_LABELS: Record<OpeningKind, string> = {
  case_report: 'Case report',
  case_series: 'Case series',
  retrospective: 'Retrospective study',
  prospective: 'Prospective study',
  database: 'Database study',
  systematic_review: 'Systematic review or meta-analysis',
  pictorial_essay: 'Pictorial essay or educational review',
  technical_note: 'Technical note',
  quality_improvement: 'Quality improvement',
  basic_science: 'Basic or translational science',
  other: 'Other',
};

export const FOCUS_LABELS: Record<OpeningFocus, string> = {
  ir: 'Interventional radiology (IR)',
  diagnostic_radiology: 'Diagnostic radiology',
  other_specialty: 'Another specialty',
};

/** Short names for the compact lines of a list. */
export const FOCUS_SHORT_LABELS: Record<OpeningFocus, string> = {
  ir: 'IR',
  diagnostic_radiology: 'Diagnostic radiology',
  other_specialty: 'Other specialty',
};

export const ROLE_LABELS: Record<OpeningRole, string> = {
  entry: 'Entry level',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
};

/** The ladder of involvement, in the project's own words: what a helper at each rung would do. */
export const ROLE_DESCRIPTIONS: Record<OpeningRole, string> = {
  entry: 'gathering data from charts or PACS, tidying spreadsheets, first literature searches',
  intermediate: 'drafting sections, building tables and imaging figures, IRB paperwork, abstracts',
  advanced: 'shaping the question with a mentor, leading the analysis, writing as first author',
};

export const STATUS_LABELS: Record<OpeningStatus, string> = {
  open: 'Open',
  filled: 'Filled',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
  in_review: 'Awaiting review',
  rejected: 'Rejected',
};

/**
 * Names a forum tag may carry for each kind and focus (compared after lower-casing and dropping
 * punctuation), so moderators can name their tags naturally.
 */
export const KIND_TAG_NAMES: Record<OpeningKind, readonly string[]> = {
  case_report: ['case report', 'case reports'],
  case_series: ['case series'],
  retrospective: ['retrospective', 'retrospective study', 'retrospective studies'],
  prospective: ['prospective', 'prospective study', 'prospective studies'],
  database: ['database', 'database study', 'database studies'],
  systematic_review: [
    'systematic review',
    'systematic reviews',
    'meta analysis',
    'systematic review or meta analysis',
  ],
  pictorial_essay: ['pictorial essay', 'pictorial essays', 'educational review', 'educational reviews'],
  technical_note: ['technical note', 'technical notes'],
  quality_improvement: ['quality improvement', 'qi'],
  basic_science: [
    'basic science',
    'translational',
    'basic or translational science',
    'translational science',
  ],
  other: ['other', 'other kind'],
};

export const FOCUS_TAG_NAMES: Record<OpeningFocus, readonly string[]> = {
  ir: ['ir', 'interventional radiology', 'interventional'],
  diagnostic_radiology: ['dr', 'diagnostic radiology', 'diagnostic'],
  other_specialty: ['other specialty', 'other specialties', 'non ir'],
};

/** Author of an opening whose member deleted their data: no Discord account has id 0. */
export const ANONYMOUS_AUTHOR_ID = '0';
