export { buildGatewayApp, type GatewayApp, type GatewayDeps } from './http/build-app';
export { gatewayConfigSchema, type GatewayConfig } from './config';
export { createGatewayStore, type GatewayStore } from './store/gateway-store';
export { createDownstreamClients, type DownstreamClients } from './grpc/downstream-clients';
export { loadKeyRing, type KeyRing } from './security/signing-keys';
export { checkCreditCode, creditCodeCheckCharacter } from './domain/credit-code';
