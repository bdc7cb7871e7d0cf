import type { Logger } from '@digicraft/logging';
import type { OutboxEntry } from '@digicraft/messaging';
import type { CompetitionRepository } from '../store/competition-repository';
import type { IdentityCipher } from '../store/identity-cipher';
import type { QuotaCounters } from '../store/quota-counters';
import type { RegistrationRepository } from '../store/registration-repository';
import type { SeatCounters } from '../store/seat-counters';

/** What the use cases work with; built once in the service spec, or by tests on their own database. */
export interface RegistrationDeps {
  readonly competitions: CompetitionRepository;
  readonly registrations: RegistrationRepository;
  readonly seats: SeatCounters;
  readonly quotas: QuotaCounters;
  readonly cipher: IdentityCipher;
  /** Hands written events to the relay's fast path (after the write was acknowledged). */
  readonly publish: (entries: readonly OutboxEntry[]) => void;
  readonly now: () => Date;
  readonly logger: Logger;
}
