export * from './attribution.ts';
export * from './diff.ts';
export * from './progress.ts';
