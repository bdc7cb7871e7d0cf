import type { ApiClient } from './http-client';

export interface AssignmentItem {
  entryId: string;
  entryCode: string;
}

/** Every entry assigned to the signed-in judge on one track, following the pages to the end. */
export async function myAssignments<T extends AssignmentItem = AssignmentItem>(api: ApiClient, track: { competitionId?: string; trackId: string }): Promise<T[]> {
  const items: T[] = [];
  let cursor = '';
  do {
    const query = new URLSearchParams({ ...(track.competitionId ? { competitionId: track.competitionId } : {}), trackId: track.trackId, pageSize: '200', ...(cursor ? { cursor } : {}) });
    const page = await api.get<{ items: T[]; nextCursor?: string }>(`/v1/me/assignments?${query.toString()}`);
    items.push(...page.items);
    cursor = page.nextCursor ?? '';
  } while (cursor !== '');
  return items;
}
