export * from './assessments.ts';
export * from './faqs.ts';
export * from './guild-settings.ts';
export * from './member-pitfall-progress.ts';
export * from './openings.ts';
export * from './portfolio.ts';
