/**
 * A fixed set of clients handed out one query at a time, FIFO. In embedded mode each client is
 * its own chDB connection to the same directory: queries on one connection run one after
 * another, separate connections run in parallel. Lanes keep interactive requests from queuing
 * behind imports and exports.
 */
export class ConnectionPool<C> {
  private readonly idle: C[];
  private readonly waiters: Array<(client: C) => void> = [];
  private closed = false;

  constructor(
    readonly name: string,
    private readonly clients: readonly C[],
  ) {
    this.idle = [...clients];
  }

  get size(): number {
    return this.clients.length;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  async use<T>(fn: (client: C) => Promise<T>): Promise<T> {
    const client = await this.acquire();
    try {
      return await fn(client);
    } finally {
      this.release(client);
    }
  }

  all(): readonly C[] {
    return this.clients;
  }

  close(): void {
    this.closed = true;
  }

  private acquire(): Promise<C> {
    if (this.closed) return Promise.reject(new Error(`connection pool "${this.name}" is closed`));
    const client = this.idle.pop();
    if (client !== undefined) return Promise.resolve(client);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(client: C): void {
    const next = this.waiters.shift();
    if (next) next(client);
    else this.idle.push(client);
  }
}
