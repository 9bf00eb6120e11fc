/**
 * What the signed-in user may do in a shop, as the session lists it (`permissions`, from the
 * server's one permission table): the dashboard offers only that — pages in the navigation,
 * downloads, saving, writing — instead of restating which roles may do what. The server checks
 * every request all the same; this only keeps the dashboard from offering what would be refused.
 */
import type { Permission, SessionShop } from '../api/types';

export const can = (shop: Pick<SessionShop, 'permissions'>, permission: Permission): boolean => shop.permissions.includes(permission);

/**
 * What each page needs (any one of): the home page, the Overview and All shops are dashboards every
 * member sees; the other analysis pages run analyses; Settings holds saved reports, the shop's
 * settings and its members.
 */
const PAGE_NEEDS: Record<string, Permission[]> = {
  '': ['shop.view'],
  overview: ['shop.view'],
  shops: ['shop.view'],
  imports: ['imports.manage'],
  settings: ['analyses.read', 'settings.manage', 'members.manage'],
};

/** Whether the user may open a page (`''` is the home page); any other page runs analyses. */
export const canOpen = (shop: Pick<SessionShop, 'permissions'>, page: string): boolean =>
  (PAGE_NEEDS[page] ?? ['analyses.read']).some((p) => can(shop, p));
