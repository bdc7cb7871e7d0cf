export * from './topics';
export * from './event-types';

// Generated from proto/ by `pnpm --filter @digicraft/contracts gen`; one namespace per proto file.
export * as commonV1 from './gen/digicraft/common/v1/common';
export * as accountsV1 from './gen/digicraft/accounts/v1/accounts';
export * as accountsEventsV1 from './gen/digicraft/accounts/v1/events';
export * as registrationV1 from './gen/digicraft/registration/v1/registration';
export * as registrationEventsV1 from './gen/digicraft/registration/v1/events';
export * as judgingV1 from './gen/digicraft/judging/v1/judging';
export * as judgingEventsV1 from './gen/digicraft/judging/v1/events';
export * as talentV1 from './gen/digicraft/talent/v1/talent';
export * as talentEventsV1 from './gen/digicraft/talent/v1/events';
export * as matchingV1 from './gen/digicraft/matching/v1/matching';
export * as matchingEventsV1 from './gen/digicraft/matching/v1/events';
export * as healthV1 from './gen/grpc/health/v1/health';
