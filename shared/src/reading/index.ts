export * from './model.ts';
export * from './notation.ts';
export * from './read.ts';
export * from './views.ts';
