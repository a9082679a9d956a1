export * from './diff.ts';
export * from './progress.ts';
