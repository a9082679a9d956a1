export * from './editing.ts';
export * from './import.ts';
export * from './model.ts';
export * from './provenance.ts';
export * from './resolve.ts';
export * from './scan.ts';
export * from './views.ts';
export * from './ytext.ts';
