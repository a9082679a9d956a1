export * from './attribution.ts';
export * from './chair-edits.ts';
export * from './compilation.ts';
export * from './decide.ts';
export * from './editing.ts';
export * from './model.ts';
export * from './rules.ts';
export * from './scan.ts';
