import type { Logger } from '@digicraft/logging';
import type { OutboxEntry } from '@digicraft/messaging';
import type { CompetitionRepository } from '../store/competition-repository';
import type { IdentityCipher } from '../store/identity-cipher';
import type { KeyedLock } from '../store/keyed-lock';
import type { RegistrationRepository } from '../store/registration-repository';
import type { SeatHints } from '../store/seat-hints';
import type { TrackIdClaims } from '../store/track-id-claims';

/** What the use cases work with; built once in the service spec, or by tests on their own database. */
export interface RegistrationDeps {
  readonly competitions: CompetitionRepository;
  readonly registrations: RegistrationRepository;
  /** Track ids are unique on the platform (seats and registration ids are keyed by them). */
  readonly trackIds: TrackIdClaims;
  /** Which seat numbers to try; the unique indexes are the authority. */
  readonly seats: SeatHints;
  /** Serializes promotions of a track within this process (rare; never on the registration path). */
  readonly promotionLock: KeyedLock;
  readonly cipher: IdentityCipher;
  /** Hands written events to the relay's fast path (after the write was acknowledged). */
  readonly publish: (entries: readonly OutboxEntry[]) => void;
  readonly now: () => Date;
  readonly logger: Logger;
}
