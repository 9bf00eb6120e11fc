/**
 * `storelens sources …` while a server owns the embedded store: drop folders are added, listed
 * and removed through its API (`/api/v1/shops/{shop}/import-sources`) with a shop API key from
 * STORELENS_API_KEY — only folders under the shop's drop folder, as anyone managing a shop's
 * imports may; URLs and folders elsewhere need the server stopped (the operator's own access).
 */
import { ShopApi } from './shop-api.js';

export interface RemoteSource {
  id: number;
  location: string;
  folder: string | null;
  kind: string | null;
  preset: string | null;
  mapping: string | null;
  everySeconds: number;
  lastPolledAt: string | null;
  lastError: string | null;
}

export class RemoteSources {
  private readonly api: ShopApi;

  constructor(url: string, apiKey: string, shop: string) {
    this.api = new ShopApi(url, apiKey, shop, 'import-sources');
  }

  list(): Promise<{ dropFolder: string; sources: RemoteSource[] }> {
    return this.api.call('GET', '');
  }

  add(source: { folder: string; kind?: string; preset?: string; mapping?: string; everySeconds: number }): Promise<RemoteSource> {
    return this.api.call('POST', '', source);
  }

  remove(id: number): Promise<void> {
    return this.api.call('DELETE', `/${id}`);
  }
}
