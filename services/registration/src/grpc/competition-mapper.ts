import type { registrationV1 } from '@digicraft/contracts';
import { ValidationError } from '@digicraft/errors';
import {
  fromProtoAdmission,
  fromProtoCertificate,
  fromProtoLevel,
  fromProtoPromotion,
  toProtoAdmission,
  toProtoCertificate,
  toProtoCompetitionStatus,
  toProtoLevel,
  toProtoPromotion,
} from '../contract-enums';
import { isRegistrationOpen } from '../domain/competition-lifecycle';
import type { Competition, CompetitionDetails, Quota, Track } from '../domain/types';
import { TrackMode } from './track-mode';

function quotaOf(q: registrationV1.Quota, field: string): Quota {
  if (q.dimension !== 'province' && q.dimension !== 'institution') throw new ValidationError([{ field: `${field}.dimension`, message: 'must be province or institution' }]);
  return { dimension: q.dimension, value: q.value, maxConfirmed: q.maxConfirmed };
}

function trackOf(t: registrationV1.TrackSpec, i: number): Track {
  const e = t.eligibility;
  const team = t.mode === TrackMode.TEAM;
  return {
    trackId: t.trackId,
    name: t.name,
    description: t.description,
    occupationCode: t.occupationCode,
    format: team ? 'team' : 'individual',
    minTeamSize: team ? t.minTeamSize : 1,
    maxTeamSize: team ? t.maxTeamSize : 1,
    capacity: t.capacity,
    waitlistEnabled: t.waitlistEnabled,
    waitlistLimit: t.waitlistCapacity,
    eligibility: {
      minAge: e && e.minAge > 0 ? e.minAge : undefined,
      maxAge: e && e.maxAge > 0 ? e.maxAge : undefined,
      ageReferenceDate: e?.ageReferenceDate,
      provinces: e?.regionCodes ?? [],
      requiredCertificateLevel: fromProtoCertificate(e?.requiredCertificateLevel ?? 0),
      uniqueness: e?.uniqueness === 2 ? 'competition' : 'track',
    },
    quotas: t.quotas.map((q, j) => quotaOf(q, `tracks[${i}].quotas[${j}]`)),
    admission: fromProtoAdmission(t.admissionMode),
    promotion: fromProtoPromotion(t.promotionMode),
    offerAcceptanceHours: t.offerAcceptanceHours > 0 ? t.offerAcceptanceHours : 48,
    teamCompletionHours: t.teamCompletionHours > 0 ? t.teamCompletionHours : 72,
  };
}

/** Proto spec → domain details; missing required instants are reported together. */
export function detailsOf(spec: registrationV1.CompetitionSpec | undefined): CompetitionDetails {
  if (spec === undefined) throw new ValidationError([{ field: 'spec', message: 'is required' }]);
  const missing = (['registrationOpensAt', 'registrationClosesAt', 'startsAt', 'endsAt'] as const).filter((k) => spec[k] === undefined);
  const level = fromProtoLevel(spec.level);
  const problems: { field: string; message: string }[] = missing.map((field) => ({ field, message: 'is required' }));
  if (level === undefined) problems.push({ field: 'level', message: 'must be national, provincial, municipal, enterprise or college' });
  if (problems.length > 0 || level === undefined) throw new ValidationError(problems);
  return {
    title: spec.title,
    description: spec.description,
    occupation: spec.occupation,
    level,
    registrationOpensAt: spec.registrationOpensAt as Date,
    registrationClosesAt: spec.registrationClosesAt as Date,
    withdrawalDeadline: spec.withdrawalDeadline,
    startsAt: spec.startsAt as Date,
    endsAt: spec.endsAt as Date,
    tracks: spec.tracks.map(trackOf),
  };
}

function trackSpecOf(t: Track): registrationV1.TrackSpec {
  return {
    trackId: t.trackId,
    name: t.name,
    description: t.description,
    mode: t.format === 'team' ? TrackMode.TEAM : TrackMode.INDIVIDUAL,
    capacity: t.capacity,
    waitlistCapacity: t.waitlistLimit,
    minTeamSize: t.minTeamSize,
    maxTeamSize: t.maxTeamSize,
    eligibility: {
      minAge: t.eligibility.minAge ?? 0,
      maxAge: t.eligibility.maxAge ?? 0,
      regionCodes: [...t.eligibility.provinces],
      requiredCertificates: [],
      ageReferenceDate: t.eligibility.ageReferenceDate,
      requiredCertificateLevel: toProtoCertificate(t.eligibility.requiredCertificateLevel),
      uniqueness: t.eligibility.uniqueness === 'competition' ? 2 : 1,
    },
    quotas: t.quotas.map((q) => ({ ...q })),
    occupationCode: t.occupationCode,
    admissionMode: toProtoAdmission(t.admission),
    waitlistEnabled: t.waitlistEnabled,
    promotionMode: toProtoPromotion(t.promotion),
    offerAcceptanceHours: t.offerAcceptanceHours,
    teamCompletionHours: t.teamCompletionHours,
  };
}

export function competitionMessage(c: Competition, now: Date, counters: readonly { trackId: string; confirmed: number; waitlisted: number }[] = []): registrationV1.Competition {
  return {
    competitionId: c.competitionId,
    organizerAccountId: c.organizerId,
    status: toProtoCompetitionStatus(c.status),
    spec: {
      title: c.title,
      description: c.description,
      occupation: c.occupation,
      tracks: c.tracks.map(trackSpecOf),
      registrationOpensAt: c.registrationOpensAt,
      registrationClosesAt: c.registrationClosesAt,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      level: toProtoLevel(c.level),
      withdrawalDeadline: c.withdrawalDeadline,
    },
    stats: c.tracks.map((t) => {
      const counter = counters.find((k) => k.trackId === t.trackId);
      const draw = c.draws.find((d) => d.trackId === t.trackId);
      return {
        trackId: t.trackId,
        confirmed: counter?.confirmed ?? 0,
        waitlisted: counter?.waitlisted ?? 0,
        lottery: draw && { seed: draw.seed, algorithm: draw.algorithm, drawnAt: draw.drawnAt, entrantRegistrationIds: [...draw.entrants], drawnRegistrationIds: [...draw.drawn] },
      };
    }),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    publishedAt: c.publishedAt,
    archivedAt: c.archivedAt,
    version: c.version,
    registrationOpen: isRegistrationOpen(c, now),
  };
}
