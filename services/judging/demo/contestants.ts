import { signUpContestant, type Person } from './accounts';
import type { ContestantPlan } from './competition-plan';
import { ApiClient, isProblem, personAddress } from './http-client';
import { inPool } from '@digicraft/testkit';

export interface Registered {
  readonly plan: ContestantPlan;
  readonly person: Person;
  readonly registrationId: string;
  readonly status: string;
}

export interface ContestantOptions {
  readonly baseUrl: string;
  readonly password: string;
  readonly competitionId: string;
  readonly separateClients: boolean;
  readonly concurrency: number;
}

/** Every contestant signs up (their own account, their own client) and registers for their track. */
export function signUpAndRegister(plans: readonly ContestantPlan[], options: ContestantOptions): Promise<Registered[]> {
  return inPool(plans, options.concurrency, async (plan) => {
    const anonymous = new ApiClient({ baseUrl: options.baseUrl, localAddress: personAddress(options.baseUrl, 100 + plan.n, options.separateClients) });
    const person = await signUpContestant(anonymous, plan.email, options.password, plan.fullName);
    const path = `/v1/competitions/${options.competitionId}/tracks/${plan.trackId}/registrations`;
    const applicant = {
      identityNumber: plan.identityNumber,
      birthDate: plan.birthDate,
      province: plan.province,
      institution: plan.institution,
      fullName: plan.fullName,
      certificateLevel: 'CERTIFICATE_LEVEL_JUNIOR',
    };
    const registration = await person.api.post<{ registrationId: string; status: string }>(path, { applicant }).catch(async (error: unknown) => {
      // A retried request whose first attempt did register: read it back instead.
      if (!isProblem(error, 'DC_ERR_ALREADY_REGISTERED')) throw error;
      const mine = await person.api.get<{ items: { registrationId: string; status: string; trackId: string }[] }>('/v1/me/registrations');
      const found = mine.items.find((r) => r.trackId === plan.trackId);
      if (found === undefined) throw error;
      return found;
    });
    return { plan, person, registrationId: registration.registrationId, status: registration.status };
  });
}
