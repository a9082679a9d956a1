export * from './audit.ts';
export * from './layout.ts';
export * from './precheck.ts';
export * from './problem.ts';
export * from './read.ts';
export * from './structure.ts';
export * from './values.ts';
export * from './watch.ts';
