import { applicant, http, type Answer } from './api';
import type { Stack } from './stack';

/**
 * The decisions that move a registration on, made the way users make them: through the gateway's
 * REST routes with the caller's own access token.
 */
export interface DecisionCalls {
  /** Member `memberId` accepts the team invitation with the n-th test applicant's details. */
  acceptTeamInvitation(registrationId: string, memberId: string, n: number): Promise<Outcome>;
  acceptOffer(registrationId: string, accountId: string): Promise<Outcome>;
  review(registrationId: string, organizerId: string, decision: 'approve' | 'reject', reason?: string): Promise<Outcome>;
}

/** The HTTP status with the registration's status name, or with the problem's stable error code. */
export type Outcome = { readonly http: number; readonly status: string } | { readonly http: number; readonly code: string };

function outcome(res: Answer): Outcome {
  if (res.status === 200) return { http: res.status, status: String(res.body.status) };
  if (typeof res.body.code !== 'string') throw new Error(`no problem code in ${res.status} ${res.text}`);
  return { http: res.status, code: res.body.code };
}

export function decisionCalls(stack: Stack): DecisionCalls {
  const post = async (path: string, token: string, body?: unknown) => outcome(await http(stack.gatewayUrl, 'POST', path, token, body));
  return {
    acceptTeamInvitation: (id, memberId, n) => post(`/v1/registrations/${id}/team/accept`, stack.token(memberId, ['contestant']), { applicant: applicant(n) }),
    acceptOffer: (id, accountId) => post(`/v1/registrations/${id}/offer/accept`, stack.token(accountId, ['contestant'])),
    review: (id, organizerId, decision, reason) => post(`/v1/registrations/${id}/review`, stack.token(organizerId, ['organizer']), { decision, ...(reason === undefined ? {} : { reason }) }),
  };
}
