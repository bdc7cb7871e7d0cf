import type { FieldViolation } from '@digicraft/errors';
import type { Track } from './types';

export interface TeamState {
  readonly name: string;
  readonly leaderId: string;
  /** Invited members, without the leader. */
  readonly members: readonly string[];
  readonly accepted: readonly string[];
  readonly completeBy: Date;
}

export function teamViolations(track: Track, leaderId: string, name: string, members: readonly string[]): FieldViolation[] {
  const out: FieldViolation[] = [];
  if (name.trim().length === 0) out.push({ field: 'team.name', message: 'is required' });
  const unique = new Set(members);
  if (unique.size !== members.length) out.push({ field: 'team.memberAccountIds', message: 'lists a member twice' });
  if (unique.has(leaderId)) out.push({ field: 'team.memberAccountIds', message: 'must not include the leader' });
  const size = unique.size + 1;
  if (size < track.minTeamSize || size > track.maxTeamSize) {
    out.push({ field: 'team.memberAccountIds', message: `a team has ${track.minTeamSize} to ${track.maxTeamSize} members including the leader (got ${size})` });
  }
  return out;
}

export function teamCompleteBy(now: Date, track: Track): Date {
  return new Date(now.getTime() + track.teamCompletionHours * 3_600_000);
}

/** Complete once every invited member has accepted. */
export function isTeamComplete(team: TeamState): boolean {
  return team.members.every((m) => team.accepted.includes(m));
}

export function isTeamExpired(team: TeamState, now: Date): boolean {
  return now >= team.completeBy && !isTeamComplete(team);
}
