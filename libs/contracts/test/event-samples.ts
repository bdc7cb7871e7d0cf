/**
 * One realistic payload per event type, every field set to a non-default value so that a
 * round trip proves each field survives the wire (proto3 drops default values silently).
 * The mapped type makes the compiler demand a sample for every catalogued event.
 */
import { commonV1, accountsEventsV1, judgingEventsV1, registrationEventsV1, talentEventsV1 } from '@digicraft/contracts';
import type { EventPayload, EventTypeName } from '@digicraft/contracts';

const at = (iso: string): Date => new Date(iso);
const ids = {
  account: '0192f0c1-7a8e-7c3d-9b1e-1a2b3c4d5e6f',
  organizer: '0192f0c1-7a8e-7c3d-9b1e-00000000000a',
  competition: '0192f0c1-7a8e-7c3d-9b1e-0000000000c1',
  track: '0192f0c1-7a8e-7c3d-9b1e-0000000000d1',
  registration: '0192f0c1-7a8e-7c3d-9b1e-0000000000e1',
  entry: '0192f0c1-7a8e-7c3d-9b1e-0000000000f1',
  talent: '0192f0c1-7a8e-7c3d-9b1e-0000000000a7',
  job: '0192f0c1-7a8e-7c3d-9b1e-0000000000b7',
  invitation: '0192f0c1-7a8e-7c3d-9b1e-0000000000c7',
  enterprise: '0192f0c1-7a8e-7c3d-9b1e-0000000000e7',
};
const members = [ids.account, '0192f0c1-7a8e-7c3d-9b1e-1a2b3c4d5e70'];
const registrationRef = {
  registrationId: ids.registration,
  competitionId: ids.competition,
  trackId: ids.track,
  contestantAccountId: ids.account,
  memberAccountIds: members,
};
const standings: judgingEventsV1.ResultStanding[] = [
  { entryId: ids.entry, registrationId: ids.registration, contestantAccountId: ids.account, memberAccountIds: members,
    rank: 1, scoreHundredths: 9125, maxScoreHundredths: 10000, medal: judgingEventsV1.Medal.MEDAL_GOLD, standardizedHundredths: 78412 },
];

