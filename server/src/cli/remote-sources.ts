/**
 * `storelens sources …` while a server owns the embedded store: drop folders are added, listed
 * and removed through its API (`/api/v1/shops/{shop}/import-sources`) with a shop API key from
 * STORELENS_API_KEY — only folders under the shop's drop folder, as anyone managing a shop's
 * imports may; URLs and folders elsewhere need the server stopped (the operator's own access).
 */
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
  constructor(
    private readonly url: string,
    private readonly apiKey: string,
    private readonly shop: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/api/v1/shops/${encodeURIComponent(this.shop)}/import-sources${path}`, {
      method,
      headers: { authorization: `Bearer ${this.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status === 204) return undefined as T;
    const data = (await res.json()) as T & { error?: { message: string } };
    if (!res.ok) throw new Error(`the server refused: ${data.error?.message ?? res.statusText}`);
    return data;
  }

  list(): Promise<{ dropFolder: string; sources: RemoteSource[] }> {
    return this.call('GET', '');
  }

  add(source: { folder: string; kind?: string; preset?: string; mapping?: string; everySeconds: number }): Promise<RemoteSource> {
    return this.call('POST', '', source);
  }

  remove(id: number): Promise<void> {
    return this.call('DELETE', `/${id}`);
  }
}
