export { registrationServiceSpec, buildDeps } from './service-spec';
export { registrationConfigSchema, DEVELOPMENT_DATA_KEY } from './config';
export { makeResidentId } from './domain/resident-id';
export { drawOrder, LOTTERY_ALGORITHM } from './domain/lottery';
