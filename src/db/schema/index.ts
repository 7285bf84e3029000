export * from './assessments.ts';
export * from './guild-settings.ts';
export * from './openings.ts';
