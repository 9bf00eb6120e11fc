/** What every page needs: the shop, the session, and the URL view state with its setter. */
import { createContext, useContext } from 'react';
import type { Session, SessionShop } from '../api/types';
import type { ViewState } from '../state/view-state';

export interface ShopContextValue {
  shop: SessionShop;
  session: Session;
  view: ViewState;
  update: (changes: Record<string, string | string[] | null>) => void;
}

export const ShopContext = createContext<ShopContextValue | null>(null);

export function useShop(): ShopContextValue {
  const v = useContext(ShopContext);
  if (!v) throw new Error('useShop outside the layout');
  return v;
}
