export * from './change.ts';
export * from './check.ts';
export * from './frozen.ts';
export * from './model.ts';
