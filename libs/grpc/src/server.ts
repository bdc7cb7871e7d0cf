import { Server, ServerCredentials, type ServiceDefinition, type UntypedHandleCall } from '@grpc/grpc-js';
import { healthV1 } from '@digicraft/contracts';
import type { Logger } from '@digicraft/logging';
import { LEAN_CHANNEL_OPTIONS } from './channel-options';
import type { AsyncServiceImplementation, UnaryHandler } from './call-context';
import { HealthRegistry, type HealthControl } from './health-service';
import { labelsFromPath } from './metrics';
import { wrapUnary } from './unary-handler';

export interface GrpcServerOptions {
  readonly logger: Logger;
  /** The DigiCraft service this process is (`registration`); used in log lines. */
  readonly serviceName: string;
  /**
   * How long shutdown keeps answering NOT_SERVING before it stops taking calls, so that load
   * balancers and probes see the change first. Default 0.
   */
  readonly drainMs?: number;
}

export interface DigiCraftGrpcServer {
  /** Registers a ts-proto generated service definition with async handlers for its unary methods. */
  addService<S extends ServiceDefinition>(definition: S, implementation: AsyncServiceImplementation<S>): this;
  /** Binds with insecure credentials (TLS is the mesh's job); port 0 picks a free port. Resolves the bound port. */
  start(port: number, host?: string): Promise<number>;
  /** Serving status per service name ('' = the whole server). start() marks everything SERVING. */
  readonly health: HealthControl;
  /** NOT_SERVING, stop taking calls, let running calls finish, and cut them off after timeoutMs. */
  shutdown(timeoutMs: number): Promise<void>;
}

function serviceNameOf(definition: ServiceDefinition): string {
  const [first] = Object.values(definition);
  if (first === undefined) throw new Error('A gRPC service definition without methods cannot be served');
  return labelsFromPath(first.path).service;
}

class GrpcServer implements DigiCraftGrpcServer {
  private readonly server = new Server(LEAN_CHANNEL_OPTIONS);
  private readonly registry = new HealthRegistry();
  private readonly services: string[] = [];
  private shuttingDown: Promise<void> | undefined;

  constructor(private readonly options: GrpcServerOptions) {
    const { logger } = options;
    this.server.addService(healthV1.HealthService, {
      check: wrapUnary(healthV1.HealthService.check.path, this.registry.check, { logger, quiet: true }),
      watch: this.registry.watch,
    });
  }

  get health(): HealthControl {
    return this.registry;
  }

  addService<S extends ServiceDefinition>(definition: S, implementation: AsyncServiceImplementation<S>): this {
    const handlers: Record<string, UntypedHandleCall> = {};
    for (const [name, method] of Object.entries(definition)) {
      if (method.requestStream || method.responseStream) {
        throw new Error(`${method.path} is a streaming method; only unary methods are supported`);
      }
      // The mapped type ties each handler to its method's messages; here they are seen one by one.
      const handler = implementation[name as keyof S] as unknown as UnaryHandler<unknown, unknown>;
      if (typeof handler !== 'function') throw new Error(`No handler for ${method.path}`);
      handlers[name] = wrapUnary(method.path, handler, { logger: this.options.logger });
    }
    this.server.addService(definition, handlers);
    this.services.push(serviceNameOf(definition));
    return this;
  }

  start(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (error, boundPort) => {
        if (error) {
          reject(error);
          return;
        }
        this.registry.set('', 'SERVING');
        for (const service of this.services) this.registry.set(service, 'SERVING');
        this.options.logger.info({ host, port: boundPort, grpcServices: this.services }, 'gRPC server listening');
        resolve(boundPort);
      });
    });
  }

  shutdown(timeoutMs: number): Promise<void> {
    this.shuttingDown ??= this.drainAndStop(timeoutMs);
    return this.shuttingDown;
  }

  private async drainAndStop(timeoutMs: number): Promise<void> {
    const { logger } = this.options;
    this.registry.enterShutdown();
    const drainMs = this.options.drainMs ?? 0;
    if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
    logger.info({ timeoutMs }, 'gRPC server shutting down');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        logger.warn({ timeoutMs }, 'gRPC calls still running at the shutdown deadline; cancelling them');
        this.server.forceShutdown();
        resolve();
      }, timeoutMs);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

export function createGrpcServer(options: GrpcServerOptions): DigiCraftGrpcServer {
  return new GrpcServer(options);
}
