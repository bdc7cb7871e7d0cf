import { createGrpcClient, type DigiCraftGrpcClient } from '@digicraft/grpc';
import { judgingV1, matchingV1, registrationV1, talentV1 } from '@digicraft/contracts';
import type { Logger } from '@digicraft/logging';

export interface DownstreamAddresses {
  readonly registration: string;
  readonly judging: string;
  readonly talent: string;
  readonly matching: string;
}

/** One client per service the gateway fronts; channels connect lazily on first call. */
export interface DownstreamClients {
  readonly registration: DigiCraftGrpcClient<registrationV1.RegistrationServiceClient>;
  readonly judging: DigiCraftGrpcClient<judgingV1.JudgingServiceClient>;
  readonly talent: DigiCraftGrpcClient<talentV1.TalentServiceClient>;
  readonly matching: DigiCraftGrpcClient<matchingV1.MatchingServiceClient>;
  /**
   * The deadline of calls that work through a whole track (assignment generation, results,
   * statistics, ledger verification, roster export): bounded like every call, but not held to
   * an interactive read's budget.
   */
  readonly bulkDeadlineMs: number;
  close(): void;
}

export function createDownstreamClients(addresses: DownstreamAddresses, deadlineMs: number, logger: Logger, bulkDeadlineMs: number): DownstreamClients {
  const options = (serviceName: string) => ({ logger, deadlineMs, serviceName });
  const clients = {
    registration: createGrpcClient(registrationV1.RegistrationServiceClient, addresses.registration, options('registration')),
    judging: createGrpcClient(judgingV1.JudgingServiceClient, addresses.judging, options('judging')),
    talent: createGrpcClient(talentV1.TalentServiceClient, addresses.talent, options('talent-pool')),
    matching: createGrpcClient(matchingV1.MatchingServiceClient, addresses.matching, options('matching')),
  };
  return {
    ...clients,
    bulkDeadlineMs,
    close: () => {
      for (const client of Object.values(clients)) client.close();
    },
  };
}
