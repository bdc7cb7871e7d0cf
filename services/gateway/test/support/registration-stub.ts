import { Writable } from 'node:stream';
import { NotFoundError } from '@digicraft/errors';
import { createGrpcServer, type AsyncServiceImplementation } from '@digicraft/grpc';
import { registrationV1 } from '@digicraft/contracts';
import { createLogger } from '@digicraft/logging';

type RegistrationImpl = AsyncServiceImplementation<typeof registrationV1.RegistrationServiceService>;

export interface RegistrationStub {
  readonly address: string;
  /** Every line the stub service logged, parsed. */
  readonly logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * A real gRPC registration service (libs/grpc server, so the same metadata handling and
 * per-call log line as every service) with only the given handlers; the rest answer NOT_FOUND.
 */
export async function startRegistrationStub(handlers: Partial<RegistrationImpl>): Promise<RegistrationStub> {
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger({ service: 'registration-stub', level: 'info', destination: sink });
  const server = createGrpcServer({ logger, serviceName: 'registration' });
  const missing = async (): Promise<never> => {
    // Only what a test asks for is served; anything else shows up as a 404 in the test.
    throw new NotFoundError('method', 'served by this stub');
  };
  const impl = Object.fromEntries(
    Object.keys(registrationV1.RegistrationServiceService).map((name) => [name, handlers[name as keyof RegistrationImpl] ?? missing]),
  ) as unknown as RegistrationImpl;
  server.addService(registrationV1.RegistrationServiceService, impl);
  const port = await server.start(0, '127.0.0.1');
  return { address: `127.0.0.1:${port}`, logs, stop: () => server.shutdown(1_000) };
}

/** A published competition as the registration service would list it. */
export function publishedCompetition(competitionId: string, title: string): registrationV1.Competition {
  return registrationV1.Competition.fromPartial({
    competitionId,
    organizerAccountId: 'org-1',
    status: registrationV1.CompetitionStatus.COMPETITION_STATUS_PUBLISHED,
    spec: { title, description: '', occupation: 'ai', tracks: [] },
    version: 1,
  });
}
