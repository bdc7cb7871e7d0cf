import type { commonV1 } from '@digicraft/contracts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export function pageSizeOf(page: commonV1.PageRequest | undefined): number {
  const size = page?.pageSize ?? 0;
  return size <= 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
}

/** Fetch one more than asked: its presence says there is a next page, whose cursor is the last id shown. */
export function pageOf<T extends { _id: string }>(rows: readonly T[], limit: number): { items: T[]; nextCursor: string } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?._id ?? '') : '' };
}
