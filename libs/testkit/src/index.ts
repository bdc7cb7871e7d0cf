export * from './service-process';
export * from './load';
export * from './polling';
export * from './process-cpu';
