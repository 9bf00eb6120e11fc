/**
 * Where a shop's drop folders live when they are made from the API, the dashboard or
 * `sources add --drop`: `<STORELENS_DROP_DIR>/<shop id>-<shop slug>/<name>`, the name being one
 * folder name. The id is in the path because a deleted shop's slug may be taken again: its
 * leftover files must not become the new shop's.
 */
import { join, relative, sep } from 'node:path';

/** One folder name: no separators, no dots to climb out with. */
export const DROP_FOLDER_NAME = '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$';

export function shopDropFolder(dropDir: string, shop: { id: number; slug: string }): string {
  return join(dropDir, `${shop.id}-${shop.slug}`);
}

/** The folder's name when `location` is one of the shop's drop folders; null otherwise. */
export function dropFolderName(dropDir: string, shop: { id: number; slug: string }, location: string): string | null {
  const inside = relative(shopDropFolder(dropDir, shop), location);
  return new RegExp(DROP_FOLDER_NAME).test(inside) && !inside.includes(sep) ? inside : null;
}
