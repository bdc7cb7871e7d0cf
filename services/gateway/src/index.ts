export { buildGatewayApp, type GatewayApp, type GatewayDeps } from './http/build-app';
export { gatewayConfigSchema, type GatewayConfig } from './config';
export { createGatewayStore, type GatewayStore } from './store/gateway-store';
export { createDownstreamClients, type DownstreamClients } from './grpc/downstream-clients';
export { loadKeyRing, type KeyRing } from './security/signing-keys';
export { checkCreditCode, creditCodeCheckCharacter } from './domain/credit-code';
export { startGateway, type GatewayStartOptions, type RunningGateway } from './gateway-service';
export { PublicReadCache, publicCacheNames, type CacheEntryName } from './redis/public-read-cache';
export { registerPublicCacheInvalidation } from './events/public-cache-invalidation';
