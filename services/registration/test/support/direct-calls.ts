import { registrationEventsV1, registrationV1 } from '@digicraft/contracts';
import { DigiCraftError } from '@digicraft/errors';
import { call, createGrpcClient, type DigiCraftGrpcClient } from '@digicraft/grpc';
import { createLogger } from '@digicraft/logging';
import { applicant } from './api';

/**
 * The registration RPCs the gateway does not route yet (accepting a team invitation or an offer,
 * an organizer's review decision), called exactly as a gateway route would: over gRPC with the
 * caller in metadata. The outcome is read back through the REST API.
 */
export interface DirectCalls {
  acceptTeamInvitation(registrationId: string, memberId: string, n: number): Promise<Outcome>;
  acceptOffer(registrationId: string, accountId: string): Promise<Outcome>;
  decideReview(registrationId: string, organizerId: string, approve: boolean): Promise<Outcome>;
  close(): void;
}

/** The registration's status name, or the stable error code the caller would see. */
export type Outcome = { readonly status: string } | { readonly code: string };

type Client = DigiCraftGrpcClient<registrationV1.RegistrationServiceClient>;

async function outcome(work: () => Promise<{ registration?: registrationV1.Registration | undefined }>): Promise<Outcome> {
  try {
    const res = await work();
    return { status: registrationEventsV1.registrationStatusToJSON(res.registration?.status ?? 0) };
  } catch (err) {
    if (err instanceof DigiCraftError) return { code: err.code };
    throw err;
  }
}

export function directCalls(grpcAddress: string): DirectCalls {
  const client: Client = createGrpcClient(registrationV1.RegistrationServiceClient, grpcAddress, {
    logger: createLogger({ service: 'registration-test', level: 'silent' }),
    deadlineMs: 10_000,
    serviceName: 'registration',
  });
  const as = (id: string, role: string) => ({ actor: { id, roles: [role] } });
  return {
    acceptTeamInvitation: (registrationId, memberId, n) =>
      outcome(() => call(client, 'acceptTeamInvitation', { registrationId, applicant: registrationV1.Applicant.fromJSON(applicant(n)), actor: undefined }, as(memberId, 'contestant'))),
    acceptOffer: (registrationId, accountId) => outcome(() => call(client, 'acceptOffer', { registrationId, actor: undefined }, as(accountId, 'contestant'))),
    decideReview: (registrationId, organizerId, approve) => outcome(() => call(client, 'decideReview', { registrationId, approve, actor: undefined }, as(organizerId, 'organizer'))),
    close: () => client.close(),
  };
}
