/**
 * Where `storelens marks` keeps a shop's marked days: the store itself, or — when a server owns the
 * embedded store, which a second process cannot open — that server's API
 * (`/api/v1/shops/{shop}/annotations`) with a shop API key from STORELENS_API_KEY (any key that
 * may run analyses, e.g. the `read` scope, may mark days, as on the dashboard). Both give the same
 * marks and the same refusals: the API's checks are the repository's.
 */
import { AnnotationsRepo, type MarkedDays, type MarkInput, ShopsRepo } from '../metadata/index.js';
import { owningServer } from './owning-server.js';
import { ShopApi } from './shop-api.js';
import { withStores } from './with-stores.js';

/** A mark as printed: what the API's JSON holds (dates as strings). */
export type Mark = Omit<MarkedDays, 'created_at' | 'updated_at'>;

export interface MarksBackend {
  list(range: { from?: string; to?: string }): Promise<Mark[]>;
  add(input: MarkInput): Promise<Mark>;
  /** Removes the mark and returns it as it was. */
  remove(id: number): Promise<Mark>;
}

/** The owning server's marks of one shop, over HTTP. */
export class RemoteMarks implements MarksBackend {
  private readonly api: ShopApi;

  constructor(url: string, apiKey: string, shop: string) {
    this.api = new ShopApi(url, apiKey, shop, 'annotations');
  }

  async list(range: { from?: string; to?: string }): Promise<Mark[]> {
    const q = new URLSearchParams(Object.entries(range).filter((e): e is [string, string] => e[1] !== undefined));
    return (await this.api.call<{ annotations: Mark[] }>('GET', q.size ? `?${q}` : '')).annotations;
  }

  add(input: MarkInput): Promise<Mark> {
    return this.api.call('POST', '', input);
  }

  async remove(id: number): Promise<Mark> {
    const mark = await this.api.call<Mark>('GET', `/${id}`);
    await this.api.call('DELETE', `/${id}`);
    return mark;
  }
}

/**
 * Runs `fn` with the shop's marks: through the owning server when there is one, else in the store
 * opened for the command (and closed after).
 */
export async function withMarks<T>(command: string, shop: string, fn: (marks: MarksBackend) => Promise<T>): Promise<T> {
  const server = owningServer('marks', shop, 'read');
  if (server) return fn(new RemoteMarks(server.url, server.apiKey, shop));
  return withStores(command, async (stores) => {
    const shopId = (await new ShopsRepo(stores.metadata).getBySlug(shop)).id;
    const repo = new AnnotationsRepo(stores.metadata);
    return fn({
      list: (range) => repo.list(shopId, range),
      add: (input) => repo.create(shopId, input),
      remove: async (id) => {
        const mark = await repo.get(shopId, id);
        await repo.delete(shopId, id);
        return mark;
      },
    });
  });
}
