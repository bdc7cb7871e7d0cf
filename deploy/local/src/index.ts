export {
  ensureInfrastructure,
  type DockerStarter,
  type EnsureInfrastructureOptions,
  type EnsureInfrastructureResult,
  type InfrastructureUrls,
} from './ensure-infrastructure';
export { stopInfrastructure, infrastructureStatus } from './stop-infrastructure';
export { startKafkaNode, type KafkaNodeHandle, type KafkaNodeOptions } from './kafka-node';
export { provisionTopics, type ProvisionOptions, type ProvisionResult } from './provisioning';
export { resolveInfraConfig, SERVER_NAMES, type InfraConfig, type ServerName } from './infra-config';
export { isDockerReachable, COMPOSE_COMMAND } from './docker-detect';
export { InfraConfigError, MissingToolError, ServerStartError, DockerComposeRequiredError } from './infra-errors';
export type { LocalServerStatus } from './local-server';
