export * from './digicraft-error';
export * from './common-errors';
export * from './http-status';
