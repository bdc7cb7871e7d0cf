export * from './service-process';
export * from './load';
