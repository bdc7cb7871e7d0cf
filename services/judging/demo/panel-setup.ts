import type { Person } from './accounts';
import { markingScheme, PROVINCES, type TrackPlan } from './competition-plan';
import { isProblem } from './http-client';
import { eventually } from '@digicraft/testkit';
import { onceKnown } from './waiting';

export interface PanelJudge {
  readonly person: Person;
  readonly province: string;
  readonly institution: string;
}

export interface TrackPanel {
  readonly track: TrackPlan;
  readonly markers: readonly PanelJudge[];
  readonly chief: Person;
}

interface RosterPage {
  items: { registrationId: string; status: string; applicant?: { province?: string; institution?: string } }[];
  nextCursor?: string;
}

export interface Plan {
  entries: number;
  assignments: number;
  uncovered: { entryId: string; explanation: string }[];
  exclusions: { entryId: string; judgeAccountId: string; reasons: string[] }[];
  load: { judgeAccountId: string; entries: number }[];
}

/** How long the demo waits for an event to reach another service before it calls the run failed. */
const SERVICE_EVENT_TIMEOUT_MS = 90_000;

/** The markers declare where they come from (a province and an institution there). */
export function markerAffiliation(index: number): { province: string; institution: string } {
  const p = PROVINCES[index % PROVINCES.length] as (typeof PROVINCES)[number];
  return { province: p.code, institution: p.institutions[0] as string };
}

/**
 * The organizer's judging set-up for one track: marking scheme, panel with declared
 * affiliations, the contestants' affiliations from the roster, then a conflict-free assignment.
 */
export async function setUpTrack(organizer: Person, competitionId: string, panel: TrackPanel, confirmed: number, log: (line: string) => void): Promise<Plan> {
  const base = `/v1/competitions/${competitionId}/tracks/${panel.track.trackId}`;
  // Judging learns of the competition and its organizer from competition.published (Kafka);
  // until then it answers 404 DC_ERR_NOT_FOUND for the track, which changed nothing, so repeat.
  await onceKnown(
    `judging to learn from competition.published that ${competitionId} (track ${panel.track.trackId}) exists`,
    () => organizer.api.put(`${base}/marking-scheme`, markingScheme(panel.track)),
    (e) => e.status === 404 && e.code === 'DC_ERR_NOT_FOUND',
    SERVICE_EVENT_TIMEOUT_MS,
  ).catch((e: unknown) => {
    // Only the client's own retry of a PUT whose first answer was lost finds version 1 stored:
    // the track id is new in every run, so nobody else sets its scheme.
    if (!isProblem(e, 'DC_ERR_STALE_VERSION')) throw e;
  });
  await organizer.api.post(`${base}/judges`, {
    judges: [
      ...panel.markers.map((j) => ({ accountId: j.person.id, province: j.province, institution: j.institution })),
      { accountId: panel.chief.id, chief: true },
    ],
  });

  const roster: RosterPage['items'] = [];
  for (let cursor: string | undefined = ''; cursor !== undefined; ) {
    const page: RosterPage = await organizer.api.get<RosterPage>(`${base}/registrations?status=confirmed&pageSize=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    roster.push(...page.items);
    cursor = page.nextCursor;
  }
  if (roster.length !== confirmed) throw new Error(`${panel.track.trackId}: the roster lists ${roster.length} confirmed registrations, expected ${confirmed}`);
  const affiliations = roster.map((r) => ({ entryId: r.registrationId, province: r.applicant?.province ?? '', institution: r.applicant?.institution ?? '' }));

  // Entries reach judging through registration.confirmed events (asynchronous): the
  // declaration counts the entries it updated, so repeat it until judging knows all of them.
  await eventually(`judging to hold all ${confirmed} entries of ${panel.track.trackId} (one registration.confirmed event each)`, async (seen) => {
    const { updated } = await organizer.api.post<{ updated: number }>(`${base}/entry-affiliations`, { affiliations });
    seen(`${updated} entries`);
    return updated === confirmed ? updated : undefined;
  }, SERVICE_EVENT_TIMEOUT_MS);

  const plan = await organizer.api.post<Plan>(`${base}/assignments/generate`);
  if (plan.entries !== confirmed) throw new Error(`${panel.track.trackId}: judging has ${plan.entries} entries, expected ${confirmed}`);
  if (plan.uncovered.length > 0) throw new Error(`${panel.track.trackId}: ${plan.uncovered.length} entries cannot be covered: ${plan.uncovered[0]?.explanation ?? ''}`);
  const loads = plan.load.map((l) => l.entries);
  log(`${panel.track.trackId}: ${plan.entries} entries, ${plan.assignments} assignments, ${plan.exclusions.length} conflicts excluded (e.g. ${plan.exclusions[0]?.reasons.join('; ') ?? 'none'}), load ${Math.min(...loads)}–${Math.max(...loads)} entries per judge`);
  return plan;
}
