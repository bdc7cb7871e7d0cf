export { createGrpcServer, type DigiCraftGrpcServer, type GrpcServerOptions } from './server';
export type { AsyncServiceImplementation, CallContext, UnaryHandler, UnaryMethodDefinition } from './call-context';
export { HealthRegistry, type HealthControl, type HealthStatus, type ServingState } from './health-service';
export { checkHealth, type CheckHealthOptions } from './health-check';
export {
  createGrpcClient,
  waitForReady,
  type DigiCraftGrpcClient,
  type GrpcClientConstructor,
  type GrpcClientOptions,
} from './client';
export { call, type RequestOf, type ResponseOf, type UnaryCallOptions, type UnaryMethodName } from './call';
export {
  GRPC_STATUS_BY_KIND,
  fromGrpcError,
  isServiceError,
  kindFromGrpcStatus,
  toGrpcError,
  type CallTarget,
} from './error-status';
export { METADATA_KEYS, isIdempotencyKey, readIdempotencyKey, type Actor, type ExtraMetadata } from './metadata';
export { labelsFromPath, type CallLabels } from './metrics';
export { wrapUnary, type UnaryWrapOptions } from './unary-handler';
