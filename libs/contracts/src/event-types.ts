/**
 * The platform's event catalogue: every event type (the `type` envelope header, DESIGN.md
 * "Events"), the topic of the service that produces it and the protobuf codec of its payload.
 * Producers and consumers look events up here instead of pairing names and codecs by hand, so a
 * type can never be published with one schema and decoded with another.
 */
import { SERVICE_TOPICS, type ServiceTopic } from './topics';
import type { MessageFns } from './gen/digicraft/common/v1/common';
import * as accountsEvents from './gen/digicraft/accounts/v1/events';
import * as registrationEvents from './gen/digicraft/registration/v1/events';
import * as judgingEvents from './gen/digicraft/judging/v1/events';
import * as talentEvents from './gen/digicraft/talent/v1/events';
import * as matchingEvents from './gen/digicraft/matching/v1/events';

export type { MessageFns };

export interface EventType<N extends string = string, P extends ServiceTopic = ServiceTopic, T = unknown> {
  /** `<event name>.v<major>`; a breaking payload change gets a new type, never an edit. */
  readonly type: N;
  readonly topic: P;
  readonly codec: MessageFns<T>;
}

function defineEvent<N extends string, P extends ServiceTopic, T>(
  type: N,
  topic: P,
  codec: MessageFns<T>,
): EventType<N, P, T> {
  return Object.freeze({ type, topic, codec });
}

const { accounts, registration, judging, talent, matching } = SERVICE_TOPICS;

export const EVENT_TYPES = Object.freeze([
  defineEvent('account.created.v1', accounts, accountsEvents.AccountCreated),
  // competition.published belongs to the registration service, which owns competitions.
  defineEvent('competition.published.v1', registration, registrationEvents.CompetitionPublished),
  defineEvent('competition.archived.v1', registration, registrationEvents.CompetitionArchived),
  defineEvent('registration.confirmed.v1', registration, registrationEvents.RegistrationConfirmed),
  defineEvent('registration.waitlisted.v1', registration, registrationEvents.RegistrationWaitlisted),
  defineEvent('registration.promoted.v1', registration, registrationEvents.RegistrationPromoted),
  defineEvent('registration.withdrawn.v1', registration, registrationEvents.RegistrationWithdrawn),
  defineEvent('registration.rejected.v1', registration, registrationEvents.RegistrationRejected),
  defineEvent('judging.entry-signed-off.v1', judging, judgingEvents.JudgingEntrySignedOff),
  defineEvent('judging.results-published.v1', judging, judgingEvents.JudgingResultsPublished),
  defineEvent('judging.results-revised.v1', judging, judgingEvents.JudgingResultsRevised),
  defineEvent('talent.profile-updated.v1', talent, talentEvents.TalentProfileUpdated),
  defineEvent('talent.consent-changed.v1', talent, talentEvents.TalentConsentChanged),
  defineEvent('matching.job-posted.v1', matching, matchingEvents.MatchingJobPosted),
  defineEvent('matching.match-found.v1', matching, matchingEvents.MatchingMatchFound),
  defineEvent('matching.invitation-sent.v1', matching, matchingEvents.MatchingInvitationSent),
  defineEvent('matching.invitation-accepted.v1', matching, matchingEvents.MatchingInvitationAccepted),
  defineEvent('matching.invitation-declined.v1', matching, matchingEvents.MatchingInvitationDeclined),
] as const);

/** Union of every catalogued event definition. */
export type AnyEventType = (typeof EVENT_TYPES)[number];
/** 'registration.confirmed.v1' | 'judging.results-published.v1' | … */
export type EventTypeName = AnyEventType['type'];
/** The definition of one event type, e.g. `EventTypeOf<'registration.confirmed.v1'>`. */
export type EventTypeOf<N extends EventTypeName> = Extract<AnyEventType, { type: N }>;
/** The decoded payload of one event type, e.g. `EventPayload<'account.created.v1'>` = AccountCreated. */
export type EventPayload<N extends EventTypeName> = EventTypeOf<N> extends EventType<N, ServiceTopic, infer T> ? T : never;

const byName: ReadonlyMap<string, AnyEventType> = new Map(EVENT_TYPES.map((e) => [e.type, e]));

/** Known literal names give the precise definition; any other string may be unknown (undefined). */
export function eventTypeByName<N extends EventTypeName>(type: N): EventTypeOf<N>;
export function eventTypeByName(type: string): AnyEventType | undefined;
export function eventTypeByName(type: string): AnyEventType | undefined {
  return byName.get(type);
}
