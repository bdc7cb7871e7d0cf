import { residentId } from './resident-id';

/** What the organizer sets up: one competition, two individual tracks, a marking scheme each. */
export interface TrackPlan {
  readonly trackId: string;
  readonly name: string;
  readonly occupationCode: string;
  readonly aggregation: 'mean' | 'median' | 'trimmed-mean';
}

/**
 * Track ids are chosen by the organizer and must be unique on the platform (registration and
 * judging key tracks by id alone), so every run gets its own.
 */
export function trackPlans(runId: string): readonly TrackPlan[] {
  return [
    { trackId: `big-data-${runId}`, name: 'Big data engineering', occupationCode: '2-02-38-03', aggregation: 'mean' },
    { trackId: `data-security-${runId}`, name: 'Data security', occupationCode: '2-02-38-12', aggregation: 'trimmed-mean' },
  ];
}

/** Provinces with a real county-level area code each, and institutions in them. */
export const PROVINCES: readonly { code: string; area: string; institutions: readonly string[] }[] = [
  { code: 'BJ', area: '110108', institutions: ['Beijing Polytechnic', 'Haidian Vocational College'] },
  { code: 'SH', area: '310115', institutions: ['Shanghai Technical Institute', 'Pudong IT College'] },
  { code: 'GD', area: '440106', institutions: ['Guangzhou Software College', 'Shenzhen Polytechnic'] },
  { code: 'ZJ', area: '330106', institutions: ['Hangzhou Vocational College', 'Ningbo Polytechnic'] },
  { code: 'JS', area: '320102', institutions: ['Nanjing Institute of Technology', 'Suzhou Industrial Park College'] },
  { code: 'SC', area: '510104', institutions: ['Chengdu Vocational College'] },
  { code: 'HB', area: '420102', institutions: ['Wuhan Polytechnic'] },
  { code: 'SD', area: '370102', institutions: ['Jinan Technician College'] },
];

export function competitionSpec(title: string, tracks: readonly TrackPlan[], capacity: number, now = new Date()): Record<string, unknown> {
  const day = 24 * 3600 * 1000;
  const at = (offsetMs: number): string => new Date(now.getTime() + offsetMs).toISOString();
  return {
    title,
    description: 'A demonstration competition driven end to end through the public API.',
    occupation: 'digital',
    level: 'COMPETITION_LEVEL_PROVINCIAL',
    registrationOpensAt: at(-60_000),
    registrationClosesAt: at(7 * day),
    startsAt: at(8 * day),
    endsAt: at(9 * day),
    tracks: tracks.map((t) => ({
      trackId: t.trackId,
      name: t.name,
      mode: 'TRACK_MODE_INDIVIDUAL',
      capacity,
      occupationCode: t.occupationCode,
      admissionMode: 'ADMISSION_MODE_FIRST_COME',
      eligibility: { minAge: 16, maxAge: 45 },
    })),
  };
}

const levels = (what: string) => [
  { score: 0, descriptor: `no evidence of ${what}` },
  { score: 1, descriptor: `${what} partly shown, with major gaps` },
  { score: 2, descriptor: `${what} shown competently` },
  { score: 3, descriptor: `${what} shown to an industry standard` },
];

/** Two criteria, four aspects (two measured, two judged); weights add up to 100. */
export function markingScheme(track: TrackPlan): Record<string, unknown> {
  return {
    expectedVersion: 0,
    criteria: [
      {
        id: 'solution',
        name: 'Working solution',
        weight: 60,
        aspects: [
          { id: 'tests', kind: 'measurement', entry: 'mark', maxMark: 40, description: 'share of hidden test cases passed, in points' },
          { id: 'design', kind: 'judgement', maxMark: 20, description: 'architecture and data design', levels: levels('sound design') },
        ],
      },
      {
        id: 'delivery',
        name: 'Delivery',
        weight: 40,
        aspects: [
          { id: 'deployed', kind: 'measurement', entry: 'pass-fail', maxMark: 10, description: 'the solution runs on the target environment' },
          { id: 'report', kind: 'judgement', maxMark: 30, description: 'clarity of the technical report', levels: levels('clear reporting') },
        ],
      },
    ],
    rule: { judgesPerEntry: 3, aggregation: track.aggregation, maxSpread: 1 },
    results: { tieBreaks: ['solution'], medals: { gold: 1, silver: 2, bronze: 3 }, centre: 700, k: 30 },
  };
}

export interface ContestantPlan {
  readonly n: number;
  readonly email: string;
  readonly fullName: string;
  readonly trackId: string;
  readonly province: string;
  readonly institution: string;
  readonly birthDate: string;
  readonly identityNumber: string;
  /** 0..1: how good this contestant's work is; the judges' marks scatter around it. */
  readonly skill: number;
}

const SURNAMES = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu', 'Xu', 'Sun'];
const GIVEN = ['Wei', 'Fang', 'Min', 'Jing', 'Lei', 'Yan', 'Jun', 'Hui', 'Tao', 'Xin', 'Ping', 'Qiang'];

export function contestantPlan(n: number, runId: string, tracks: readonly TrackPlan[], random: () => number): ContestantPlan {
  const province = PROVINCES[n % PROVINCES.length] as (typeof PROVINCES)[number];
  const institution = province.institutions[Math.floor(n / PROVINCES.length) % province.institutions.length] as string;
  const year = 1990 + Math.floor(random() * 15);
  const month = 1 + Math.floor(random() * 12);
  const dayOfMonth = 1 + Math.floor(random() * 28);
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
  return {
    n,
    email: `contestant-${n}-${runId}@demo.digicraft.example`,
    fullName: `${SURNAMES[n % SURNAMES.length]} ${GIVEN[(n * 7) % GIVEN.length]}`,
    trackId: (tracks[n % tracks.length] as TrackPlan).trackId,
    province: province.code,
    institution,
    birthDate,
    identityNumber: residentId(province.area, birthDate, n),
    skill: Math.min(1, Math.max(0, 0.55 + (random() + random() + random() - 1.5) * 0.45)),
  };
}
