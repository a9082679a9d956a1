export * from './attribution.ts';
export * from './diff.ts';
export * from './file-name.ts';
export * from './progress.ts';
