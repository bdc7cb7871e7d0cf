import { InfraConfigError } from '../infra-errors';

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

/** `talent-pool` + `grpc` → `DIGICRAFT_TALENT_POOL_GRPC_PORT`. */
export function portVariable(service: string, kind: 'admin' | 'grpc' | 'http'): string {
  return `DIGICRAFT_${service.toUpperCase().replace(/-/g, '_')}_${kind.toUpperCase()}_PORT`;
}

function portFrom(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1024 && value <= 65535)) throw new InfraConfigError(variable, `"${raw}" is not a port between 1024 and 65535`);
  return value;
}

/**
 * The services with their ports, each overridable (DIGICRAFT_<SERVICE>_<ADMIN|GRPC|HTTP>_PORT), so
 * a second platform (a test's, for example) can run beside the one on the default ports.
 */
export function platformServices(env: NodeJS.ProcessEnv = process.env): readonly PlatformService[] {
  return PLATFORM_SERVICES.map((s) => ({
    name: s.name,
    adminPort: portFrom(env, portVariable(s.name, 'admin'), s.adminPort),
    ...(s.grpcPort === undefined ? {} : { grpcPort: portFrom(env, portVariable(s.name, 'grpc'), s.grpcPort) }),
    ...(s.httpPort === undefined ? {} : { httpPort: portFrom(env, portVariable(s.name, 'http'), s.httpPort) }),
  }));
}

/** The environment a service process gets, on top of the infrastructure URLs. */
export function serviceEnvironment(service: PlatformService, all: readonly PlatformService[] = PLATFORM_SERVICES): Record<string, string> {
  const grpcAddressOf = (name: string): string => {
    const port = all.find((s) => s.name === name)?.grpcPort;
    if (port === undefined) throw new Error(`${name} has no gRPC port`);
    return `127.0.0.1:${port}`;
  };
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
