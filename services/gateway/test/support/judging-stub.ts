import { NotFoundError } from '@digicraft/errors';
import { createGrpcServer, type AsyncServiceImplementation } from '@digicraft/grpc';
import { judgingV1 } from '@digicraft/contracts';
import { createLogger } from '@digicraft/logging';

type JudgingImpl = AsyncServiceImplementation<typeof judgingV1.JudgingServiceService>;

export interface JudgingStub {
  readonly address: string;
  stop(): Promise<void>;
}

/**
 * A real gRPC judging service (libs/grpc server, so the same metadata and error mapping as the
 * real one) with only the given handlers; the rest answer NOT_FOUND.
 */
export async function startJudgingStub(handlers: Partial<JudgingImpl>): Promise<JudgingStub> {
  const server = createGrpcServer({ logger: createLogger({ service: 'judging-stub', level: 'warn' }), serviceName: 'judging' });
  const missing = async (): Promise<never> => {
    throw new NotFoundError('method', 'served by this stub');
  };
  const impl = Object.fromEntries(
    Object.keys(judgingV1.JudgingServiceService).map((name) => [name, handlers[name as keyof JudgingImpl] ?? missing]),
  ) as unknown as JudgingImpl;
  server.addService(judgingV1.JudgingServiceService, impl);
  const port = await server.start(0, '127.0.0.1');
  return { address: `127.0.0.1:${port}`, stop: () => server.shutdown(1_000) };
}
