import { registrationV1 } from '@digicraft/contracts';

/**
 * JSON shapes of the competition and registration routes. Bodies and answers use the proto's
 * canonical JSON mapping (camelCase fields, enum names such as `TRACK_MODE_TEAM`, RFC 3339
 * instants), so the REST API and the gRPC contract cannot drift apart.
 */
const instant = { type: 'string', format: 'date-time' } as const;
const enumName = (prefix: string) => ({ type: 'string', pattern: `^${prefix}[A-Z_]+$`, maxLength: 64 }) as const;

const trackSpec = {
  type: 'object',
  required: ['name', 'capacity', 'occupationCode'],
  properties: {
    trackId: { type: 'string', maxLength: 64 },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 4000 },
    mode: enumName('TRACK_MODE_'),
    capacity: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    waitlistCapacity: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    waitlistEnabled: { type: 'boolean' },
    minTeamSize: { type: 'integer', minimum: 0, maximum: 50 },
    maxTeamSize: { type: 'integer', minimum: 0, maximum: 50 },
    occupationCode: { type: 'string', pattern: '^\\d-\\d{2}-\\d{2}-\\d{2}$' },
    admissionMode: enumName('ADMISSION_MODE_'),
    promotionMode: enumName('PROMOTION_MODE_'),
    offerAcceptanceHours: { type: 'integer', minimum: 0, maximum: 720 },
    teamCompletionHours: { type: 'integer', minimum: 0, maximum: 720 },
    eligibility: {
      type: 'object',
      properties: {
        minAge: { type: 'integer', minimum: 0, maximum: 150 },
        maxAge: { type: 'integer', minimum: 0, maximum: 150 },
        regionCodes: { type: 'array', maxItems: 40, items: { type: 'string', pattern: '^[A-Z]{2}$' } },
        ageReferenceDate: instant,
        requiredCertificateLevel: enumName('CERTIFICATE_LEVEL_'),
        uniqueness: enumName('UNIQUENESS_SCOPE_'),
      },
    },
    quotas: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        required: ['dimension', 'value', 'maxConfirmed'],
        properties: { dimension: { type: 'string', enum: ['province', 'institution'] }, value: { type: 'string', minLength: 1, maxLength: 200 }, maxConfirmed: { type: 'integer', minimum: 1 } },
      },
    },
  },
} as const;

export const competitionSpecBody = {
  type: 'object',
  required: ['title', 'level', 'registrationOpensAt', 'registrationClosesAt', 'startsAt', 'endsAt', 'tracks'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 10_000 },
    occupation: { type: 'string', maxLength: 100 },
    level: enumName('COMPETITION_LEVEL_'),
    registrationOpensAt: instant,
    registrationClosesAt: instant,
    withdrawalDeadline: instant,
    startsAt: instant,
    endsAt: instant,
    tracks: { type: 'array', minItems: 1, maxItems: 50, items: trackSpec },
    expectedVersion: { type: 'integer', minimum: 0 },
  },
} as const;

export const applicantBody = {
  type: 'object',
  required: ['identityNumber', 'birthDate', 'province', 'institution', 'fullName'],
  properties: {
    identityNumber: { type: 'string', pattern: '^\\d{17}[\\dXx]$', description: 'GB 11643 resident identity number; stored encrypted, only shown masked' },
    birthDate: { type: 'string', format: 'date' },
    province: { type: 'string', pattern: '^[A-Z]{2}$' },
    institution: { type: 'string', minLength: 1, maxLength: 200 },
    certificateLevel: enumName('CERTIFICATE_LEVEL_'),
    fullName: { type: 'string', minLength: 1, maxLength: 100 },
  },
} as const;

/** Answers are proto JSON objects; documented loosely, validated by the contract. */
export const competitionAnswer = { type: 'object', additionalProperties: true } as const;
export const registrationAnswer = { type: 'object', additionalProperties: true } as const;

export const idParam = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_:.-]+$' } as const;

export const competitionJson = (c: registrationV1.Competition | undefined): unknown => (c === undefined ? {} : registrationV1.Competition.toJSON(c));
export const registrationJson = (r: registrationV1.Registration | undefined): unknown => (r === undefined ? {} : registrationV1.Registration.toJSON(r));

/** Applicant details as the proto message; the identity number's check character is kept upper-case. */
export const applicantMessage = (applicant: Record<string, unknown>): registrationV1.Applicant =>
  registrationV1.Applicant.fromJSON({ ...applicant, identityNumber: String(applicant.identityNumber).toUpperCase() });

export const teamAcceptanceBody = {
  type: 'object',
  required: ['applicant'],
  additionalProperties: false,
  properties: { applicant: { ...applicantBody, description: 'The accepting member’s own details, checked against the track’s eligibility rules' } },
} as const;

export const reviewDecisionBody = {
  type: 'object',
  required: ['decision'],
  additionalProperties: false,
  properties: {
    decision: { type: 'string', enum: ['approve', 'reject'] },
    reason: { type: 'string', minLength: 1, maxLength: 500, description: 'Why the registration is refused; shown to the contestant (rejectionDetails). Ignored on approval.' },
  },
} as const;

export const lotteryDrawAnswer = {
  type: 'object',
  required: ['seed', 'algorithm', 'entrantRegistrationIds', 'drawnRegistrationIds'],
  description: 'The published draw: re-running `algorithm` with `seed` over `entrantRegistrationIds` gives `drawnRegistrationIds`; the first `capacity` of them were confirmed',
  properties: {
    seed: { type: 'string' },
    algorithm: { type: 'string' },
    drawnAt: instant,
    entrantRegistrationIds: { type: 'array', items: { type: 'string' } },
    drawnRegistrationIds: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** Spelled out rather than toJSON, which leaves empty lists out (a draw with no entrants still has them). */
export const lotteryDrawJson = (d: registrationV1.LotteryDraw): unknown => ({
  seed: d.seed,
  algorithm: d.algorithm,
  ...(d.drawnAt ? { drawnAt: d.drawnAt.toISOString() } : {}),
  entrantRegistrationIds: d.entrantRegistrationIds,
  drawnRegistrationIds: d.drawnRegistrationIds,
});