export const EVENT_SAMPLES: { [N in EventTypeName]: EventPayload<N> } = {
  'account.created.v1': {
    accountId: ids.account,
    roles: [commonV1.Role.ROLE_JUDGE, commonV1.Role.ROLE_ORGANIZER],
    origin: accountsEventsV1.AccountOrigin.ACCOUNT_ORIGIN_INVITATION,
    invitedByAccountId: ids.organizer,
    createdAt: at('2025-03-01T08:30:00.123Z'),
  },
  'competition.published.v1': {
    competitionId: ids.competition,
    organizerAccountId: ids.organizer,
    title: 'National Digital Skills Competition 2025',
    occupation: 'big-data',
    tracks: [{ trackId: ids.track, name: 'Big data engineering (team)', mode: registrationEventsV1.TrackMode.TRACK_MODE_TEAM,
      capacity: 120, minTeamSize: 2, maxTeamSize: 3 }],
    registrationOpensAt: at('2025-04-01T00:00:00Z'),
    registrationClosesAt: at('2025-05-01T00:00:00Z'),
    startsAt: at('2025-06-10T01:00:00Z'),
    endsAt: at('2025-06-12T09:00:00Z'),
    publishedAt: at('2025-03-15T10:00:00Z'),
    version: 3,
  },
  'competition.archived.v1': {
    competitionId: ids.competition,
    organizerAccountId: ids.organizer,
    archivedAt: at('2025-06-20T08:00:00Z'),
    version: 4,
  },
  'registration.confirmed.v1': {
    ...registrationRef, teamName: 'Spark Plugs', promotedFromWaitlist: true, confirmedAt: at('2025-04-02T12:00:00Z'), version: 4,
    province: 'ZJ', institution: 'Zhejiang Polytechnic',
  },
  'registration.waitlisted.v1': { ...registrationRef, waitlistPosition: 7, waitlistedAt: at('2025-04-02T11:00:00Z'), version: 1 },
  'registration.promoted.v1': {
    ...registrationRef, previousWaitlistPosition: 1, freedByRegistrationId: '0192f0c1-7a8e-7c3d-9b1e-0000000000e2',
    promotedAt: at('2025-04-02T12:00:00Z'), version: 3, status: 1, province: 'ZJ', institution: 'Zhejiang Polytechnic',
  },
  'registration.withdrawn.v1': {
    ...registrationRef, previousStatus: registrationEventsV1.RegistrationStatus.REGISTRATION_STATUS_CONFIRMED,
    withdrawnByAccountId: ids.account, withdrawnAt: at('2025-04-20T09:15:00Z'), version: 5,
  },
  'registration.rejected.v1': {
    ...registrationRef, reason: registrationEventsV1.RejectionReason.REJECTION_REASON_QUOTA_EXHAUSTED,
    rejectedAt: at('2025-04-02T11:00:00Z'), version: 1,
  },
  'judging.entry-signed-off.v1': {
    entryId: ids.entry, registrationId: ids.registration, competitionId: ids.competition, trackId: ids.track,
    scoreHundredths: 9125, maxScoreHundredths: 10000, chiefJudgeAccountId: ids.organizer,
    signedOffAt: at('2025-06-12T15:00:00Z'), version: 9,
  },
  'judging.results-published.v1': {
    competitionId: ids.competition, trackId: ids.track, revision: 1, standings,
    publishedByAccountId: ids.organizer, publishedAt: at('2025-06-13T08:00:00Z'),
    formula: '700 + 30·(raw − 71.5) / (1.4826·MAD = 1.4826·6)',
  },
  'judging.results-revised.v1': {
    competitionId: ids.competition, trackId: ids.track, revision: 2, previousRevision: 1, standings,
    changedEntryIds: [ids.entry], reason: 'transcription error in aspect B2', revisedByAccountId: ids.organizer,
    revisedAt: at('2025-06-14T08:00:00Z'), formula: '700 + 30·(raw − 72) / (1.4826·MAD = 1.4826·5.5)',
  },
  'talent.profile-updated.v1': {
    talentId: ids.talent, accountId: ids.account, occupations: ['big-data'],
    skills: [{ skill: 'spark', level: 4, verified: true }],
    evidence: [{ evidenceId: 'ev-1', kind: talentEventsV1.EvidenceKind.EVIDENCE_KIND_COMPETITION_RESULT, occupation: 'big-data',
      competitionId: ids.competition, trackId: ids.track, rank: 1, medal: judgingEventsV1.Medal.MEDAL_GOLD,
      scoreHundredths: 9125, maxScoreHundredths: 10000, awardedAt: at('2025-06-13T08:00:00Z') }],
    regionCode: 'CN-GD', visibility: talentEventsV1.Visibility.VISIBILITY_ANONYMOUS, openToOffers: true,
    updatedAt: at('2025-06-13T08:00:05Z'), version: 12,
  },
  'talent.consent-changed.v1': {
    talentId: ids.talent, accountId: ids.account, visibility: talentEventsV1.Visibility.VISIBILITY_PUBLIC,
    previousVisibility: talentEventsV1.Visibility.VISIBILITY_ANONYMOUS, openToOffers: true,
    changedAt: at('2025-06-20T10:00:00Z'), version: 13,
  },
  'matching.job-posted.v1': {
    jobId: ids.job, enterpriseAccountId: ids.enterprise, title: 'Data engineer', occupation: 'big-data',
    skills: [{ skill: 'spark', minLevel: 3, weight: 5, required: true }], regionCodes: ['CN-GD', 'CN-SH'],
    postedAt: at('2025-06-15T02:00:00Z'), version: 1,
  },
  'matching.match-found.v1': {
    jobId: ids.job, talentId: ids.talent, enterpriseAccountId: ids.enterprise, scoreHundredths: 8750,
    matchedSkills: ['spark'], foundAt: at('2025-06-15T02:00:03Z'),
  },
  'matching.invitation-sent.v1': {
    invitationId: ids.invitation, jobId: ids.job, enterpriseAccountId: ids.enterprise, talentId: ids.talent,
    sentAt: at('2025-06-16T03:00:00Z'), expiresAt: at('2025-06-30T03:00:00Z'),
  },
  'matching.invitation-accepted.v1': {
    invitationId: ids.invitation, jobId: ids.job, enterpriseAccountId: ids.enterprise, talentId: ids.talent,
    identityDisclosed: true, acceptedAt: at('2025-06-17T03:00:00Z'),
  },
  'matching.invitation-declined.v1': {
    invitationId: ids.invitation, jobId: ids.job, enterpriseAccountId: ids.enterprise, talentId: ids.talent,
    declinedAt: at('2025-06-17T03:00:00Z'),
  },
};
