/**
 * One shop's part of the owning server's API, for CLI commands that go through it (sources,
 * marks): JSON in and out with a shop API key; a refusal becomes an error carrying the server's
 * own message.
 */
export class ShopApi {
  constructor(
    private readonly url: string,
    private readonly apiKey: string,
    private readonly shop: string,
    /** The resource under the shop, e.g. "import-sources". */
    private readonly resource: string,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/api/v1/shops/${encodeURIComponent(this.shop)}/${this.resource}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status === 204) return undefined as T;
    const data = (await res.json()) as T & { error?: { message: string } };
    if (!res.ok) throw new Error(`the server refused: ${data.error?.message ?? res.statusText}`);
    return data;
  }
}
