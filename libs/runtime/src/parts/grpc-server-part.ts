import type { Logger } from '@digicraft/logging';
import { createGrpcServer, type DigiCraftGrpcServer } from '@digicraft/grpc';
import type { ServicePart } from '../lifecycle';

/**
 * The gRPC server starts last (after store, Redis and messaging) so it never takes a call it
 * cannot serve, and stops first so in-flight calls drain before their dependencies close.
 */
export function grpcServerPart(options: {
  serviceName: string;
  logger: Logger;
  host: string;
  port: number;
  shutdownTimeoutMs: number;
  register: (server: DigiCraftGrpcServer) => void;
}): ServicePart {
  const server = createGrpcServer({ logger: options.logger, serviceName: options.serviceName });
  return {
    name: 'grpc',
    async start() {
      options.register(server);
      const bound = await server.start(options.port, options.host);
      server.health.set('', 'SERVING');
      options.logger.info({ port: bound, host: options.host }, 'gRPC server listening');
    },
    stop: () => server.shutdown(options.shutdownTimeoutMs),
  };
}
