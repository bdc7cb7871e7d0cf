/**
 * The platform's processes and where they listen on this machine (the same ports as
 * docker-compose.yml). Downstream services come first: the gateway starts last and stops first.
 */
export interface PlatformService {
  readonly name: string;
  readonly adminPort: number;
  readonly grpcPort?: number;
  readonly httpPort?: number;
}

export const PLATFORM_SERVICES: readonly PlatformService[] = Object.freeze([
  { name: 'registration', grpcPort: 50051, adminPort: 9101 },
  { name: 'judging', grpcPort: 50052, adminPort: 9102 },
  { name: 'talent-pool', grpcPort: 50053, adminPort: 9103 },
  { name: 'matching', grpcPort: 50054, adminPort: 9104 },
  { name: 'gateway', httpPort: 8080, adminPort: 9100 },
]);

const grpcAddressOf = (name: string): string => {
  const port = PLATFORM_SERVICES.find((s) => s.name === name)?.grpcPort;
  if (port === undefined) throw new Error(`${name} has no gRPC port`);
  return `127.0.0.1:${port}`;
};

/** The environment a service process gets, on top of the infrastructure URLs. */
export function serviceEnvironment(service: PlatformService): Record<string, string> {
  const env: Record<string, string> = {
    SERVICE_NAME: service.name,
    ADMIN_PORT: String(service.adminPort),
    BIND_HOST: '127.0.0.1',
  };
  if (service.grpcPort !== undefined) env.GRPC_PORT = String(service.grpcPort);
  if (service.httpPort !== undefined) {
    env.HTTP_PORT = String(service.httpPort);
    env.REGISTRATION_GRPC_ADDR = grpcAddressOf('registration');
    env.JUDGING_GRPC_ADDR = grpcAddressOf('judging');
    env.TALENT_GRPC_ADDR = grpcAddressOf('talent-pool');
    env.MATCHING_GRPC_ADDR = grpcAddressOf('matching');
  }
  return env;
}
