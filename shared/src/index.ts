export * from './protocol.ts';
export * from './schema.ts';
export * from './ydoc.ts';
